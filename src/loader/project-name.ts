// Project names as docker compose accepts them.
const VALID = /^[a-z0-9][a-z0-9_-]*$/;

/** Lowercases and drops characters outside [a-z0-9_-]; leading `_`/`-` go too. */
export function normalizeProjectName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export function isValidProjectName(s: string): boolean {
  return VALID.test(s);
}

/** docker compose's wording of the rule. */
export const PROJECT_NAME_RULE = 'must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number';

/** The message for an invalid name; `origin` says where it came from ("COMPOSE_PROJECT_NAME"). */
export function invalidProjectNameMessage(name: string, origin?: string): string {
  return `invalid project name ${JSON.stringify(name)}${origin ? ` (${origin})` : ''}: ${PROJECT_NAME_RULE}`;
}
