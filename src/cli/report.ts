// How failures reach the user: one clear message on stderr and an exit code. Stack traces
// only with --verbose or DEBUG, and for bugs (errors that are not ours).
import { ConfigError, TcomposeError, ExitCode } from '../errors.js';

export function reportError(err: unknown, verbose: boolean): number {
  const out = process.stderr;
  if (err instanceof ConfigError) {
    const n = err.diagnostics.length;
    out.write(n > 1 ? `${n} problems:\n${err.message}\n` : `${err.message}\n`);
  } else if (err instanceof TcomposeError) {
    if (err.message) out.write(`${err.message}\n`);
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    out.write(`internal error: ${e.message}\n`);
    if (!verbose) out.write('run again with --verbose for details, and please report it\n');
  }
  if (verbose && err instanceof Error && err.stack) out.write(`${err.stack}\n`);
  return err instanceof TcomposeError ? err.exitCode : ExitCode.failure;
}
