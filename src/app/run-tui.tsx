import type { Instance } from 'ink';
import type { Options } from '../cli/options.js';
import { colorDepth } from '../cli/color.js';
import { LoggerRules } from '../query/logger-rules.js';
import { ingestSources } from '../pipeline/ingest.js';
import { TAIL_FIRST_MIN_BYTES } from '../pipeline/tail-first.js';
import { BACKGROUND_NICENESS } from '../pipeline/thread-priority.js';
import { Theme } from '../render/theme.js';
import { sanitize } from '../render/sanitize.js';
import { RecordStore } from '../store/record-store.js';
import { INK_OPTIONS } from '../ui/ink-options.js';
import { LineSlots, slotStream } from '../ui/line-slots.js';
import { TerminalScreen } from '../ui/terminal-screen.js';
import { recheckAnswered } from '../ui/query-commands.js';
import { remapKeys } from '../ui/key-table.js';
import { Viewer } from '../ui/viewer.js';
import { clipboardWriter, osc52Supported } from './clipboard.js';
import { clearedByFirstFrame, firstPaint } from './first-paint.js';
import { handleEarlyKeys, type EarlyKeys } from './early-keys.js';
import { traceStartup } from './startup-trace.js';
import { withoutCi } from './without-ci.js';
import { withoutFetch } from './without-fetch.js';
import { saveRecords } from './save-records.js';
import { limitPerTurn, MATCH_DEADLINE_MS, onRegexAbandoned } from '../query/guarded-regex.js';
import type { RemotePattern } from '../source/ssh/remote-glob.js';

/** The notice slot of a given-up regex (sources use their ids, from 0). */
const REGEX_NOTICE = -1;

export interface RunTuiOptions {
  opts: Options;
  files: string[];
  keys: NodeJS.ReadStream;
  out: NodeJS.WriteStream;
  /** Remote patterns the files were expanded from: watched for new files. */
  remotePatterns?: readonly RemotePattern[];
}

const SIGNALS = { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 } as const;

/**
 * The interactive viewer wired up: ingest (following) appends to the store,
 * the viewer reads the store (it subscribes to it), the Ink app draws on the
 * alternate screen, and every way out restores the terminal first.
 */
export function runTui({ opts, files, keys, out, remotePatterns }: RunTuiOptions): Promise<number> {
  remapKeys(opts.view.keys);
  const store = new RecordStore();
  const screen = new TerminalScreen(out);
  const slots = new LineSlots();
  /** Each source's standing problem (cleared when it recovers): printed at exit, and exit 1. */
  const errors = new Map<number, string>();
  let instance: Instance | undefined;
  /** Keys between the first paint and Ink's first frame. */
  let early: EarlyKeys | undefined;
  let finished = false;
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((r) => (resolveExit = r));

  /** Sources whose content at start has been delivered (the first paint waits for them, briefly). */
  const caughtUp = new Set<number>();
  const viewer = new Viewer({
    store,
    sourceNames: files,
    theme: new Theme(withoutCi(() => colorDepth(opts.color, out)), opts.view.theme),
    rules: LoggerRules.fromOptions(opts.minLevel, opts.include, opts.exclude, opts.loggerLevels),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
    ...(opts.grep ? { grep: opts.grep } : {}),
    columns: out.columns || 80,
    rows: out.rows || 24,
    onQuit: () => finish(ingest.failed || errors.size > 0 ? 1 : 0),
    listColumns: opts.view.columns,
    save: (req) => saveRecords(store, files, req),
    copy: clipboardWriter(out, osc52Supported(process.env, opts.view.clipboard)),
  });

  // Keys must answer: guarded regex matches take at most this long per turn of the loop.
  limitPerTurn(MATCH_DEADLINE_MS);
  // A search or --grep pattern given up past its deadline says so in the status bar.
  const offAbandoned = onRegexAbandoned((message) => viewer.notice(REGEX_NOTICE, message, 'error'));
  // -q, --request, --http-*: the same record tests as print mode, which `:` and `r` then change.
  viewer.filters.setRecordTests({ where: opts.where, requests: opts.requests, httpStatus: opts.httpStatus, httpMethods: opts.httpMethods });
  viewer.refilter();
  // A followed request tested before its response came is tested again once it has.
  viewer.jobs.add(recheckAnswered(viewer));

  // The index of a big file's start waits for Ink (keys work from then on), 2 s at most.
  let inkMounted: () => void = () => {};
  const frontGate = new Promise<void>((resolve) => {
    inkMounted = resolve;
    setTimeout(resolve, 2000).unref();
  });
  const ingest = ingestSources(files, { follow: true, restart: opts.restart, stdin: process.stdin, format: opts.format, tailFirstMinBytes: TAIL_FIRST_MIN_BYTES, indexNiceness: BACKGROUND_NICENESS, argv: opts.argv, frontGate, ...(remotePatterns ? { remotePatterns } : {}) }, {
    // Into the store's columns at once (records held as objects until a timer
    // would outlive V8's young generation); the viewer catches up on its timer.
    onRecords: (batch) => store.append(batch),
    onReplaceLast: (record) => {
      const i = store.replaceLast(record);
      if (i !== undefined) viewer.recordChanged(i);
    },
    // A big file opens at its tail; its start is indexed into the store's front part.
    front: {
      start: (_id, total) => {
        store.beginTail();
        store.progress = { done: 0, total };
      },
      records: (batch) => store.insertFront(batch),
      columns: (part) => store.insertFrontColumns(part),
      borrow: (bytes, fd) => store.borrowSpool(bytes, fd),
      copied: (base, upTo) => store.spoolCopied(base, upTo),
      progress: (done, total) => {
        store.progress = { done, total };
        store.changed();
      },
      complete: (lines) => store.completeFront(lines),
    },
    onCaughtUp: (id) => caughtUp.add(id),
    // A new file under a remote pattern: the viewer names and tags its rows from `files`.
    onSourceAdded: (_id, name) => void files.push(name),
    onNotice: (id, message, kind) => {
      if (kind === 'error') errors.set(id, message);
      else if (kind === 'info') errors.delete(id);
      viewer.notice(id, message, kind);
    },
  });
  ingest.done.then(
    () => viewer.catchUp(),
    (err: unknown) => crash(err),
  );

  function cleanup(): void {
    try {
      if (!instance) keys.setRawMode?.(false);
    } catch {
      // A terminal that hung up (SIGHUP) throws EIO here: the rest must still stop.
    }
    early?.stop();
    viewer.stop();
    offAbandoned();
    ingest.stop();
    for (const [sig, handler] of signalHandlers) process.off(sig, handler);
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
    out.off('resize', onResize);
    try {
      instance?.unmount();
    } catch {
      // Unmounting a broken tree must not keep the terminal broken.
    }
    screen.restore();
    if (keys !== process.stdin) keys.destroy();
    // A producer still writing into our stdin must not keep us alive.
    if (files.includes('-') || keys !== process.stdin) process.stdin.destroy();
  }

  /** Once only: cleanup, whatever it throws (a terminal that hung up throws EIO on the way out). False if done already. */
  function close(): boolean {
    if (finished) return false;
    finished = true;
    try {
      cleanup();
    } catch {
      screen.restore();
    }
    return true;
  }

  function finish(code: number): void {
    if (!close()) return;
    for (const e of errors.values()) process.stderr.write(`logview: ${sanitize(e)}\n`);
    // Whatever handle is left (a watcher, a pending read), quitting means quitting.
    setTimeout(() => process.exit(code), 300).unref();
    resolveExit(code);
  }

  function crash(err: unknown): void {
    if (!close()) return;
    process.stderr.write(`logview: ${sanitize(err instanceof Error ? err.message : String(err))}\n`);
    // A write to a terminal that hung up: end as a hang-up does.
    if ((err as NodeJS.ErrnoException | undefined)?.code === 'EIO') dieOf('SIGHUP', 128 + SIGNALS.SIGHUP);
    else process.exit(1);
  }

  /**
   * End of the signal itself (the shell sees 128+n), our handlers gone:
   * process.exit would have Node reset the terminal's modes, which aborts
   * when the terminal hung up (EIO). Exits with `code` if the signal did not kill.
   */
  function dieOf(sig: NodeJS.Signals, code: number): void {
    // On the way out, more writes to a terminal that hung up fail (Ink's
    // exit hooks show the cursor): nothing more to report.
    out.on('error', () => {});
    process.on('uncaughtException', () => {});
    for (const [s, h] of signalHandlers) process.off(s, h);
    process.kill(process.pid, sig);
    setTimeout(() => process.exit(code), 1000);
  }

  const signalHandlers: Array<[NodeJS.Signals, () => void]> = Object.entries(SIGNALS).map(([sig, n]) => [
    sig as NodeJS.Signals,
    () => {
      try {
        finish(128 + n);
      } finally {
        dieOf(sig as NodeJS.Signals, 128 + n);
      }
    },
  ]);
  for (const [sig, handler] of signalHandlers) process.on(sig, handler);
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.once('exit', () => screen.restore());

  let size = `${out.columns || 80}x${out.rows || 24}`;
  function onResize(): void {
    // A repeated event for the same size: clearing would leave the screen
    // blank, since Ink skips a frame that equals the last one.
    const now = `${out.columns || 80}x${out.rows || 24}`;
    if (now === size) return;
    size = now;
    // Ink draws relative to its last frame, which a shrinking terminal moves:
    // clear, and the next frame (a new size changes every line) starts at the top.
    screen.clear();
    viewer.resize(out.columns || 80, out.rows || 24);
  }

  async function mount(): Promise<void> {
    // React is CommonJS: its exports are the default export when bundled too.
    const [ink, { default: react }, app] = await withoutCi(() => withoutFetch(() => Promise.all([import('ink'), import('react'), import('../ui/App.js')])));
    if (finished) return;
    early?.stop();
    instance = ink.render(react.createElement(app.App, { viewer, slots }), { ...INK_OPTIONS, stdout: slotStream(clearedByFirstFrame(out), slots), stdin: keys });
    instance.waitUntilExit().catch((err: unknown) => crash(err));
    traceStartup('ink-mounted');
    inkMounted();
  }

  out.on('resize', onResize);
  // Keys are bytes from now on, before Ink reads them: Ctrl-C during the first
  // paint is a key (quit, exit 0), not a signal; what is typed before the
  // first paint waits for it, then plain keys are answered (early-keys.ts).
  keys.setRawMode?.(true);
  screen.enter();
  // The first screen comes before Ink (a few hundred ms to load): a big
  // file's tail shows at once.
  void firstPaint(out, viewer, () => files.every((f, id) => f === '-' || caughtUp.has(id)))
    .then(() => {
      if (!finished) early = handleEarlyKeys(keys, out, viewer);
      return mount();
    })
    .catch((err: unknown) => crash(err));
  return exited;
}
