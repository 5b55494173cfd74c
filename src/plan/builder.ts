// Accumulates plan nodes and edges; node ids are unique, a node added twice is kept once.
import type { ContainerSummary } from '../engine/types.js';
import { Label } from '../state/labels.js';
import type { ContainerRef, Operation, Plan, PlanNode } from './types.js';

/** How a plan refers to a container the engine already has. */
export const containerRef = (c: ContainerSummary): ContainerRef => ({ name: c.name, service: c.labels[Label.service] ?? '', id: c.id });

export class PlanBuilder {
  private readonly nodes = new Map<string, PlanNode>();
  private readonly edges: [string, string][] = [];
  private readonly warnings: string[] = [];

  /** Adds a node (or returns the id of the one already there) and returns its id. */
  add(id: string, op: Operation, resource: string, reason: string): string {
    if (!this.nodes.has(id)) this.nodes.set(id, { id, op, resource, reason });
    return id;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** `after` waits for `before`; undefined ends are ignored so callers can pass optional nodes. */
  edge(before: string | undefined, after: string | undefined): void {
    if (before && after && before !== after) this.edges.push([before, after]);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  build(): Plan {
    const seen = new Set<string>();
    const edges = this.edges.filter(([a, b]) => {
      const key = `${a}\u0000${b}`;
      if (seen.has(key) || !this.nodes.has(a) || !this.nodes.has(b)) return false;
      seen.add(key);
      return true;
    });
    return { nodes: [...this.nodes.values()], edges, warnings: [...this.warnings] };
  }
}
