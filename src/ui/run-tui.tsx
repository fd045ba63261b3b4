import { render, type Instance } from 'ink';
import type { Options } from '../cli/options.js';
import { colorDepth } from '../cli/color.js';
import { LoggerRules } from '../query/logger-rules.js';
import { ingestSources } from '../pipeline/ingest.js';
import { TAIL_FIRST_MIN_BYTES } from '../pipeline/tail-first.js';
import { Theme } from '../render/theme.js';
import { sanitize } from '../render/sanitize.js';
import { RecordStore } from '../store/record-store.js';
import { App } from './App.js';
import { LineSlots, slotStream } from './line-slots.js';
import { TerminalScreen } from './terminal-screen.js';
import { Viewer } from './viewer.js';

export interface RunTuiOptions {
  opts: Options;
  files: string[];
  keys: NodeJS.ReadStream;
  out: NodeJS.WriteStream;
}

/** How the TUI runs Ink (shared with the keypress benchmark). */
export const INK_OPTIONS = {
  // Ctrl-C is a key like the others, so quitting restores the terminal.
  exitOnCtrlC: false,
  patchConsole: false,
  maxFps: 60,
  // Ink 6.8's incremental mode starts one row too low when the frame is
  // shorter than the terminal; whole frames it is.
  incrementalRendering: false,
} as const;

const SIGNALS = { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 } as const;

/**
 * The interactive viewer: ingest (following) into a store, the Ink app on the
 * alternate screen, and every way out restoring the terminal first.
 */
export function runTui({ opts, files, keys, out }: RunTuiOptions): Promise<number> {
  const store = new RecordStore();
  const screen = new TerminalScreen(out);
  const slots = new LineSlots();
  /** Each source's standing problem (cleared when it recovers): printed at exit, and exit 1. */
  const errors = new Map<number, string>();
  let instance: Instance | undefined;
  let finished = false;
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((r) => (resolveExit = r));

  const viewer = new Viewer({
    store,
    sourceNames: files,
    theme: new Theme(colorDepth(opts.color, out)),
    rules: LoggerRules.fromOptions(opts.minLevel, opts.include, opts.exclude),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
    ...(opts.grep ? { grep: opts.grep } : {}),
    columns: out.columns || 80,
    rows: out.rows || 24,
    onQuit: () => finish(ingest.failed || errors.size > 0 ? 1 : 0),
  });

  const ingest = ingestSources(files, { follow: true, stdin: process.stdin, format: opts.format, tailFirstMinBytes: TAIL_FIRST_MIN_BYTES, argv: opts.argv }, {
    onRecords: (batch) => viewer.enqueue(batch),
    onReplaceLast: (record) => viewer.replaceLast(record),
    front: {
      start: (_id, total) => {
        store.beginTail();
        store.progress = { done: 0, total };
      },
      records: (batch) => viewer.enqueueFront(batch),
      columns: (part) => viewer.enqueueFrontColumns(part),
      progress: (done, total) => {
        store.progress = { done, total };
        viewer.progressChanged();
      },
      complete: (lines) => {
        store.completeFront(lines);
        viewer.progressChanged();
      },
    },
    onNotice: (id, message, kind) => {
      if (kind === 'error') errors.set(id, message);
      else if (kind === 'info') errors.delete(id);
      viewer.notice(id, message, kind);
    },
  });
  ingest.done.then(
    () => viewer.flushAppends(),
    (err: unknown) => crash(err),
  );

  function cleanup(): void {
    viewer.stop();
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

  function finish(code: number): void {
    if (finished) return;
    finished = true;
    cleanup();
    for (const e of errors.values()) process.stderr.write(`logview: ${sanitize(e)}\n`);
    // Whatever handle is left (a watcher, a pending read), quitting means quitting.
    setTimeout(() => process.exit(code), 300).unref();
    resolveExit(code);
  }

  function crash(err: unknown): void {
    if (finished) return;
    finished = true;
    try {
      cleanup();
    } catch {
      screen.restore();
    }
    process.stderr.write(`logview: ${sanitize(err instanceof Error ? err.message : String(err))}\n`);
    process.exit(1);
  }

  const signalHandlers: Array<[NodeJS.Signals, () => void]> = Object.entries(SIGNALS).map(([sig, n]) => [
    sig as NodeJS.Signals,
    () => {
      finish(128 + n);
      process.exit(128 + n);
    },
  ]);
  for (const [sig, handler] of signalHandlers) process.on(sig, handler);
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.once('exit', () => screen.restore());

  function onResize(): void {
    // Ink draws relative to its last frame, which a shrinking terminal moves:
    // clear, and the next frame (a new size changes every line) starts at the top.
    screen.clear();
    viewer.resize(out.columns || 80, out.rows || 24);
  }

  function mount(): void {
    instance = render(<App viewer={viewer} slots={slots} />, { ...INK_OPTIONS, stdout: slotStream(out, slots), stdin: keys });
    instance.waitUntilExit().catch((err: unknown) => crash(err));
  }

  out.on('resize', onResize);
  screen.enter();
  mount();
  return exited;
}
