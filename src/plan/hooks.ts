// Lifecycle hooks (post_start, pre_stop) as plan data: the executor runs them as they are.
import type { Service, ServiceHook } from '../model/types.js';
import type { ExecHook } from './types.js';

function execHook(h: ServiceHook, tty: boolean): ExecHook {
  // A variable without a value has nothing to pass (docker compose drops it too).
  const env = Object.entries(h.environment ?? {}).flatMap(([k, v]) => (v === null || v === undefined ? [] : [`${k}=${v}`]));
  return {
    command: [...h.command],
    ...(h.user !== undefined ? { user: h.user } : {}),
    ...(h.privileged ? { privileged: true } : {}),
    ...(h.working_dir !== undefined ? { workingDir: h.working_dir } : {}),
    ...(env.length ? { env } : {}),
    ...(tty ? { tty: true } : {}),
  };
}

const hooks = (list: readonly ServiceHook[] | undefined, tty = false): ExecHook[] | undefined => (list?.length ? list.map((h) => execHook(h, tty)) : undefined);

/** `{ postStart }` for a start operation of the service's container (nothing without hooks). */
export function postStartOf(service: Service | undefined): { postStart?: ExecHook[] } {
  const h = hooks(service?.post_start, service?.tty);
  return h ? { postStart: h } : {};
}

/** `{ preStop }` for a stop (or recreate) operation of the service's container. */
export function preStopOf(service: Service | undefined): { preStop?: ExecHook[] } {
  const h = hooks(service?.pre_stop, service?.tty);
  return h ? { preStop: h } : {};
}

/** A hook's command as users read it in messages and plans. */
export function hookCommand(h: ExecHook): string {
  return h.command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}
