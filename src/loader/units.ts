// Byte sizes as docker compose reads them: "512m", "1gb", "100k", plain numbers (bytes).
const FACTORS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

export function parseBytes(v: string | number): number {
  if (typeof v === 'number') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmgtp])?(?:i?b)?\s*$/i.exec(v);
  if (!m) throw new Error(`invalid size "${v}"`);
  return Math.round(Number(m[1]) * FACTORS[(m[2] ?? 'b').toLowerCase()]!);
}
