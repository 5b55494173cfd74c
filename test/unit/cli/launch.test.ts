import { describe, expect, it } from 'vitest';
import { commandName } from '../../../src/cli/launch.js';

describe('commandName (which code cache a run uses)', () => {
  it.each([
    [['ps'], 'ps'],
    [['-f', 'a.yml', '--project-name', 'x', 'up', '-d'], 'up'],
    [['--progress', 'plain', '--dry-run', 'down', '-v'], 'down'],
    [['--env-file', '.env.ci', 'logs', '-f', 'web'], 'logs'],
    [['--help'], 'none'],
    [[], 'none'],
    [['../odd/name'], 'other'],
  ])('%j → %s', (argv, name) => {
    expect(commandName(argv)).toBe(name);
  });
});
