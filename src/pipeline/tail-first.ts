import { open, type FileHandle } from 'node:fs/promises';
import type { Format } from '../parse/head.js';
import { streamRecords, type ParseOptions } from '../parse/record-stream.js';
import type { FrontSink, ParallelIndexSizes } from './parallel-index.js';
import { homeFormat, isSeamLine, SAMPLE_BYTES } from '../parse/seams.js';
import { traceStartup } from '../app/startup-trace.js';
import { rangeChunks, readAt } from '../source/read-at.js';

/** Files at least this big open at their tail; smaller ones are read from the start at once. */
export const TAIL_FIRST_MIN_BYTES = 16 * 1024 * 1024;
/** How much of the end is read first: a few screens of records (~600 of 100 bytes), few enough to parse in tens of ms before the JIT has warmed up. */
export const TAIL_BYTES = 64 * 1024;
/** Chunks of the background index: small enough that keys answer between them. */
const FRONT_CHUNK = 256 * 1024;

/** Where a big file's tail starts, and the open file to index its start from. */
export interface TailStart {
  path: string;
  /** Byte offset of the first line shown at once: a record's first line. */
  offset: number;
  /** Bytes in the file when it was opened. */
  size: number;
  /** The format the file's first lines settle on. */
  home: Format;
  handle: FileHandle;
}

/**
 * For a regular file of at least minBytes: the offset of a record start
 * within its last TAIL_BYTES, found with the format its first lines settle.
 * Undefined (and nothing left open) for small files, pipes, or a tail where
 * no line surely starts a record.
 */
export async function findTailStart(path: string, opts: ParseOptions, minBytes = TAIL_FIRST_MIN_BYTES): Promise<TailStart | undefined> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size < minBytes || st.size <= TAIL_BYTES) {
      await fh.close();
      return undefined;
    }
    const home = homeFormat(await readAt(fh, 0, SAMPLE_BYTES), opts);
    const from = st.size - TAIL_BYTES;
    const tail = await readAt(fh, from, TAIL_BYTES);
    let pos = tail.indexOf(10) + 1;
    while (home && pos > 0 && pos < tail.length) {
      const nl = tail.indexOf(10, pos);
      if (nl < 0) break;
      let end = nl;
      if (end > pos && tail[end - 1] === 13) end--;
      const text = tail.toString('utf8', pos, end);
      if (isSeamLine(home, text)) {
        traceStartup('tail-found');
        return { path, offset: from + pos, size: st.size, home, handle: fh };
      }
      pos = nl + 1;
    }
  } catch {
    // Unreadable now: the ordinary reader reports it.
  }
  await fh.close();
  return undefined;
}

/**
 * Index a big file's start, [0, tail.offset), for the front of the store, in
 * order, while its tail is on screen: by worker threads when it is big, else
 * here in small chunks between which keys and frames go first. Resolves with
 * the number of lines there (so the tail's line numbers become known), and
 * closes the file.
 */
export async function indexFront(
  tail: TailStart,
  sourceId: number,
  opts: ParseOptions,
  argv: readonly string[],
  sink: FrontSink,
  stopped: () => boolean,
  sizes?: ParallelIndexSizes,
  /** Worker threads lower their priority by this (ParallelIndexArgs.niceness). */
  niceness?: number,
): Promise<number> {
  try {
    // The worker pool's code loads after the tail is on screen, when it is needed.
    const { indexFrontInParallel } = await import('./parallel-index.js');
    const parallel = await indexFrontInParallel({
      ...(sizes ? { sizes } : {}),
      ...(niceness ? { niceness } : {}),
      tail,
      argv,
      opts,
      sourceId,
      sink,
      stopped,
    });
    if (parallel !== undefined) return parallel;
    async function* guarded(): AsyncGenerator<Buffer> {
      for await (const c of rangeChunks(tail.handle, 0, tail.offset, FRONT_CHUNK, (d) => sink.progress(d))) {
        if (stopped()) return;
        yield c;
      }
    }
    return await streamRecords(guarded(), sourceId, (r) => sink.records(r), opts);
  } finally {
    await tail.handle.close().catch(() => {});
  }
}
