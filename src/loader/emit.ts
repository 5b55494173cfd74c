// A small, fast YAML writer for plain data (the model is JSON-like). Strings that YAML could
// read as something else are written as JSON strings, which are valid YAML double-quoted
// scalars. yaml's own stringify is correct but several times slower on large projects.

const PLAIN_SAFE = /^[A-Za-z0-9_./][^\n\r\t]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\.inf|\.nan))$/i;
const NUMBERISH = /^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+|0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|\d+(:\d+)+|\d{4}-\d\d?-\d\d?.*)$/;

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = String(v);
  if (
    s === '' ||
    !PLAIN_SAFE.test(s) ||
    RESERVED.test(s) ||
    NUMBERISH.test(s) ||
    s.includes(': ') ||
    s.includes(' #') ||
    s.endsWith(':') ||
    s.endsWith(' ') ||
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)
  ) {
    return JSON.stringify(s);
  }
  return s;
}

function key(k: string): string {
  return scalar(k);
}

function isEmptyContainer(v: unknown): string | undefined {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => (v as Record<string, unknown>)[k] === undefined)) return '{}';
  return undefined;
}

export function toYaml(value: unknown): string {
  const out: string[] = [];
  const write = (v: unknown, indent: string): void => {
    if (Array.isArray(v)) {
      for (const item of v) {
        const empty = isEmptyContainer(item);
        if (item !== null && typeof item === 'object' && !empty) {
          const lines: string[] = [];
          const saved = out.length;
          write(item, indent + '  ');
          lines.push(...out.splice(saved));
          // First line of the nested block goes after the dash.
          out.push(`${indent}- ${lines[0]!.slice(indent.length + 2)}`, ...lines.slice(1));
        } else out.push(`${indent}- ${empty ?? scalar(item)}`);
      }
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      const empty = isEmptyContainer(x);
      if (x !== null && typeof x === 'object' && !empty) {
        out.push(`${indent}${key(k)}:`);
        write(x, Array.isArray(x) ? indent + '  ' : indent + '  ');
      } else out.push(`${indent}${key(k)}: ${empty ?? scalar(x)}`);
    }
  };
  const empty = isEmptyContainer(value);
  if (value === null || typeof value !== 'object' || empty) return `${empty ?? scalar(value)}\n`;
  write(value, '');
  return out.join('\n') + '\n';
}
