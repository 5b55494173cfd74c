// Settings the engine cannot honour at its API version (or that cannot apply on it at all):
// named as errors before anything is created, instead of being dropped silently by the engine.
// Pure: the API version comes in as data (engine.version().apiVersion).
import type { Project, Service } from '../model/types.js';
import { cdiDevices } from './container-spec.js';
import { nonEmpty } from './images.js';

/** Negative when a < b, for dotted API versions ("1.41" < "1.45"). */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

interface Requirement {
  /** The key as users write it, e.g. "volumes[1].volume.subpath". */
  readonly key: string;
  /** Minimum API version, or undefined when no engine version helps. */
  readonly api?: string;
  readonly why?: string;
}

function requirements(service: Service): Requirement[] {
  const out: Requirement[] = [];
  (service.volumes ?? []).forEach((v, i) => {
    if (v.type === 'volume' && v.volume?.subpath) out.push({ key: `volumes[${i}].volume.subpath`, api: '1.45' });
    if (v.type === 'image') out.push({ key: `volumes[${i}] (type: image)`, api: '1.47' });
    const recursive = v.type === 'bind' ? v.bind?.recursive : undefined;
    if (recursive === 'writable' || recursive === 'readonly') out.push({ key: `volumes[${i}].bind.recursive: ${recursive}`, api: '1.44' });
    if (recursive && recursive !== 'enabled' && v.bind?.selinux) {
      out.push({ key: `volumes[${i}].bind.selinux with bind.recursive`, why: "the engine's mount API, which bind.recursive needs, cannot relabel for SELinux" });
    }
  });
  for (const [name, net] of Object.entries(service.networks ?? {})) {
    if (net?.gw_priority !== undefined && net.gw_priority !== 0) out.push({ key: `networks.${name}.gw_priority`, api: '1.48' });
    if (net?.interface_name) out.push({ key: `networks.${name}.interface_name`, api: '1.49' });
  }
  const cdi = cdiDevices(service);
  if (cdi.length) out.push({ key: `devices (CDI: ${cdi.join(', ')})`, api: '1.44' });
  if (service.provider !== undefined) {
    out.push({ key: 'provider', why: "provider services run through docker compose's provider plugins (such as Docker Model Runner), which tcompose does not run" });
  }
  if (nonEmpty(service.models)) {
    out.push({ key: 'models', why: 'models are served by Docker Model Runner, which tcompose does not drive' });
  }
  const macs = Object.entries(service.networks ?? {}).filter(([, n]) => n?.mac_address).map(([k]) => k);
  if (macs.length > 1) out.push({ key: `networks.{${macs.join(',')}}.mac_address (more than one network)`, api: '1.44' });
  if (service.annotations && Object.keys(service.annotations as object).length) out.push({ key: 'annotations', api: '1.43' });
  if (service.healthcheck?.start_interval && !service.healthcheck.disable) out.push({ key: 'healthcheck.start_interval', api: '1.44' });
  // post_start / pre_stop run as execs; label_file and seccomp profile files are read by the loader.
  if (service.credential_spec !== undefined) out.push({ key: 'credential_spec', why: 'it applies to Windows containers only' });
  return out;
}

/**
 * One message per setting of the given services that cannot be honoured, e.g.
 * "service app: volumes[0].volume.subpath needs Engine API 1.45 (this engine speaks 1.41)".
 */
export function unsupportedSettings(project: Project, services: Iterable<string>, apiVersion: string): string[] {
  const out: string[] = [];
  for (const name of [...services].sort()) {
    const s = project.services[name];
    if (!s) continue;
    for (const r of requirements(s)) {
      if (r.api && compareApiVersions(apiVersion, r.api) >= 0) continue;
      out.push(`service ${name}: ${r.key} ${r.api ? `needs Engine API ${r.api} (this engine speaks ${apiVersion})` : `cannot be honoured: ${r.why}`}`);
    }
  }
  // A network without IPv4 (enable_ipv4: false) is API 1.47's; the services using it need it.
  const used = new Set([...services].flatMap((n) => Object.keys(project.services[n]?.networks ?? {})));
  for (const key of [...used].sort()) {
    const n = project.networks[key];
    if (n && !n.external && n.enable_ipv4 === false && compareApiVersions(apiVersion, '1.47') < 0) {
      out.push(`network ${key}: enable_ipv4: false needs Engine API 1.47 (this engine speaks ${apiVersion})`);
    }
  }
  return out;
}

const arch: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };

/** Whether checking these services needs the engine's version at all (no round trip otherwise). */
export function needsEngineVersion(project: Project, services: Iterable<string>): boolean {
  const names = [...services];
  return names.some((n) => typeof project.services[n]?.platform === 'string') || unsupportedSettings(project, names, '0').length > 0;
}

/**
 * Everything about the services this engine cannot honour: a `platform:` other than its own
 * OS/architecture (API 1.41 cannot run others) and settings its API version lacks. Pure: the
 * version comes in as data; undefined only when needsEngineVersion() said it is not needed.
 */
export function engineProblems(project: Project, services: Iterable<string>, engine: { readonly os: string; readonly arch: string; readonly apiVersion: string } | undefined): string[] {
  const names = [...services].sort();
  if (!engine) return []; // needsEngineVersion() was false: nothing here depends on the engine
  const own = `${engine.os}/${arch[engine.arch] ?? engine.arch}`;
  const out: string[] = [];
  for (const n of names) {
    const s = project.services[n];
    if (typeof s?.platform !== 'string') continue;
    // "linux" alone names no architecture: any engine running linux containers honours it.
    const [os, cpu] = s.platform.toLowerCase().split('/');
    const wanted = cpu ? `${os}/${arch[cpu] ?? cpu}` : `${os}/${arch[engine.arch] ?? engine.arch}`;
    if (wanted !== own) out.push(`service ${n}: platform ${s.platform} cannot be honoured: the engine runs ${own} containers only`);
  }
  return [...out, ...unsupportedSettings(project, names, engine.apiVersion)];
}
