import { colorDepth } from '../cli/color.js';
import type { Options } from '../cli/options.js';
import { fail } from '../cli/fail.js';
import { Output } from './output.js';
import { printInParallel } from './parallel-print.js';
import { watchReader } from './reader-watch.js';
import { Printer } from './printer.js';
import { guardedInUse, onRegexAbandoned } from '../query/guarded-regex.js';
import { RecordFilter } from '../query/record-filter.js';
import { Theme } from '../render/theme.js';
import { ingestSources } from '../pipeline/ingest.js';
import { dropPrestartedWorkers } from '../pipeline/worker-prestart.js';
import { describeFsError } from '../source/source-error.js';
import { parseSourceSpec } from '../source/source-spec.js';
import type { RemotePattern } from '../source/ssh/remote-glob.js';

// Print mode on its own: the TUI never loads it (nor its printer and
// parallel print), so a TUI's first screen does not wait for their compile.

/** Signals that end a live print (flushing the partial last line first), with their numbers for the exit status. */
const STOP_SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGQUIT: 3 } as const;

/** Print mode: the records of `files` through the command line's filter to stdout; resolves to the exit status. */
export async function runPrint(opts: Options, files: string[], patterns: readonly RemotePattern[]): Promise<number> {
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
    } finally {
      dropPrestartedWorkers();
    }
  }
  dropPrestartedWorkers();
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
