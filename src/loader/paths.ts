// Path helpers shared by normalization, extends and include.
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

/** Resolves a user-written path: `~` is the home directory, relative paths hang off `base`. */
export function resolvePath(base: string, p: string, home: string = homedir()): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return resolve(home, p.slice(2));
  return isAbsolute(p) ? resolve(p) : resolve(base, p);
}

/** A build context that is not a local directory (git or http URL). */
export function isRemoteContext(s: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|github\.com\/|ssh:\/\/)/.test(s) || /\.git(#.*)?$/.test(s);
}

/** A short volume source that names a path on the host rather than a volume. */
export function isHostPath(s: string): boolean {
  return s.startsWith('.') || s.startsWith('/') || s.startsWith('~') || s.includes('/') || /^[A-Za-z]:[\\/]/.test(s);
}
