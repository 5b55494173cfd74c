// alpha viz through the built CLI: global options after the nested command, experimental note,
// a bad --indentation-size is a usage error.
import { describe, expect, it } from 'vitest';
import { projectDir, tcompose } from '../helpers/engine.js';

describe('tcompose alpha viz', () => {
  const dir = projectDir({ 'other.yaml': 'name: graph\nservices:\n  a: {image: busybox, depends_on: [b]}\n  b: {image: busybox}\n' });

  it('prints the graph; -f works after the nested command too', async () => {
    const r = await tcompose(['alpha', 'viz', '-f', 'other.yaml', '--spaces', '--indentation-size', '2'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('viz command is EXPERIMENTAL');
    expect(r.stdout).toMatch(/^digraph "graph" \{\n  layout=dot;\n/);
    expect(r.stdout).toContain('  "a" -> "b";\n');
  });

  it('refuses a negative indentation', async () => {
    const r = await tcompose(['-f', 'other.yaml', 'alpha', 'viz', '--indentation-size', '-1'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid --indentation-size "-1"');
  });
});
