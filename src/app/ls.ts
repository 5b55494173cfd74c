// ls: every compose project on the engine, found from container labels (ours and docker
// compose's alike), with a combined status such as "exited(1), running(2)".
import type { Engine } from '../engine/types.js';
import { Label } from '../state/labels.js';
import { compareText } from '../model/order.js';

export interface ProjectSummary {
  readonly name: string;
  /** "running(2)" or "exited(1), running(2)", as docker compose ls writes it. */
  readonly status: string;
  /** Comma-separated compose files the project was started from. */
  readonly configFiles: string;
}

export interface LsRequest {
  /** Projects with stopped containers only, too. */
  readonly all?: boolean;
  /** --filter name=…: an exact name or a regular expression, like docker's name filters. */
  readonly name?: string;
}

const matches = (pattern: string, name: string): boolean => {
  if (pattern === name) return true;
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return name.includes(pattern);
  }
};

export async function ls(engine: Engine, req: LsRequest = {}): Promise<ProjectSummary[]> {
  const containers = await engine.listContainers({ all: req.all, labels: [Label.project] });
  const byProject = new Map<string, { states: Map<string, number>; files: Set<string> }>();
  for (const c of containers) {
    const name = c.labels[Label.project];
    if (!name || (req.name !== undefined && !matches(req.name, name))) continue;
    let p = byProject.get(name);
    if (!p) byProject.set(name, (p = { states: new Map(), files: new Set() }));
    p.states.set(c.state, (p.states.get(c.state) ?? 0) + 1);
    for (const f of (c.labels[Label.configFiles] ?? '').split(',')) if (f) p.files.add(f);
  }
  return [...byProject.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, p]) => ({
      name,
      status: [...p.states.entries()].sort(([a], [b]) => compareText(a, b)).map(([s, n]) => `${s}(${n})`).join(', '),
      configFiles: [...p.files].join(','),
    }));
}
