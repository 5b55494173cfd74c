// Colours, only where the user wants them (--ansi, NO_COLOR, a terminal).
export type AnsiMode = 'auto' | 'always' | 'never';

export function useColor(mode: AnsiMode, stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}

const wrap = (open: number, close: number) => (s: string): string => `\u001b[${open}m${s}\u001b[${close}m`;
export const style = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  magenta: wrap(35, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};
export const plain = Object.fromEntries(Object.keys(style).map((k) => [k, (s: string) => s])) as typeof style;
