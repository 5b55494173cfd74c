// A project read back from the engine's labels, for `tcompose -p NAME ps|logs|down|…` where no
// compose file is at hand (docker compose allows this too). It knows the services, their
// dependencies, networks and volumes the containers were created with — enough to list, follow,
// stop and remove them — but not their full configuration, so `up` never uses it.
import type { Engine } from '../engine/types.js';
import type { Network, Project, Service, ServiceDependency, Volume } from '../model/types.js';
import { Label, projectFilter } from './labels.js';

/** "db:service_started:false,cache:service_healthy:true" → depends_on map. */
function parseDependsOn(label: string | undefined): Record<string, ServiceDependency> {
  const out: Record<string, ServiceDependency> = {};
  for (const entry of (label ?? '').split(',').filter(Boolean)) {
    const [name, condition, restart] = entry.split(':');
    if (!name) continue;
    out[name] = {
      condition: (condition as ServiceDependency['condition']) || 'service_started',
      restart: restart === 'true',
      required: true,
    };
  }
  return out;
}

export async function projectFromEngine(engine: Engine, name: string, cwd: string): Promise<Project> {
  const filter = projectFilter(name);
  const [containers, networks, volumes] = await Promise.all([
    engine.listContainers({ all: true, labels: filter }),
    engine.listNetworks(filter),
    engine.listVolumes(filter),
  ]);
  const services: Record<string, Service> = {};
  for (const c of containers) {
    const svc = c.labels[Label.service];
    if (!svc || c.labels[Label.oneoff] === 'True' || services[svc]) continue;
    services[svc] = { name: svc, image: c.image, depends_on: parseDependsOn(c.labels[Label.dependsOn]) };
  }
  const nets: Record<string, Network> = {};
  for (const n of networks) nets[n.labels[Label.network] ?? n.name] = { name: n.name };
  const vols: Record<string, Volume> = {};
  for (const v of volumes) vols[v.labels[Label.volume] ?? v.name] = { name: v.name };
  const first = containers[0]?.labels;
  return {
    name,
    workingDir: first?.[Label.workingDir] ?? cwd,
    configFiles: first?.[Label.configFiles]?.split(',').filter(Boolean) ?? [],
    services,
    disabledServices: {},
    networks: nets,
    volumes: vols,
    secrets: {},
    configs: {},
    extensions: {},
    environment: {},
    profiles: [],
  };
}
