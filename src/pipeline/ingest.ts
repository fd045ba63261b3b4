import type { LogRecord } from '../model/record.js';
import { BacklogMerge } from './time-merge.js';
import { streamRecords, type ParseOptions } from '../parse/record-stream.js';
import { formatForSource } from '../parse/registry.js';
import { DEFAULT_POLL_MS, FileFollower, type FollowEvent } from '../source/follow/file-follower.js';
import { loadChokidar, watchTrigger } from '../source/follow/triggers.js';
import { readFileChunks, readStreamChunks } from '../source/read-chunks.js';
import { SourceError } from '../source/source-error.js';
import { DEFAULT_IDLE_FLUSH_MS, LiveRecords } from './live-records.js';

export interface IngestOptions {
  /** Keep following files after EOF across rotation (tail -F). */
  follow: boolean;
  /** Where "-" reads from. */
  stdin?: NodeJS.ReadableStream;
  /** `--format`: auto (default) or a format name. */
  format?: string;
}

type RecordSink = (records: LogRecord[]) => void | Promise<void>;

export type NoticeKind = 'error' | 'warning' | 'info';

export interface IngestHandlers {
  /**
   * Records in order per source. May return a promise: the source waits for it
   * before reading on (print mode's output backpressure).
   */
  onRecords(records: LogRecord[]): void | Promise<void>;
  /**
   * A one-line notice about a source. `error`: unreadable (a directory, no
   * permission); `warning`: waiting for a missing file, watcher fallback;
   * `info`: stdin closed, rotated, truncated.
   */
  onNotice(sourceId: number, message: string, kind: NoticeKind): void;
}

export interface Ingest {
  /** Resolves when every source has ended (never, for followed files, until stop()). */
  done: Promise<void>;
  /**
   * Stop reading; partial lines and records held open are delivered (flushed)
   * first. Resolves with `done`. Records already delivered stay delivered.
   * Do not await it from inside onRecords (that waits on itself).
   */
  stop(): Promise<void>;
  /** True if any source failed. */
  readonly failed: boolean;
}

/**
 * source -> lines -> records for every source given on the command line.
 * Every source runs at once: files are read to EOF, or with follow followed by
 * name (FileFollower) until stop(); stdin is read to its EOF. With several
 * sources, what they hold is merged by time (BacklogMerge) before records
 * flow in arrival order. A source that fails is reported and the others go on.
 */
export function ingestSources(names: readonly string[], opts: IngestOptions, handlers: IngestHandlers): Ingest {
  let stopped = false;
  let failed = false;
  let signalStop: () => void = () => {};
  const stopSignal = new Promise<void>((resolve) => {
    signalStop = resolve;
  });
  // The config file may assign a format per path (registry.formatForSource).
  const parseOpts = (id: number): ParseOptions => ({ format: formatForSource(names[id]!, opts.format ?? 'auto') });

  async function* guarded(chunks: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
    for await (const c of chunks) {
      if (stopped) return;
      yield c;
    }
  }

  async function readFile(id: number, sink: RecordSink): Promise<void> {
    const name = names[id]!;
    try {
      await streamRecords(guarded(readFileChunks(name)), id, sink, parseOpts(id));
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      failed = true;
      handlers.onNotice(id, err.message, 'error');
    }
  }

  /**
   * stdin to EOF (or stop()). A pipe is live even without --follow, so records
   * are delivered as they complete, and the idle flush shows the last one.
   */
  async function readStdin(id: number, sink: RecordSink): Promise<void> {
    const live = new LiveRecords(id, sink, DEFAULT_IDLE_FLUSH_MS, parseOpts(id));
    const it = readStreamChunks(opts.stdin ?? process.stdin)[Symbol.asyncIterator]();
    let offset = 0;
    const stop = stopSignal.then(() => undefined);
    for (;;) {
      const r = await Promise.race([it.next(), stop]);
      if (!r || r.done || stopped) break;
      await live.data(0, offset, r.value);
      offset += r.value.length;
    }
    await live.finish();
    handlers.onNotice(id, 'stdin closed', 'info');
  }

  const deliver: RecordSink = (b) => handlers.onRecords(b);
  // Several sources: what they hold (a file to its end, or at start when
  // followed) shows merged by time.
  const merge = names.length > 1 ? new BacklogMerge(names.length, deliver) : undefined;

  async function followFile(id: number, out: RecordSink): Promise<void> {
    const name = names[id]!;
    const live = new LiveRecords(id, out, DEFAULT_IDLE_FLUSH_MS, parseOpts(id));
    const watchFn = await loadChokidar().catch(() => undefined);
    const sink = (ev: FollowEvent): void | Promise<void> => {
      switch (ev.kind) {
        case 'data':
          return live.data(ev.stream, ev.offset, ev.data);
        case 'end':
          return live.end(ev.stream);
        case 'notice':
          handlers.onNotice(id, ev.message, ev.level);
          return;
      }
    };
    const follower = new FileFollower(name, sink, {
      ...(watchFn ? { watch: (check, notice, holdsOld) => watchTrigger(name, check, notice, watchFn, DEFAULT_POLL_MS, holdsOld) } : {}),
      // A failing consumer is reported like the follower reports its own problems.
      ...(merge
        ? {
            onCaughtUp: () =>
              void live
                .flushHeld()
                .then(() => merge.caughtUp(id))
                .catch((err: unknown) => handlers.onNotice(id, `${name}: ${err instanceof Error ? err.message : String(err)}`, 'error')),
          }
        : {}),
    });
    if (stopped) return;
    follower.start();
    await stopSignal;
    await follower.stop();
    await live.finish();
  }

  async function runSource(name: string, id: number): Promise<void> {
    const out = merge?.sink(id) ?? deliver;
    // A pipe is live: it has no backlog to merge (waiting for its end would
    // hold every file back); its records flow once the files' backlog has.
    const early = name === '-' ? merge?.caughtUp(id) : undefined;
    try {
      if (name === '-') await readStdin(id, out);
      else if (opts.follow) await followFile(id, out);
      else await readFile(id, out);
    } finally {
      // Idempotent: a source already caught up (or followed to stop()) just returns.
      await (early ?? merge?.caughtUp(id));
    }
  }

  const done = Promise.all(names.map((name, id) => runSource(name, id))).then(() => {});

  return {
    done,
    stop() {
      stopped = true;
      signalStop();
      return done.then(
        () => {},
        () => {},
      );
    },
    get failed() {
      return failed;
    },
  };
}
