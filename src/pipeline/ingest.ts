import type { Level } from '../model/level.js';
import { fstatSync } from 'node:fs';
import type { LogRecord } from '../model/record.js';
import { BacklogMerge } from './time-merge.js';
import { streamRecords, type ParseOptions } from '../parse/record-stream.js';
import { formatForSource } from '../parse/registry.js';
import { DEFAULT_POLL_MS, FileFollower, type FollowEvent } from '../source/follow/file-follower.js';
import { watchDirectory, watchTrigger } from '../source/follow/triggers.js';
import { readFileChunks, readStreamChunks } from '../source/read-chunks.js';
import { SourceError, sourceProblem } from '../source/source-error.js';
import { isStreamPath } from '../source/stream-source.js';
import type { LiveOutputs, LiveSource } from '../source/live-source.js';
import { parseSourceSpecs, type SourceSpec } from '../source/source-spec.js';
import type { RemotePattern } from '../source/ssh/remote-glob.js';
import type { BorrowedRange, ColumnsPart } from '../model/record-columns.js';
import type { Format } from '../parse/head.js';
import type { ParallelIndexSizes } from './parallel-index.js';
import { findTailStart, indexFront } from './tail-first.js';
import { DEFAULT_IDLE_FLUSH_MS, LiveRecords } from './live-records.js';

export interface IngestOptions {
  /** Keep following files after EOF across rotation (tail -F). */
  follow: boolean;
  /** Where "-" reads from. */
  stdin?: NodeJS.ReadableStream;
  /** `--format`: auto (default) or a format name. */
  format?: string;
  /**
   * One followed file at least this big opens at its tail: its last records
   * come first (onRecords), and its start is indexed in the background
   * (handlers.front). Needs handlers.front; default: off.
   */
  tailFirstMinBytes?: number;
  /** The command line, for worker threads that parse a big file's start to set formats up alike. */
  argv?: readonly string[];
  /** When a big file's start is indexed by worker threads (default PARALLEL_INDEX). */
  parallel?: ParallelIndexSizes;
  /** Added to the nice value of the worker threads that index a big file's start (the TUI: keys come first); default 0. */
  indexNiceness?: number;
  /** Records below this level are never wanted (print mode's filter): they may be dropped unparsed. */
  levelFloor?: Level;
  /**
   * A big file's start is indexed once this settles (the TUI: once Ink has
   * mounted, so the worker threads do not slow the import that makes keys work).
   */
  frontGate?: Promise<void>;
  /** `--restart`: a `cmd:` source is run again when it exits. */
  restart?: boolean;
  /** Remote patterns the sources were expanded from: followed, a file that appears under one becomes a source (onSourceAdded). */
  remotePatterns?: readonly RemotePattern[];
}

/** The background index of a big file's start, while its tail is shown (tail-first open). */
export interface FrontHandlers {
  /** Tail-first open begins: `total` bytes of the file's start will be indexed. */
  start(sourceId: number, total: number): void;
  /** Records of the file's start, in order; they go before every record from onRecords. */
  records(records: LogRecord[]): void;
  /** The same as columns from worker threads (a big start), in order with records(). */
  columns(part: ColumnsPart): void;
  /** Bytes of the start indexed so far. */
  progress(done: number, total: number): void;
  /** Spool space for the start's bytes, read from the file (open as `fd`) until copied in (RecordStore.borrowSpool). */
  borrow?(bytes: number, fd: number): BorrowedRange | undefined;
  /** The borrowed range's first `upTo` bytes are in the spool now (RecordStore.spoolCopied). */
  copied?(base: number, upTo: number): void;
  /** The start is indexed: it held `lines` lines. */
  complete(lines: number): void;
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
  /** Where the start of a big file goes when it opens at its tail (see tailFirstMinBytes). */
  front?: FrontHandlers;
  /** A followed file's content at start (or its tail, opened tail-first) has been delivered. */
  onCaughtUp?(sourceId: number): void;
  /**
   * Given (a viewer whose store can replace its last record): a live source's
   * unterminated last line is delivered after the idle flush, and when more
   * bytes extend it the record comes here, with the sourceId and offset of the
   * last record delivered for its source, to take its place (PartialLines).
   */
  onReplaceLast?(record: LogRecord): void | Promise<void>;
  /** A file appeared under a remote pattern: source `sourceId` (the next id) is `name` from now on. */
  onSourceAdded?(sourceId: number, name: string): void;
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
export function ingestSources(given: readonly string[], opts: IngestOptions, handlers: IngestHandlers): Ingest {
  // Sources added later (a new file under a remote pattern) get the next ids.
  const names = [...given];
  let stopped = false;
  let failed = false;
  let signalStop: () => void = () => {};
  const stopSignal = new Promise<void>((resolve) => {
    signalStop = resolve;
  });
  // The config file may assign a format per path (registry.formatForSource).
  const specs = parseSourceSpecs(names);
  const parseOpts = (id: number): ParseOptions => ({
    // journalctl writes its own JSON, whatever --format says for files.
    format: specs[id]!.kind === 'journal' ? 'journal' : formatForSource(names[id]!, opts.format ?? 'auto'),
    ...(opts.levelFloor !== undefined ? { levelFloor: opts.levelFloor } : {}),
  });
  const replaceLast = handlers.onReplaceLast?.bind(handlers);
  const partial = replaceLast ? { replaceLast } : undefined;

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
    const live = new LiveRecords(id, sink, DEFAULT_IDLE_FLUSH_MS, parseOpts(id), partial);
    const stream = opts.stdin ?? process.stdin;
    // stop() ends the loop by ending the stream's iteration: no read is left
    // racing a promise, so each chunk is garbage as soon as it is parsed.
    const ended = new Promise<void>((resolve) => void stopSignal.then(resolve));
    const iterate = (async () => {
      let offset = 0;
      for await (const chunk of readStreamChunks(stream)) {
        if (stopped) break;
        await live.data(0, offset, chunk);
        offset += chunk.length;
      }
    })();
    await Promise.race([iterate, ended]);
    await live.finish();
    handlers.onNotice(id, 'stdin closed', 'info');
  }

  const deliver: RecordSink = (b) => handlers.onRecords(b);
  // Several sources: what they hold (a file to its end, or at start when
  // followed) shows merged by time.
  const merge = names.length > 1 ? new BacklogMerge(names.length, deliver) : undefined;
  // A source added later has no backlog to merge: its records flow as they come.
  const lanes = names.length;
  const sinkOf = (id: number): RecordSink => (id < lanes ? merge?.sink(id) : undefined) ?? deliver;
  const laneCaughtUp = async (id: number): Promise<void> => {
    if (id < lanes) await merge?.caughtUp(id);
  };

  /**
   * A big file alone opens at its tail: resolves with where to start
   * following, and `indexStart`, which indexes the file's start (call it once
   * the tail is delivered, so the tail shows first).
   */
  async function tailFirst(id: number): Promise<{ startAt: number; home: Format; indexStart: () => Promise<void> } | undefined> {
    const front = handlers.front;
    if (!front || opts.tailFirstMinBytes === undefined || names.length !== 1) return undefined;
    const tail = await findTailStart(names[id]!, parseOpts(id), opts.tailFirstMinBytes);
    if (!tail) return undefined;
    front.start(id, tail.offset);
    const indexStart = (): Promise<void> =>
      indexFront(
        tail,
        id,
        parseOpts(id),
        opts.argv ?? [],
        {
          records: (b) => front.records(b),
          columns: (p) => front.columns(p),
          progress: (done) => front.progress(done, tail.offset),
          ...(front.borrow ? { borrow: (n: number, fd: number) => front.borrow!(n, fd) } : {}),
          ...(front.copied ? { copied: (base: number, upTo: number) => front.copied!(base, upTo) } : {}),
        },
        () => stopped,
        opts.parallel,
        opts.indexNiceness,
      ).then(
        (lines) => {
          if (!stopped) front.complete(lines);
        },
        (err: unknown) => handlers.onNotice(id, sourceProblem(names[id]!, err), 'error'),
      );
    return { startAt: tail.offset, home: tail.home, indexStart };
  }

  /** A follower's events into source `id`'s records; `errorsFail`: an error notice fails the source (live sources). */
  function eventSink(id: number, live: LiveRecords, errorsFail: boolean): (ev: FollowEvent) => void | Promise<void> {
    return (ev) => {
      switch (ev.kind) {
        case 'data':
          return live.data(ev.stream, ev.offset, ev.data);
        case 'end':
          return live.end(ev.stream);
        case 'notice':
          if (errorsFail && ev.level === 'error') failed = true;
          handlers.onNotice(id, ev.message, ev.level);
          return;
      }
    };
  }

  async function followFile(id: number, out: RecordSink, path?: string): Promise<void> {
    const name = path ?? names[id]!;
    const tail = path === undefined ? await tailFirst(id) : undefined;
    let indexed: Promise<void> | undefined;
    // A tail is read with the format the file's start settled on, as a plain read would.
    const live = new LiveRecords(id, out, DEFAULT_IDLE_FLUSH_MS, tail ? { ...parseOpts(id), home: tail.home } : parseOpts(id), partial);
    const follower = new FileFollower(name, eventSink(id, live, false), {
      ...(tail ? { startAt: tail.startAt } : {}),
      // LOGVIEW_WATCH=poll: no change events (a filesystem where inotify says nothing, such as NFS).
      ...(process.env.LOGVIEW_WATCH === 'poll'
        ? {}
        : { watch: (check, notice, holdsOld, otherName) => watchTrigger(name, check, notice, watchDirectory, DEFAULT_POLL_MS, holdsOld, otherName) }),
      // What the file held at start is delivered (its held records too):
      // the merge may go on, a tail-first file's start is indexed, the UI
      // may draw. A failing consumer is reported like the follower's own problems.
      onCaughtUp: () =>
        void live
          .flushHeld()
          .then(async () => {
            if (tail) indexed = (opts.frontGate ?? Promise.resolve()).then(() => (stopped ? undefined : tail.indexStart()));
            await laneCaughtUp(id);
            handlers.onCaughtUp?.(id);
          })
          .catch((err: unknown) => handlers.onNotice(id, `${name}: ${err instanceof Error ? err.message : String(err)}`, 'error')),
    });
    if (stopped) return;
    follower.start();
    // A FIFO or device followed ends at its EOF, like stdin.
    await Promise.race([stopSignal, follower.streamEnded]);
    await follower.stop();
    await live.finish();
    await indexed;
  }

  /**
   * A source that is a process (a command, journalctl, ssh), for source `id`
   * and, for a command's stderr, the twin source after it: events into
   * records as a followed file's are. Its `error` notices fail the source.
   */
  async function followLive(ids: readonly number[], spec: SourceSpec): Promise<void> {
    const lives = ids.map((id) => new LiveRecords(id, sinkOf(id), DEFAULT_IDLE_FLUSH_MS, parseOpts(id), partial));
    const sinks = lives.map((live, k) => eventSink(ids[k]!, live, true));
    const outputs: LiveOutputs = {
      sinks,
      caughtUp: () =>
        void Promise.all(lives.map((l) => l.flushHeld()))
          .then(async () => {
            for (const id of ids) {
              await laneCaughtUp(id);
              handlers.onCaughtUp?.(id);
            }
          })
          .catch((err: unknown) => handlers.onNotice(ids[0]!, `${names[ids[0]!]}: ${err instanceof Error ? err.message : String(err)}`, 'error')),
    };
    // Processes (ssh, journalctl, commands) load when one is a source: a file's first screen does without them.
    const { openLiveSource } = await import('../source/open-live-source.js');
    let source: LiveSource;
    try {
      source = openLiveSource(names[ids[0]!]!, spec, outputs, { follow: opts.follow, restart: opts.restart === true });
    } catch (err) {
      failed = true;
      handlers.onNotice(ids[0]!, `${names[ids[0]!]}: ${err instanceof Error ? err.message : String(err)}`, 'error');
      return;
    }
    if (stopped) return;
    source.start();
    await Promise.race([stopSignal, source.ended]);
    await source.stop();
    for (const l of lives) await l.finish();
  }

  async function runSource(name: string, id: number): Promise<void> {
    const out = sinkOf(id);
    const spec = specs[id]!;
    // A pipe is live: it has no backlog to merge (waiting for its end would
    // hold every file back); its records flow once the files' backlog has.
    const early = name === '-' || (spec.kind === 'file' && isStreamPath(name)) ? laneCaughtUp(id) : undefined;
    try {
      // A command's stderr is read by the command's source, just before it.
      if (spec.kind === 'cmd-stderr') return;
      if (spec.kind === 'cmd') await followLive(specs[id + 1]?.kind === 'cmd-stderr' ? [id, id + 1] : [id], spec);
      else if (spec.kind === 'journal' || spec.kind === 'ssh') await followLive([id], spec);
      // `-f < file`: a regular file on stdin is followed, like `tail -f < file`.
      else if (name === '-' && opts.follow && stdinIsFile()) await followFile(id, out, '/dev/stdin');
      else if (name === '-') await readStdin(id, out);
      else if (opts.follow) await followFile(id, out);
      else await readFile(id, out);
    } finally {
      // Idempotent: a source already caught up (or followed to stop()) just returns.
      await (early ?? laneCaughtUp(id));
    }
  }

  function stdinIsFile(): boolean {
    if (opts.stdin !== undefined && opts.stdin !== process.stdin) return false;
    try {
      return fstatSync(0).isFile();
    } catch {
      return false;
    }
  }

  const running = names.map((name, id) => runSource(name, id));
  /** A new file under a remote pattern: the next source. */
  function addSource(name: string): void {
    if (stopped) return;
    const id = names.length;
    names.push(name);
    specs.push(...parseSourceSpecs([name]));
    handlers.onSourceAdded?.(id, name);
    handlers.onNotice(id, `${name}: new file matched; following it`, 'info');
    const run = runSource(name, id);
    // Observed by done below; until then a failure must not count as unhandled.
    run.catch(() => {});
    running.push(run);
  }
  if (opts.follow) for (const p of opts.remotePatterns ?? []) running.push(watchPattern(p));

  /** Watch a remote pattern for new files until stop(); its notices go to its first file's source. */
  async function watchPattern(pattern: RemotePattern): Promise<void> {
    const { remoteName, RemotePatternWatch } = await import('../source/ssh/remote-glob.js');
    const id = Math.max(0, pattern.paths.length > 0 ? names.indexOf(remoteName(pattern.name, pattern.spec, pattern.paths[0]!)) : 0);
    const watch = new RemotePatternWatch(pattern, addSource, {
      sinks: [(ev) => (ev.kind === 'notice' ? handlers.onNotice(id, ev.message, ev.level) : undefined)],
      caughtUp: () => {},
    });
    if (stopped) return;
    watch.start();
    await Promise.race([stopSignal, watch.ended]);
    await watch.stop();
  }

  // Every source, those added meanwhile too.
  const done = (async () => {
    for (let seen = 0; seen < running.length; ) {
      seen = running.length;
      await Promise.all(running.slice(0, seen));
    }
  })();

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
