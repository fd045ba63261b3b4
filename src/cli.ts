import { createRequire } from 'node:module';
import { colorDepth } from './cli/color.js';
import { InfoExit, parseOptions, UsageError, type Options } from './cli/options.js';
import { Output } from './print/output.js';
import { printInParallel } from './print/parallel-print.js';
import { watchReader } from './print/reader-watch.js';
import { Printer } from './print/printer.js';
import { guardedInUse, onRegexAbandoned } from './query/guarded-regex.js';
import { RecordFilter } from './query/record-filter.js';
import { Theme } from './render/theme.js';
import { sanitize } from './render/sanitize.js';
import { ingestSources } from './pipeline/ingest.js';
import { describeFsError } from './source/source-error.js';
import { FormatConfigError } from './parse/custom-formats.js';
import { traceStartup } from './app/startup-trace.js';
import { stdinWasClosed } from './cli/closed-stdin.js';
import { expandSources } from './cli/expand-sources.js';
import { parseSourceSpec } from './source/source-spec.js';
import type { RemotePattern } from './source/ssh/remote-glob.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../package.json') as { version: string }).version;

// For bin/logview.js: an error that escapes main() is one escaped line too.
export { sanitize };

/** One `logview: ` line: a file name or option value in it is shown escaped, never obeyed. */
function fail(message: string): void {
  process.stderr.write(`logview: ${sanitize(message)}\n`);
}

/** Runs logview; resolves to the exit status. Never throws for user-facing errors. */
export async function main(argv: string[]): Promise<number> {
  traceStartup('main');
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
      if (err.detail.length > 0) {
        fail(err.message);
        for (const line of err.detail) process.stderr.write(`${sanitize(line)}\n`);
      } else fail(`${err.message} (see logview --help)`);
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
  let files = opts.files.length > 0 ? opts.files : process.stdin.isTTY ? [] : ['-'];
  if (files.length === 0) {
    fail('no input: give a FILE, pipe a log into logview, or try logview --demo (see logview --help)');
    return 2;
  }
  // A closed stdin (`<&-`) read as a source is an unreadable one, as cat and
  // tail say it (`</dev/null` is an empty input, read as such).
  if (files.includes('-') && stdinWasClosed()) {
    fail('standard input: Bad file descriptor (it is closed)');
    return 1;
  }
  if (files.filter((f) => f === '-').length > 1) {
    fail('stdin ("-") can be given only once');
    return 2;
  }
  let unreadable = false;
  let patterns: RemotePattern[] = [];
  try {
    const expanded = await expandSources(files);
    for (const p of expanded.problems) fail(p);
    unreadable = expanded.problems.length > 0;
    files = expanded.names;
    patterns = expanded.patterns;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    fail(`${err.message} (see logview --help)`);
    return 2;
  }
  // Remote patterns that matched nothing (or whose host could not be reached), and nothing else.
  if (files.length === 0) return 1;
  // The TUI when a person watches (stdout is a terminal) and keys can be read;
  // otherwise print mode.
  if (!opts.print && process.stdout.isTTY) {
    const { startTui } = await import('./app/start-tui.js');
    const code = await startTui(opts, files, patterns);
    if (code !== undefined) return code;
  }
  const status = await runPrint(opts, files, patterns);
  return status === 0 && unreadable ? 1 : status;
}

/** Signals that end a live print (flushing the partial last line first), with their numbers for the exit status. */
const STOP_SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGQUIT: 3 } as const;

async function runPrint(opts: Options, files: string[], patterns: readonly RemotePattern[]): Promise<number> {
  // A closed output (`| head`) ends the follow at once, not at the next append.
  const out = new Output(process.stdout, () => void ingest.stop());
  const filter = RecordFilter.fromOptions(opts, files);
  const depth = colorDepth(opts.color, process.stdout);
  const theme = new Theme(depth, opts.view.theme);
  const printer = new Printer(out, filter, opts.output, theme, files);
  // A -g or -q regex given up past its deadline (see GuardedRegExp) ends the
  // print: nothing more could match. One line says why; exit 1.
  let gaveUp = false;
  const offAbandoned = onRegexAbandoned((message) => {
    if (!gaveUp) fail(message);
    gaveUp = true;
    void ingest.stop();
  });
  // One big file, read once: parsed by worker threads, segment by segment
  // (not when a filter needs an exchange's two halves: segments see one;
  // nor for a guarded -g or -q regex, whose deadline this thread must hear of).
  if (!opts.follow && files.length === 1 && parseSourceSpec(files[0]!).kind === 'file' && !filter.needsPairs && !guardedInUse()) {
    const path = files[0]!;
    try {
      if (await printInParallel({ path, opts, colorDepth: depth, out, printer })) return outputStatus(out);
    } catch (err) {
      fail(`${path}: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  const ingest = ingestSources(files, { follow: opts.follow, format: opts.format, levelFloor: filter.levelFloor(), restart: opts.restart, remotePatterns: patterns }, {
    onRecords: async (batch) => {
      await printer.writeBatch(batch);
      if (out.closed) ingest.stop();
    },
    // A new file under a remote pattern: the printer and the filter name its records from `files`.
    onSourceAdded: (_id, name) => void files.push(name),
    onNotice: (_id, message, kind) => {
      // Print mode reports problems and waits ("waiting for app.log");
      // "stdin closed", rotation and truncation are the normal life of a log.
      if (kind !== 'info') fail(message);
    },
  });
  // A followed file (or a live pipe) ends only by a signal: flush the partial
  // last line and the record held open, then exit 0. A second signal quits at once.
  const live = opts.follow || opts.restart || files.some((f) => parseSourceSpec(f).kind !== 'file');
  // SIGHUP (the terminal went away) and SIGQUIT end it the same way.
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(128 + STOP_SIGNALS[signal as keyof typeof STOP_SIGNALS]);
    stopping = true;
    void ingest.stop();
  };
  const signals = Object.keys(STOP_SIGNALS) as NodeJS.Signals[];
  if (live) for (const s of signals) process.on(s, onSignal);
  // An idle follow writes nothing, so no EPIPE tells it the reader left (`| head -n2`).
  const stopWatch = live ? watchReader(() => out.readerGone()) : () => {};
  try {
    await ingest.done;
    await printer.end();
  } finally {
    if (live) for (const s of signals) process.off(s, onSignal);
    stopWatch();
    offAbandoned();
  }
  if (files.includes('-')) process.stdin.destroy();
  const status = outputStatus(out);
  return status !== 0 ? status : ingest.failed || gaveUp ? 1 : 0;
}

/** 1 with one `logview:` line when writing to stdout failed (other than a closed pipe), else 0. */
function outputStatus(out: Output): number {
  if (!out.error) return 0;
  fail(`standard output: ${describeFsError(out.error)}`);
  return 1;
}
