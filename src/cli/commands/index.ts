// Every command of the CLI. Each module declares its options and imports its use case lazily.
import type { Command } from 'commander';
import { register as up } from './up.js';
import { register as down } from './down.js';
import { register as ps } from './ps.js';
import { register as config } from './config.js';
import { register as build } from './build.js';
import { register as pull } from './pull.js';
import { register as push } from './push.js';
import { register as images } from './images.js';
import { register as create } from './create.js';
import { register as start } from './start.js';
import { register as stop } from './stop.js';
import { register as restart } from './restart.js';
import { register as kill } from './kill.js';
import { register as rm } from './rm.js';
import { register as pause } from './pause.js';
import { register as unpause } from './unpause.js';
import { register as exec } from './exec.js';
import { register as run } from './run.js';
import { register as cp } from './cp.js';
import { register as top } from './top.js';
import { register as port } from './port.js';
import { register as ls } from './ls.js';
import { register as events } from './events.js';
import { register as wait_ } from './wait.js';
import { register as attach } from './attach.js';
import { register as stats } from './stats.js';
import { register as scale } from './scale.js';
import { register as version } from './version.js';
import { register as completion } from './completion.js';
import { register as logs } from './logs.js';
import { register as commit } from './commit.js';
import { register as export_ } from './export.js';
import { register as volumes } from './volumes.js';
import { register as watch } from './watch.js';
import { register as alpha } from './alpha.js';

// In the order `--help` lists them: the daily ones first.
export const commands: ((program: Command) => void)[] = [
  up, down, ps, logs, config, build, pull, push, images,
  create, start, stop, restart, kill, rm, pause, unpause,
  exec, run, cp, top, port, ls, events, wait_, attach, stats, scale, version, completion,
  watch, commit, export_, volumes, alpha,
];
