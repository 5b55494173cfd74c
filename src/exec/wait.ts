// Waiting for containers to reach a condition (depends_on, up --wait, tcompose wait).
// Re-checks on every engine event about the containers, with a slow timer as a safety net.
import type { ContainerDetails, Engine } from '../engine/types.js';
import { WaitError } from '../errors.js';
import type { WaitCondition } from '../plan/types.js';

type Verdict = { readonly ok: true } | { readonly ok: false; readonly final: boolean; readonly why: string };

const lastHealthOutput = (c: ContainerDetails): string => {
  const log = c.state.health?.log ?? [];
  const out = log[log.length - 1]?.output.trim();
  return out ? `; last health check output: ${out.length > 400 ? out.slice(0, 400) + '…' : out}` : '';
};

const describe = (c: ContainerDetails): string => {
  const health = c.state.health ? `, health ${c.state.health.status}` : '';
  const exit =
    c.state.status === 'exited' || c.state.status === 'dead'
      ? `, exit code ${c.state.exitCode}`
      : c.state.restarting
        ? `, last exit code ${c.state.exitCode}, restarted ${c.restartCount} times`
        : '';
  return `${c.name} is ${c.state.status}${exit}${health}`;
};

/**
 * Restarts after which a container that keeps failing counts as crash-looping: with
 * `restart: always` it never settles in `exited`, so waiting for it would never end.
 */
export const CRASH_LOOP_RESTARTS = 3;

/** `on-failure:N` gives up by itself after N tries (ending `exited`): each try may be the good one. */
const retriesAreBounded = (c: ContainerDetails): boolean => {
  const policy = c.hostConfig.RestartPolicy as { Name?: string; MaximumRetryCount?: number } | undefined;
  return policy?.Name === 'on-failure' && (policy.MaximumRetryCount ?? 0) > 0;
};

const crashLoop = (c: ContainerDetails): Verdict | undefined =>
  c.state.restarting && c.state.exitCode !== 0 && c.restartCount >= CRASH_LOOP_RESTARTS && !retriesAreBounded(c)
    ? { ok: false, final: true, why: `${c.name} is crash-looping: restarted ${c.restartCount} times, last exit code ${c.state.exitCode}${lastHealthOutput(c)}` }
    : undefined;

/** Judges one container against a condition. */
export function judge(c: ContainerDetails, condition: WaitCondition): Verdict {
  const exited = c.state.status === 'exited' || c.state.status === 'dead';
  const restarting = c.state.restarting;
  switch (condition) {
    case 'service_started':
      return c.state.status === 'created' ? { ok: false, final: false, why: describe(c) } : { ok: true };
    case 'service_completed_successfully':
      if (exited && !restarting) return c.state.exitCode === 0 ? { ok: true } : { ok: false, final: true, why: `${describe(c)}: it did not complete successfully` };
      // restart: always/unless-stopped restarts even a successful one-shot: its exit 0 is the completion.
      if (restarting && c.state.exitCode === 0 && c.state.finishedAt && !c.state.finishedAt.startsWith('0001-')) return { ok: true };
      return crashLoop(c) ?? { ok: false, final: false, why: describe(c) };
    case 'service_healthy':
      if (!c.state.health) return { ok: false, final: true, why: `${c.name} has no healthcheck configured` };
      if (c.state.health.status === 'healthy') return { ok: true };
      if (c.state.health.status === 'unhealthy') return { ok: false, final: true, why: `${describe(c)}${lastHealthOutput(c)}` };
      if (exited && !restarting) return { ok: false, final: true, why: `${describe(c)}${lastHealthOutput(c)}` };
      return crashLoop(c) ?? { ok: false, final: false, why: `${describe(c)}${lastHealthOutput(c)}` };
    case 'ready':
      if (c.state.health) return judge(c, 'service_healthy');
      if (exited && !restarting) return c.state.exitCode === 0 ? { ok: true } : { ok: false, final: true, why: describe(c) };
      return c.state.running && !restarting ? { ok: true } : crashLoop(c) ?? { ok: false, final: false, why: describe(c) };
  }
}

const conditionText: Record<WaitCondition, string> = {
  service_started: 'start',
  service_healthy: 'become healthy',
  service_completed_successfully: 'complete successfully',
  ready: 'become ready',
};

export interface WaitTarget {
  readonly service: string;
  readonly containers: readonly string[];
  readonly condition: WaitCondition;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export async function waitFor(engine: Engine, target: WaitTarget): Promise<void> {
  const deadline = target.timeoutMs === undefined ? Infinity : Date.now() + target.timeoutMs;
  const stopEvents = new AbortController();
  const onAbort = (): void => stopEvents.abort();
  target.signal?.addEventListener('abort', onAbort, { once: true });
  let wake: (() => void) | undefined;
  const events = (async () => {
    try {
      for await (const _ of engine.events({ containers: target.containers, types: ['container'] }, stopEvents.signal)) wake?.();
    } catch {
      // The timer below keeps the wait going without events.
    }
  })();
  try {
    let delay = 50;
    for (;;) {
      const found = await Promise.all(target.containers.map((n) => engine.inspectContainer(n)));
      const pending: string[] = [];
      for (const [i, c] of found.entries()) {
        if (!c) throw new WaitError(`service ${target.service} did not ${conditionText[target.condition]}: container ${target.containers[i]} does not exist`);
        const v = judge(c, target.condition);
        if (v.ok) continue;
        if (v.final) throw new WaitError(`service ${target.service} did not ${conditionText[target.condition]}: ${v.why}`);
        pending.push(v.why);
      }
      if (!pending.length) return;
      if (target.signal?.aborted) throw new WaitError(`waiting for service ${target.service} was interrupted`);
      const left = deadline - Date.now();
      if (left <= 0) throw new WaitError(`service ${target.service} did not ${conditionText[target.condition]} in time: ${pending.join('; ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(delay, left));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = undefined;
      delay = Math.min(delay * 2, 1000);
    }
  } finally {
    target.signal?.removeEventListener('abort', onAbort);
    stopEvents.abort();
    await events;
  }
}
