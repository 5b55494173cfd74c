import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { runCommand } from '../session.js';
import { parseFormat } from '../parse.js';
import { VERSION } from '../../version.js';

export function register(program: Command): void {
  program
    .command('version')
    .description('show the tcompose version (and the engine version, when it answers)')
    .option('--short', 'show only the tcompose version number')
    .option('-f, --format <format>', 'pretty or json', 'pretty')
    .action(async (flags: { short?: boolean; format?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await runCommand(globals, async () => {
        const format = parseFormat(flags.format, ['pretty', 'json'] as const, 'pretty');
        // --short never contacts the engine: it must answer at once, engine or not.
        if (flags.short) {
          process.stdout.write(VERSION + '\n');
          return;
        }
        const { connectEngine } = await import('../../engine/connect.js');
        const { version } = await import('../../app/version.js');
        const info = await version(connectEngine);
        if (format === 'json') {
          process.stdout.write(JSON.stringify({ version: info.version, ...(info.engine ? { engine: { version: info.engine.version, apiVersion: info.engine.apiVersion, os: info.engine.os, arch: info.engine.arch } } : {}) }) + '\n');
          return;
        }
        let text = `tcompose version ${info.version}\n`;
        if (info.engine) text += `Docker Engine version ${info.engine.version} (API ${info.engine.apiVersion}, ${info.engine.os}/${info.engine.arch})\n`;
        process.stdout.write(text);
      });
    });
}
