// Every command of the CLI. Each module declares its options and imports its use case lazily.
import type { Command } from 'commander';
import { register as up } from './up.js';
import { register as down } from './down.js';
import { register as ps } from './ps.js';
import { register as config } from './config.js';

export const commands: ((program: Command) => void)[] = [up, down, ps, config];
