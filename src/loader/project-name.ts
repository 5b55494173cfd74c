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
