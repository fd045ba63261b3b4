import { createRequire } from 'node:module';
import { colorDepth } from './cli/color.js';
import { InfoExit, parseOptions, UsageError, type Options } from './cli/options.js';
import { streamRecords } from './parse/record-stream.js';
import { Output } from './print/output.js';
import { Printer } from './print/printer.js';
import { RecordFilter } from './query/record-filter.js';
import { Theme } from './render/theme.js';
import { readFileChunks, readStreamChunks } from './source/read-chunks.js';
import { SourceError } from './source/source-error.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../package.json') as { version: string }).version;

function fail(message: string): void {
  process.stderr.write(`logview: ${message}\n`);
}

/** Runs logview; resolves to the exit status. Never throws for user-facing errors. */
export async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(argv, VERSION);
  } catch (err) {
    if (err instanceof InfoExit) {
      process.stdout.write(err.text);
      return 0;
    }
    if (err instanceof UsageError) {
      fail(`${err.message} (see logview --help)`);
      return 2;
    }
    throw err;
  }
  const files = opts.files.length > 0 ? opts.files : process.stdin.isTTY ? [] : ['-'];
  if (files.length === 0) {
    fail('no input: give a FILE, or pipe into logview (see logview --help)');
    return 2;
  }
  if (files.filter((f) => f === '-').length > 1) {
    fail('stdin ("-") can be given only once');
    return 2;
  }
  return runPrint(opts, files);
}

async function runPrint(opts: Options, files: string[]): Promise<number> {
  const out = new Output(process.stdout);
  const filter = new RecordFilter({
    minLevel: opts.minLevel,
    include: opts.include,
    exclude: opts.exclude,
    ...(opts.grep ? { grep: opts.grep } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
  });
  const theme = new Theme(colorDepth(opts.color, process.stdout));
  const printer = new Printer(out, filter, opts.output, theme, files);
  let status = 0;
  for (let id = 0; id < files.length && !out.closed; id++) {
    const name = files[id]!;
    const chunks = name === '-' ? readStreamChunks(process.stdin) : readFileChunks(name);
    try {
      await streamRecords(stopWhenClosed(chunks, out), id, (batch) => printer.writeBatch(batch));
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      // Whatever was read before the failure has been printed already.
      fail(err.message);
      status = 1;
    }
  }
  await out.end();
  if (files.includes('-')) process.stdin.destroy();
  return status;
}

async function* stopWhenClosed(chunks: AsyncGenerator<Buffer>, out: Output): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    if (out.closed) return;
    yield c;
  }
}
