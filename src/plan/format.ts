// Plans as text: what --dry-run prints and what planner tests compare against.
import { hookCommand } from './hooks.js';
import type { ExecHook, Operation, Plan, PlanNode } from './types.js';

const verbs: Record<Operation['kind'], [string, string]> = {
  'network.create': ['Creating', 'Created'],
  'network.remove': ['Removing', 'Removed'],
  'network.recreate': ['Recreating', 'Recreated'],
  'network.connect': ['Connecting', 'Connected'],
  'volume.create': ['Creating', 'Created'],
  'volume.remove': ['Removing', 'Removed'],
  'image.pull': ['Pulling', 'Pulled'],
  'image.build': ['Building', 'Built'],
  'image.push': ['Pushing', 'Pushed'],
  'image.remove': ['Removing', 'Removed'],
  'container.create': ['Creating', 'Created'],
  'container.recreate': ['Recreating', 'Recreated'],
  'container.start': ['Starting', 'Started'],
  'container.stop': ['Stopping', 'Stopped'],
  'container.restart': ['Restarting', 'Restarted'],
  'container.kill': ['Killing', 'Killed'],
  'container.remove': ['Removing', 'Removed'],
  'container.pause': ['Pausing', 'Paused'],
  'container.unpause': ['Unpausing', 'Unpaused'],
  'service.wait': ['Waiting', 'Ready'],
};

/** ["Creating", "Created"] for a node's operation. */
export const verbsOf = (node: PlanNode): [string, string] => verbs[node.op.kind];

/** Nodes in an order the plan allows (dependencies first), ties broken by id for stable text. */
export function orderedNodes(plan: Plan): PlanNode[] {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const indegree = new Map(plan.nodes.map((n) => [n.id, 0]));
  const next = new Map<string, string[]>(plan.nodes.map((n) => [n.id, []]));
  for (const [a, b] of plan.edges) {
    indegree.set(b, (indegree.get(b) ?? 0) + 1);
    next.get(a)?.push(b);
  }
  const ready = [...indegree].filter(([, d]) => d === 0).map(([id]) => id).sort();
  const out: PlanNode[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    out.push(byId.get(id)!);
    for (const n of next.get(id) ?? []) {
      const d = indegree.get(n)! - 1;
      indegree.set(n, d);
      if (d === 0) {
        ready.push(n);
        ready.sort();
      }
    }
  }
  return out;
}

/** " [pre_stop: cmd; post_start: cmd]" for an operation that runs lifecycle hooks, else "". */
function hooksText(op: Operation): string {
  const parts: string[] = [];
  const add = (name: string, hooks: readonly ExecHook[] | undefined): void => {
    if (hooks?.length) parts.push(`${name}: ${hooks.map(hookCommand).join('; ')}`);
  };
  if ('preStop' in op) add('pre_stop', op.preStop);
  if ('postStart' in op) add('post_start', op.postStart);
  return parts.length ? ` [${parts.join('; ')}]` : '';
}

/** One line per node: "create container demo-web-1 (created) after: start container demo-api-1". */
export function formatPlan(plan: Plan): string {
  if (plan.nodes.length === 0 && plan.warnings.length === 0) return 'nothing to do';
  const label = (n: PlanNode): string => `${n.op.kind.split('.')[1]} ${n.resource}`;
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const before = new Map<string, string[]>();
  for (const [a, b] of plan.edges) (before.get(b) ?? before.set(b, []).get(b)!).push(label(byId.get(a)!));
  const lines = orderedNodes(plan).map((n) => {
    const deps = before.get(n.id);
    return `${label(n)} (${n.reason})${hooksText(n.op)}${deps ? ` after: ${deps.sort().join(', ')}` : ''}`;
  });
  if (plan.nodes.length === 0) lines.push('nothing to do');
  return [...plan.warnings.map((w) => `warning: ${w}`), ...lines].join('\n');
}
