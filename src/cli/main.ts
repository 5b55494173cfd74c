// Entry point. `--version` answers before anything else is loaded; every other command loads
// the command-line program, which imports each use case only when it runs.
import { VERSION } from '../version.js';

// A reader that goes away (`tcompose logs -f | head`) is not an error: stop quietly, as
// docker compose does, instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`tcompose version ${VERSION}\n`);
} else {
  const { main } = await import('./program.js');
  await main(argv);
}
