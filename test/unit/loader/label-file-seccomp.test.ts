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

describe('security_opt seccomp=<file>', () => {
  it('the file (relative to the project directory) becomes seccomp=<its JSON>; other forms stay', async () => {
    const { project } = await load({
      'sec/profile.json': '{\n  "defaultAction": "SCMP_ACT_ALLOW"\n}\n',
      'compose.yaml': 'services:\n  app:\n    image: busybox\n    security_opt: ["seccomp=sec/profile.json", "seccomp:unconfined", "label=disable"]\n  raw:\n    image: busybox\n    security_opt: [\'seccomp={"defaultAction":"SCMP_ACT_ALLOW"}\']\n',
    });
    expect(project.services.app!.security_opt).toEqual(['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}', 'seccomp:unconfined', 'label=disable']);
    expect(project.services.raw!.security_opt).toEqual(['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}']);
  });

  it('a missing or invalid profile is an error at its line', async () => {
    const e = await errors({ 'bad.json': '{nope', 'compose.yaml': 'services:\n  app:\n    image: busybox\n    security_opt:\n      - seccomp=./gone.json\n      - seccomp=./bad.json\n' });
    expect(e).toHaveLength(2);
    expect(e[0]).toMatch(/^5:\d+ seccomp profile \/.*\/proj\/gone\.json not found$/);
    expect(e[1]).toMatch(/^6:\d+ seccomp profile \/.*\/proj\/bad\.json is not valid JSON: /);
  });
});
