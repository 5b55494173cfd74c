// Interpolation of a parsed file: substitutes variables in every string value (never keys),
// in place so positions stay valid, and turns substituted text back into numbers/booleans
// where the field is typed ("${REPLICAS:-2}" → 2).
import type { Diagnostic } from '../errors.js';
import { locate, type Raw } from './located.js';
import { substitute, TemplateError, type Lookup } from './template.js';
import { codeFrame } from './frame.js';

const BOOLEAN_KEYS = new Set([
  'read_only', 'tty', 'stdin_open', 'privileged', 'init', 'oom_kill_disable', 'attachable', 'internal',
  'external', 'enable_ipv6', 'enable_ipv4', 'disable', 'nocopy', 'create_host_path', 'no_cache', 'pull',
  'required', 'use_api_socket', 'initial_sync',
]);
const NUMBER_KEYS = new Set([
  'scale', 'replicas', 'retries', 'cpu_shares', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota',
  'cpu_rt_runtime', 'cpu_rt_period', 'cpus', 'mem_swappiness', 'oom_score_adj', 'pids_limit', 'target',
  'priority', 'gw_priority', 'weight', 'max_replicas_per_node', 'max_attempts', 'max_failure_ratio',
  'parallelism', 'soft', 'hard', 'size',
]);

export interface InterpolationContext {
  readonly lookup: Lookup;
  readonly diags: Diagnostic[];
  /** Called once per variable that is unset and has no default. */
  readonly onUnset: (name: string) => void;
}

export function interpolateTree(root: Raw, ctx: InterpolationContext): void {
  const path: (string | number)[] = [];
  const visit = (node: Raw): void => {
    if (node === null || typeof node !== 'object') return;
    const isSeq = Array.isArray(node);
    const entries: [string | number, Raw][] = isSeq ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [k, v] of entries) {
      path.push(k);
      if (typeof v === 'string') {
        if (v.includes('$')) {
          try {
            const s = substitute(v, ctx.lookup, ctx.onUnset);
            (node as Record<string | number, Raw>)[k] = coerce(s, path);
          } catch (e) {
            if (!(e instanceof TemplateError)) throw e;
            const location = locate(root, path);
            ctx.diags.push({ message: e.message, location, frame: codeFrame(location) });
          }
        }
      } else visit(v);
      path.pop();
    }
  };
  visit(root);
}

function coerce(s: string, path: readonly (string | number)[]): Raw {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return s;
  if (BOOLEAN_KEYS.has(key) || (key === 'restart' && path.includes('depends_on'))) {
    const l = s.toLowerCase();
    if (['true', 'yes', 'y', 'on'].includes(l)) return true;
    if (['false', 'no', 'n', 'off'].includes(l)) return false;
  }
  if (NUMBER_KEYS.has(key) && /^-?\d+(\.\d+)?$/.test(s) && !(key === 'target' && path.includes('volumes'))) return Number(s);
  return s;
}
