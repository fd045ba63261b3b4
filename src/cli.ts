import { createRequire } from 'node:module';
import { colorDepth } from './cli/color.js';
import { InfoExit, parseOptions, UsageError, type Options } from './cli/options.js';
import { Output } from './print/output.js';
import { Printer } from './print/printer.js';
import { RecordFilter } from './query/record-filter.js';
import { Theme } from './render/theme.js';
import { ingestSources } from './pipeline/ingest.js';
import { describeFsError } from './source/source-error.js';
import { FormatConfigError } from './parse/custom-formats.js';

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
    if (err instanceof FormatConfigError) {
      fail(err.message);
      return 2;
    }
    if (err instanceof UsageError) {
      fail(`${err.message} (see logview --help)`);
      return 2;
    }
    throw err;
  }
  let demo: { path: string; stop(): void } | undefined;
  if (opts.demo) {
    const { startDemo } = await import('./demo/demo-writer.js');
    demo = await startDemo();
    opts.files = [demo.path];
  }
  try {
    return await run(opts);
  } finally {
    demo?.stop();
  }
}

async function run(opts: Options): Promise<number> {
  const files = opts.files.length > 0 ? opts.files : process.stdin.isTTY ? [] : ['-'];
  if (files.length === 0) {
    fail('no input: give a FILE, pipe a log into logview, or try logview --demo (see logview --help)');
    return 2;
  }
  if (files.filter((f) => f === '-').length > 1) {
    fail('stdin ("-") can be given only once');
    return 2;
  }
  // The TUI when a person watches (stdout is a terminal) and keys can be read;
  // otherwise print mode.
  if (!opts.print && process.stdout.isTTY) {
    const { startTui } = await import('./app/start-tui.js');
    const code = await startTui(opts, files);
    if (code !== undefined) return code;
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
  const ingest = ingestSources(files, { follow: opts.follow, format: opts.format }, {
    onRecords: async (batch) => {
      await printer.writeBatch(batch);
      if (out.closed) ingest.stop();
    },
    onNotice: (_id, message, kind) => {
      // Print mode reports problems and waits ("waiting for app.log");
      // "stdin closed", rotation and truncation are the normal life of a log.
      if (kind !== 'info') fail(message);
    },
  });
  // A followed file (or a live pipe) ends only by a signal: flush the partial
  // last line and the record held open, then exit 0. A second signal quits at once.
  const live = opts.follow || files.includes('-');
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    void ingest.stop();
  };
  if (live) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    await ingest.done;
  } finally {
    if (live) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
  if (files.includes('-')) process.stdin.destroy();
  if (out.error) {
    fail(`standard output: ${describeFsError(out.error)}`);
    return 1;
  }
  return ingest.failed ? 1 : 0;
}
