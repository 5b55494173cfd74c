// `alpha viz`: the project as a graphviz digraph, one node per service (optionally with its
// networks, ports and image) and an edge from each service to what it depends on. Nodes and
// edges are sorted, so the same project always gives the same text.
import type { Project, Service } from '../model/types.js';
import { compareText } from '../model/order.js';
import { imageRef } from '../plan/container-spec.js';

export interface VizOptions {
  readonly networks?: boolean;
  readonly ports?: boolean;
  readonly image?: boolean;
  /** One level of indentation (default: a tab). */
  readonly indentation?: string;
}

export function viz(project: Project, options: VizOptions = {}): string {
  const indent = options.indentation ?? '\t';
  const services = Object.values(project.services).sort((a, b) => compareText(a.name, b.name));
  const lines = [`digraph ${quote(project.name)} {`, `${indent}layout=dot;`];
  for (const s of services) lines.push(`${indent}${quote(s.name)} [style="filled" label=<${label(project, s, options)}>];`);
  lines.push('');
  for (const s of services) {
    for (const dep of Object.keys(s.depends_on ?? {}).sort(compareText)) {
      if (project.services[dep]) lines.push(`${indent}${quote(s.name)} -> ${quote(dep)};`);
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

const quote = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;
const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function label(project: Project, s: Service, o: VizOptions): string {
  let out = `<font point-size="15">${html(s.name)}</font>`;
  const section = (title: string, items: readonly string[]): string =>
    `<font point-size="10"><br/><br/><b>${title}:</b>${items.map((i) => `<br/>${html(i)}`).join('')}</font>`;
  const networks = Object.entries(s.networks ?? {})
    .sort(([a, x], [b, y]) => (y?.priority ?? 0) - (x?.priority ?? 0) || compareText(a, b))
    .map(([name]) => name);
  if (o.networks && networks.length) out += section('Networks', networks);
  const ports = (s.ports ?? []).map((p) => `${p.host_ip ? `${p.host_ip}:` : ''}${p.published ?? ''}:${p.target} (${p.protocol}, ${p.mode ?? 'ingress'})`);
  if (o.ports && ports.length) out += section('Ports', ports);
  if (o.image) out += `<font point-size="10"><br/><br/><b>Image:</b><br/>${html(imageRef(project, s))}</font>`;
  return out;
}
