// Option helpers of the developer commands (exec, run): environment and label flags. The
// value parsers (--index, --format, booleans) are in parse.ts.

/** -e KEY=VAL as given; -e KEY takes KEY's value from our environment, and is dropped when unset (like docker). */
export function envFromFlags(values: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (!values?.length) return undefined;
  return values.flatMap((v) => (v.includes('=') ? [v] : env[v] === undefined ? [] : [`${v}=${env[v]}`]));
}

/** -l KEY=VAL → a label map. */
export function labelsFromFlags(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    out[i < 0 ? v : v.slice(0, i)] = i < 0 ? '' : v.slice(i + 1);
  }
  return out;
}
