// Variable substitution as the Compose Specification defines it: $VAR, ${VAR}, ${VAR:-d},
// ${VAR-d}, ${VAR:?msg}, ${VAR?msg}, ${VAR:+x}, ${VAR+x}, nested values, `$$` for a literal `$`.

export type Lookup = (name: string) => string | undefined;

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly variable?: string,
  ) {
    super(message);
  }
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** Substitutes variables in `s`. `onUnset` is told about variables read without a default. */
export function substitute(s: string, lookup: Lookup, onUnset?: (name: string) => void): string {
  if (!s.includes('$')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const d = s.indexOf('$', i);
    if (d < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, d);
    const next = s[d + 1];
    if (next === '$') {
      out += '$';
      i = d + 2;
    } else if (next === '{') {
      const end = closingBrace(s, d + 2);
      if (end < 0) throw new TemplateError(`invalid interpolation format: "${s}"; you may need to escape any $ with another $`);
      out += braced(s.slice(d + 2, end), s, lookup, onUnset);
      i = end + 1;
    } else {
      const m = NAME.exec(s.slice(d + 1));
      if (!m) {
        out += '$';
        i = d + 1;
        continue;
      }
      const v = lookup(m[0]);
      if (v === undefined) onUnset?.(m[0]);
      out += v ?? '';
      i = d + 1 + m[0].length;
    }
  }
  return out;
}

function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && s[i + 1] === '$') i++;
    else if (c === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(body: string, whole: string, lookup: Lookup, onUnset?: (name: string) => void): string {
  const m = NAME.exec(body);
  if (!m) throw new TemplateError(`invalid interpolation format: "${whole}"; you may need to escape any $ with another $`);
  const name = m[0];
  const rest = body.slice(name.length);
  const v = lookup(name);
  if (rest === '') {
    if (v === undefined) onUnset?.(name);
    return v ?? '';
  }
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest);
  if (!op) throw new TemplateError(`invalid interpolation format: "${whole}"; you may need to escape any $ with another $`, name);
  const arg = rest.slice(op[0].length);
  const emptyCounts = op[0].startsWith(':');
  const missing = v === undefined || (emptyCounts && v === '');
  switch (op[0]) {
    case ':-':
    case '-':
      return missing ? substitute(arg, lookup, onUnset) : v!;
    case ':?':
    case '?':
      if (missing) {
        const msg = substitute(arg, lookup, onUnset);
        throw new TemplateError(`required variable ${name} is missing a value${msg ? `: ${msg}` : ''}`, name);
      }
      return v!;
    default:
      return missing ? '' : substitute(arg, lookup, onUnset);
  }
}

export interface VariableUse {
  readonly name: string;
  readonly required: boolean;
  readonly defaultValue?: string;
  readonly alternateValue?: string;
}

/** The variables `s` refers to, with their defaults (for `config --variables`). */
export function listVariables(s: string): VariableUse[] {
  const out: VariableUse[] = [];
  let i = 0;
  while ((i = s.indexOf('$', i)) >= 0) {
    const next = s[i + 1];
    if (next === '$') {
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(s, i + 2);
      if (end < 0) break;
      const body = s.slice(i + 2, end);
      const m = NAME.exec(body);
      if (m) {
        const rest = body.slice(m[0].length);
        const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
        const arg = op ? rest.slice(op.length) : '';
        out.push({
          name: m[0],
          required: op === ':?' || op === '?',
          ...(op === ':-' || op === '-' ? { defaultValue: arg } : {}),
          ...(op === ':+' || op === '+' ? { alternateValue: arg } : {}),
        });
        out.push(...listVariables(arg));
      }
      i = end + 1;
      continue;
    }
    const m = NAME.exec(s.slice(i + 1));
    if (m) out.push({ name: m[0], required: false });
    i += 1 + (m ? m[0].length : 0);
  }
  return out;
}
