import type { LogRecord } from '../model/record.js';
import { streamRecords, type ParseOptions } from '../parse/record-stream.js';
import { knownEverywhere } from '../parse/registry.js';
import { rangeChunks, readAt } from '../source/read-at.js';
import type { BorrowedRange, ColumnsPart, SegmentColumns } from '../model/record-columns.js';
import { releaseColumns } from './column-sink.js';
import { runSegments, segmentTasks } from './segment-pool.js';
import { workerCount } from './worker-prestart.js';
import { spoolCopy } from './spool-copy.js';
import { lowerHelperThreads, NICEST } from './thread-priority.js';
import type { SegmentWorkerData } from './segment-job.js';
import type { TailStart } from './tail-first.js';

/** How big a file's start must be for worker threads, and the segments they take. */
export interface ParallelIndexSizes {
  /** Bytes: a smaller start is indexed on the main thread. */
  minBytes: number;
  /** Bytes per segment. */
  segmentBytes: number;
}

/** Records handed to the store at a time. */
const PART_SLICE = 8192;

export const PARALLEL_INDEX: ParallelIndexSizes = { minBytes: 16 * 1024 * 1024, segmentBytes: 8 * 1024 * 1024 };

export interface ParallelIndexArgs {
  tail: TailStart;
  /** The command line, for the workers to set formats up alike. */
  argv: readonly string[];
  opts: ParseOptions;
  sourceId: number;
  sink: FrontSink;
  stopped(): boolean;
  sizes?: ParallelIndexSizes;
  /** Added to the worker threads' nice value (thread-priority.ts; the TUI: BACKGROUND_NICENESS, so keys come first); default 0. */
  niceness?: number;
}

/** Where the records of a big file's start go, in order. */
export interface FrontSink {
  records(records: LogRecord[]): void;
  /** Columns from worker threads (a big start). */
  columns(part: ColumnsPart): void;
  /** Bytes of the start indexed so far. */
  progress(done: number): void;
  /**
   * Spool space for the start's bytes, read from the file open as `fd`
   * until copied in (RecordStore.borrowSpool); without it this thread reads
   * them for columns().
   */
  borrow?(bytes: number, fd: number): BorrowedRange | undefined;
  /** The borrowed range's first `upTo` bytes are in the spool now (RecordStore.spoolCopied). */
  copied?(base: number, upTo: number): void;
}

/**
 * Index a big file's start, [0, tail.offset), with worker threads: segments
 * parsed into columns in parallel, joined at seams in order, each part handed
 * on with its bytes. Resolves with the number of lines there, or undefined
 * (nothing done) where it does not apply (one core, a small front).
 */
export async function indexFrontInParallel(a: ParallelIndexArgs): Promise<number | undefined> {
  const count = workerCount();
  const end = a.tail.offset;
  const sizes = a.sizes ?? PARALLEL_INDEX;
  if (count < 2 || end < sizes.minBytes || !knownEverywhere(a.tail.home)) return undefined;
  const tasks = segmentTasks(end, sizes.segmentBytes);
  // The records' bytes stay in the file while it is indexed (the spool reads
  // them there), and are copied into the spool once it is done: copied as
  // the workers parsed, the index took half as long again.
  const borrowed = a.sink.borrow?.(end, a.tail.handle.fd);
  if (a.niceness) lowerHelperThreads(a.niceness);
  // The tail's descriptor stays open until the index ends (tail-first.ts); threads share it.
  const open = process.platform === 'linux' ? `/dev/fd/${a.tail.handle.fd}` : undefined;
  const data: SegmentWorkerData = { argv: [...a.argv], path: a.tail.path, ...(open ? { open } : {}), home: a.tail.home.name, limit: end, mode: { kind: 'index' }, ...(a.niceness ? { niceness: a.niceness } : {}) };
  let lines = 0;
  // One buffer for every segment's bytes (parts are copied to the spool at once):
  // a fresh 8 MiB per segment was short-lived garbage that fragmented the heap.
  let rawBuf = Buffer.allocUnsafe(0);
  const take = async (s: { result: { output: SegmentColumns; lines: number }; from: number; to: number; lineBase: number }): Promise<void> => {
    const c = s.result.output;
    const to = Math.min(c.count, s.to);
    if (to > s.from) {
      const start = c.offsets[s.from]!;
      const stop = c.offsets[to - 1]! + c.lengths[to - 1]!;
      let raw: Buffer | undefined;
      if (borrowed === undefined) {
        if (rawBuf.length < stop - start) rawBuf = Buffer.allocUnsafe(Math.max(stop - start, 2 * sizes.segmentBytes));
        raw = await readAt(a.tail.handle, start, stop - start, rawBuf);
      }
      // Handed on in slices with a turn of the event loop between: keys and
      // frames never wait behind a whole segment.
      for (let from = s.from; from < to; from += PART_SLICE) {
        const end = Math.min(to, from + PART_SLICE);
        const at = c.offsets[from]! - start;
        const until = c.offsets[end - 1]! + c.lengths[end - 1]! - start;
        const bytes = raw !== undefined ? { raw: raw.subarray(at, until) } : { spoolBase: borrowed!.base };
        a.sink.columns({ columns: c, from, to: end, lineBase: s.lineBase, bytes });
        a.sink.progress(start + until);
        if (end < to) await new Promise<void>((r) => setImmediate(r));
      }
    }
    // Each segment's result is taken once: the worker may fill its buffer again.
    releaseColumns(c);
    if (s.to >= Number.MAX_SAFE_INTEGER) lines = s.lineBase + s.result.lines;
  };
  // Worker threads only: this thread answers keys.
  const rest = await runSegments<SegmentColumns>(tasks, Math.min(count, tasks.length), data, take, a.stopped, false);
  if (borrowed !== undefined && !a.stopped()) copyInBackground(borrowed, a);
  if (rest === undefined || a.stopped()) return lines;
  // Two segments shared no seam: the rest is read here, in order.
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const c of rangeChunks(a.tail.handle, rest!.from, end, 1024 * 1024, (pos) => a.sink.progress(pos))) {
      if (a.stopped()) return;
      yield c;
    }
  }
  return streamRecords(chunks(), a.sourceId, (r) => a.sink.records(r), { ...a.opts, home: a.tail.home }, { offset: rest.from, line: rest.line });
}

/**
 * The borrowed start copied into the spool by a worker thread at the lowest
 * priority (it only guards against a later truncation in place), stopped
 * when the index is.
 */
function copyInBackground(range: BorrowedRange, a: ParallelIndexArgs): void {
  const copy = spoolCopy(range, a.niceness ? NICEST : 0, (upTo) => {
    a.sink.copied?.(range.base, upTo);
    if (a.stopped()) void copy?.stop();
  });
}
