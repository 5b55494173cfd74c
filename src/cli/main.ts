// Entry point. `--version` answers before anything else is loaded; every other command runs
// the command-line program (launch.ts), which loads each use case only when it runs.
import { VERSION } from '../version.js';

// A reader that goes away (`tcompose logs -f | head`) is not an error: stop quietly instead of
// dying on an unhandled EPIPE. Any other failure of our own output (a terminal that is gone)
// cannot be reported on that stream: end with 1, without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`tcompose version ${VERSION}\n`);
} else {
  const { launch } = await import('./launch.js');
  await launch(argv);
}
