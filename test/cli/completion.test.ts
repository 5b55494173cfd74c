// `tcompose completion bash|zsh`: the scripts list the real commands and flags, and complete
// the current project's service names. The bash script is exercised in a real bash.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, CLI, projectDir, run, tcompose } from '../helpers/engine.js';

const dir = projectDir({
  'compose.yaml': `services:\n  frontend:\n    image: ${BUSYBOX}\n  backend:\n    image: ${BUSYBOX}\n`,
  'other/custom.yaml': `services:\n  elsewhere:\n    image: ${BUSYBOX}\n`,
});
// `tcompose` on PATH for the script's service lookup.
const shim = projectDir({ tcompose: `#!/bin/sh\nexec ${process.execPath} ${CLI} "$@"\n` });

/** Completes `line` (the words before the cursor, plus the current one) with the bash script. */
async function complete(script: string, words: string[]): Promise<string[]> {
  const file = join(dir, 'completion.bash');
  writeFileSync(file, script);
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const body = `chmod +x ${shim}/tcompose; export PATH=${shim}:$PATH; source ${file}; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _tcompose; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = await run('bash', ['-c', body], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('tcompose completion', () => {
  it('bash: commands, flags of a command, global flags, and service names', async () => {
    const r = await tcompose(['completion', 'bash']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('complete -o default -F _tcompose tcompose');
    const cmds = await complete(r.stdout, ['tcompose', '']);
    for (const c of ['up', 'down', 'ps', 'exec', 'run', 'cp', 'ls', 'events', 'wait', 'completion']) expect(cmds).toContain(c);
    expect(await complete(r.stdout, ['tcompose', 'ex'])).toEqual(['exec', 'export']);
    const execFlags = await complete(r.stdout, ['tcompose', 'exec', '--']);
    for (const f of ['--detach', '--env', '--index', '--no-TTY', '--workdir', '--project-name']) expect(execFlags).toContain(f);
    expect(await complete(r.stdout, ['tcompose', '--pro'])).toEqual(['--profile', '--progress', '--project-directory', '--project-name']);
    expect(await complete(r.stdout, ['tcompose', 'exec', ''])).toEqual(['backend', 'frontend']);
    expect(await complete(r.stdout, ['tcompose', '-p', 'x', 'logs', 'f'])).toEqual(['frontend']);
    // -f on the line chooses the project the services come from.
    expect(await complete(r.stdout, ['tcompose', '-f', 'other/custom.yaml', 'run', ''])).toEqual(['elsewhere']);
    expect(await complete(r.stdout, ['tcompose', 'completion', ''])).toEqual(['bash', 'zsh']);
  }, 60_000);

  it('zsh: a compdef script naming every command with its description', async () => {
    const r = await tcompose(['completion', 'zsh']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('#compdef tcompose\n')).toBe(true);
    expect(r.stdout).toContain("'exec:execute a command in a running container'");
    expect(r.stdout).toMatch(/^ {4}run\) opts=\(.*--service-ports.*\); services=1 ;;$/m);
    expect(r.stdout).toContain('config --services');
  });

  it('refuses an unknown shell', async () => {
    const r = await tcompose(['completion', 'fish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unsupported shell "fish"/);
  });
});
