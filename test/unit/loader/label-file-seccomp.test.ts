// Files the loader reads into the model: label_file (merged under labels, then dropped) and
// seccomp profile files (sent as their JSON, as docker compose does).
import { describe, expect, it } from 'vitest';
import { errors, load } from './helpers.js';

describe('label_file', () => {
  it('reads KEY=VALUE files in order, labels: wins, the key is not kept', async () => {
    const { project } = await load({
      'a.labels': '# comment\nteam=core\ntier=a\nexport quoted="x y"\n',
      'sub/b.labels': 'tier=b\nonly.b=1\n',
      'compose.yaml': 'services:\n  app:\n    image: busybox\n    label_file: [a.labels, ./sub/b.labels]\n    labels: [team=yaml]\n',
    });
    const app = project.services.app!;
    expect(app.labels).toEqual({ team: 'yaml', tier: 'b', quoted: 'x y', 'only.b': '1' });
    expect(app).not.toHaveProperty('label_file');
  });

  it('a single file as a string', async () => {
    const { project } = await load({ 'l': 'k=v\n', 'compose.yaml': 'services:\n  app:\n    image: busybox\n    label_file: ./l\n' });
    expect(project.services.app!.labels).toEqual({ k: 'v' });
  });

  it('a missing file is an error at its line in the compose file', async () => {
    const e = await errors({ 'there.labels': 'a=b\n', 'compose.yaml': 'services:\n  app:\n    image: busybox\n    label_file:\n      - ./there.labels\n      - ./missing.labels\n' });
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^6:\d+ label file \/.*\/proj\/missing\.labels not found$/);
  });
});
