import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Options } from '../cli/options.js';
import { formatByName } from '../parse/registry.js';
import { homeFormat, SAMPLE_BYTES } from '../parse/seams.js';
import { streamRecords } from '../parse/record-stream.js';
import { SeamJoiner, type JoinStep, type SegmentResult, type SegmentTask } from '../pipeline/segment-parse.js';
import type { SegmentWorkerData } from '../pipeline/segment-worker.js';
import type { ColorDepth } from '../render/theme.js';
import type { Output } from './output.js';
import type { Printer } from './printer.js';

/** Files at least this big are printed by worker threads, a segment each. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** Bytes per segment: a worker's output for one is at most about this (raw, nothing filtered). */
export const SEGMENT_BYTES = 8 * 1024 * 1024;
/** Most workers started, whatever the machine has. */
const MAX_WORKERS = 8;

export interface ParallelPrintArgs {
  /** The command line as given: workers parse it again. */
  argv: string[];
  path: string;
  opts: Options;
  colorDepth: ColorDepth;
  out: Output;
  /** Prints what a sequential read from an offset gives, if the segments cannot be joined. */
  printer: Printer;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/**
 * Print one big regular file with its parsing spread over worker threads:
 * segments of SEGMENT_BYTES are parsed, filtered and rendered in parallel and
 * joined at seams into exactly the sequential output (segment-parse.ts), in
 * order, with at most two segments per worker in flight (flat memory).
 * Resolves false, having printed nothing, where it does not apply: a small
 * file, one core, a pipe, JSON output (its line numbers need every line
 * before), text no format claims, or a file it cannot open (the ordinary
 * reader reports that).
 */
export async function printInParallel(a: ParallelPrintArgs): Promise<boolean> {
  const workers = Math.min(MAX_WORKERS, availableParallelism());
  if (workers < 2 || a.opts.output === 'json') return false;
  let fd: number;
  try {
    fd = openSync(a.path, 'r');
  } catch {
    return false;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < PARALLEL_MIN_BYTES) return false;
    const home = homeFormat(readAt(fd, 0, SAMPLE_BYTES), { format: a.opts.format });
    if (!home || home.name === 'plain') return false;
    const size = st.size;
    const tasks: SegmentTask[] = [];
    for (let k = 0, at = 0; at < size; k++, at += SEGMENT_BYTES) tasks.push({ id: k, begin: at, end: Math.min(size, at + SEGMENT_BYTES) });
    const data: SegmentWorkerData = { argv: a.argv, path: a.path, home: home.name, colorDepth: a.colorDepth, output: a.opts.output };
    const sequentialFrom = await runWorkers(tasks, Math.min(workers, tasks.length), data, a.out);
    if (sequentialFrom !== undefined && !a.out.closed) await printSequential(a, fd, sequentialFrom, home.name);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Run the segments; resolves with the offset a sequential read must continue from, if the joins failed. */
function runWorkers(tasks: readonly SegmentTask[], count: number, data: SegmentWorkerData, out: Output): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const url = new URL('../pipeline/segment-worker.js', import.meta.url);
    const pool: Worker[] = [];
    const results = new Map<number, SegmentResult>();
    const joiner = new SeamJoiner();
    let next = 0;
    let accepted = 0;
    let writing = false;
    let finished = false;
    const idle: Worker[] = [];
    const end = (from: number | undefined, err?: unknown): void => {
      if (finished) return;
      finished = true;
      for (const w of pool) void w.terminate();
      if (err !== undefined) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(from);
    };
    const dispatch = (): void => {
      // At most two segments per worker between the writer and the parsers.
      while (idle.length > 0 && next < tasks.length && next < accepted + 2 * count) idle.pop()!.postMessage(tasks[next++]);
    };
    const write = async (steps: JoinStep[]): Promise<number | undefined> => {
      for (const s of steps) {
        if (s.kind === 'sequential') return s.from;
        if (s.bytes.length > 0) await out.write(Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.length));
        if (out.closed) return undefined;
      }
      return undefined;
    };
    const drain = async (): Promise<void> => {
      if (writing || finished) return;
      writing = true;
      try {
        while (results.has(accepted)) {
          const r = results.get(accepted)!;
          results.delete(accepted);
          accepted++;
          dispatch();
          const from = await write(joiner.accept(r));
          if (from !== undefined || out.closed) return end(from);
        }
        if (accepted === tasks.length) return end(await write(joiner.finish()));
      } catch (err) {
        end(undefined, err);
      } finally {
        writing = false;
      }
      if (results.has(accepted)) void drain();
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(url, { workerData: data });
      pool.push(w);
      idle.push(w);
      w.on('message', (r: SegmentResult) => {
        results.set(r.id, r);
        idle.push(w);
        dispatch();
        void drain();
      });
      w.on('error', (err) => end(undefined, err));
    }
    dispatch();
  });
}

/** The rest of the file from a seam line on, read and printed in order on this thread. */
async function printSequential(a: ParallelPrintArgs, fd: number, from: number, home: string): Promise<void> {
  const format = formatByName(home);
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let pos = from; ; ) {
      const c = readAt(fd, pos, 1024 * 1024);
      if (c.length === 0) return;
      pos += c.length;
      yield c;
    }
  }
  await streamRecords(chunks(), 0, (batch) => a.printer.writeBatch(batch), from === 0 || !format ? { format: a.opts.format } : { format: a.opts.format, home: format });
}
