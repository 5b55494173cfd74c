// A short code frame: the line before, the line itself and a caret under the column.
import type { Location } from '../model/types.js';

/** Per-file source text for code frames, keyed by the name shown in messages. */
export const sourceTexts = new Map<string, string>();

export function codeFrame(loc: Location | undefined): string | undefined {
  if (!loc) return undefined;
  const text = sourceTexts.get(loc.file);
  if (text === undefined) return undefined;
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, loc.line - 1);
  const to = Math.min(lines.length, loc.line);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const src = (lines[n - 1] ?? '').replace(/\s+$/, '');
    out.push(`${n === loc.line ? '>' : ' '} ${String(n).padStart(width)} | ${src.length > 120 ? src.slice(0, 117) + '...' : src}`);
  }
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, Math.min(loc.col - 1, 120)))}^`);
  return out.join('\n');
}
