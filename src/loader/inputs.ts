// Everything the loader looked at outside the process: the files it read and the paths whose
// existence decided something (which compose file, whether an override or a .env exists).
// The load cache (cache.ts) keeps these to tell whether loading again would give the same.
import { readFileSync, statSync } from 'node:fs';

export type PathKind = 'file' | 'other' | 'missing';

export class Inputs {
  /** Path → the text read, or null when reading failed. */
  readonly files = new Map<string, string | null>();
  /** Path → what it was when looked at. */
  readonly paths = new Map<string, PathKind>();

  /** readFileSync(path, 'utf8'), remembered. Throws like it. */
  read(path: string): string {
    try {
      const text = readFileSync(path, 'utf8');
      this.files.set(path, text);
      return text;
    } catch (e) {
      this.files.set(path, null);
      throw e;
    }
  }

  kind(path: string): PathKind {
    const k = pathKind(path);
    this.paths.set(path, k);
    return k;
  }
}

export function pathKind(path: string): PathKind {
  try {
    return statSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}
