/**
 * `npm run parse`: reads requests from standard input, one per line, and writes exactly one JSON object
 * per line to standard output, in order (../shared/nlu/README.md). An empty line still gets its object.
 * Optional first argument: the locale to fall back on (`npm run parse -- nl-NL`).
 */
import { createInterface } from 'node:readline';
import { contractRequest, parse } from '../src/language';

const locale = process.argv[2];
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });

// A reader that stops early (`| head`) closes the pipe; that ends the run, it is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

lines.on('line', (line) => {
  // write() buffers when the pipe is slow; Node flushes that buffer before exiting, so no line is lost.
  process.stdout.write(`${JSON.stringify(contractRequest(parse(line, locale)))}\n`);
});
