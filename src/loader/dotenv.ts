// .env files as docker compose reads them: `KEY=value`, `export KEY=value`, comments,
// single quotes (literal), double quotes (escapes, may span lines), unquoted values with
// ` #` comments, `${VAR}` expansion from earlier keys and the environment, a leading BOM.
import { substitute, type Lookup } from './template.js';

export class DotenvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Parses `text`. A bare `KEY` takes its value from `lookup` (or is left out when unset).
 * With `raw`, values are taken as written (env_file `format: raw`).
 */
export function parseDotenv(text: string, lookup: Lookup = () => undefined, raw = false): Record<string, string> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: Record<string, string> = {};
  const get: Lookup = (n) => (Object.prototype.hasOwnProperty.call(out, n) ? out[n] : lookup(n));
  const lines = text.split(/\r?\n/);
  if (raw) {
    lines.forEach((l) => {
      if (!l.trim() || l.trimStart().startsWith('#')) return;
      const eq = l.indexOf('=');
      if (eq < 0) {
        const v = lookup(l.trim());
        if (v !== undefined) out[l.trim()] = v;
      } else out[l.slice(0, eq).trim()] = l.slice(eq + 1);
    });
    return out;
  }
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i]!.trimStart();
    if (line === '' || line.startsWith('#')) continue;
    if (/^export\s+/.test(line)) line = line.replace(/^export\s+/, '');
    const km = /^([^=\s#]+)\s*(=)?/.exec(line);
    if (!km) throw new DotenvError(`unexpected character "${line[0]}" in variable name`, lineNo);
    const key = km[1]!;
    if (!/^[A-Za-z_][A-Za-z0-9_.\-]*$/.test(key)) throw new DotenvError(`invalid variable name "${key}"`, lineNo);
    if (!km[2]) {
      if (line.slice(km[0].length).trim() && !line.slice(km[0].length).trim().startsWith('#'))
        throw new DotenvError(`expected "=" after "${key}"`, lineNo);
      const v = lookup(key);
      if (v !== undefined) out[key] = v;
      continue;
    }
    let rest = line.slice(km[0].length).replace(/^[ \t]+/, '');
    const q = rest[0];
    if (q === '"' || q === "'") {
      // Quoted: may continue over the following lines until the closing quote.
      let body = rest.slice(1);
      let close = findClose(body, q);
      while (close < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i]!;
        close = findClose(body, q);
      }
      if (close < 0) throw new DotenvError(`unterminated quoted value for ${key}`, lineNo);
      const after = body.slice(close + 1).trim();
      if (after && !after.startsWith('#')) throw new DotenvError(`unexpected text after the quoted value of ${key}`, lineNo);
      const inner = body.slice(0, close);
      out[key] = q === "'" ? inner : substitute(unescape(inner), get);
    } else {
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      out[key] = substitute(rest.trim(), get);
    }
  }
  return out;
}

function findClose(s: string, q: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && q === '"') i++;
    else if (s[i] === q) return i;
  }
  return -1;
}

function unescape(s: string): string {
  return s.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? (c === '$' ? '$$' : c));
}
