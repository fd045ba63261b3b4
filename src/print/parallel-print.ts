import { closeSync, fstatSync, openSync } from 'node:fs';
import { readAtSync } from '../source/read-at.js';
import type { Options } from '../cli/options.js';
import { formatByName, formatForSource, knownEverywhere } from '../parse/registry.js';
import { homeFormat, SAMPLE_BYTES } from '../parse/seams.js';
import { streamRecords } from '../parse/record-stream.js';
import { runSegments, segmentTasks } from '../pipeline/segment-pool.js';
import { workerCount } from '../pipeline/worker-prestart.js';
import { PARALLEL_MIN_BYTES } from './print-prestart.js';
import type { SegmentWorkerData } from '../pipeline/segment-job.js';
import { releaseSharedBuffer } from '../pipeline/shared-buffers.js';
import type { ColorDepth } from '../render/theme.js';
import type { Output } from './output.js';
import type { Printer } from './printer.js';

/**
 * Bytes per segment where the output is filtered: a segment's output is at
 * most about this, and a few outputs per thread are in flight
 * (shared-buffers.ts), so this sizes print memory: plain --print peaked near
 * 95 MiB with 2 MiB, 106 with 4 (-l error: 82 either way; wall time the same).
 */
export const SEGMENT_BYTES = 2 * 1024 * 1024;
/**
 * Bytes per segment when every record is printed (its output is its input).
 * Its records are copied as bytes (level-skim.ts), so the workers outrun the
 * writer and each keeps as many outputs resident as it had in flight: at
 * 512 KiB, printing 1 GiB raw peaked at 98 MiB in 1.85 s; at 1 MiB, 103 in
 * 1.55 (filtered, smaller segments were slower: 0.72 s, not 0.61).
 */
export const EVERY_RECORD_SEGMENT_BYTES = 512 * 1024;

export interface ParallelPrintArgs {
  path: string;
  opts: Options;
  colorDepth: ColorDepth;
  out: Output;
  /** Prints what a sequential read from an offset gives, if the segments cannot be joined. */
  printer: Printer;
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
  const workers = workerCount();
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
    const format = formatForSource(a.path, a.opts.format);
    const sample = Buffer.allocUnsafe(SAMPLE_BYTES);
    const home = homeFormat(sample.subarray(0, readAtSync(fd, 0, sample)), { format });
    if (!home || home.name === 'plain' || !knownEverywhere(home)) return false;
    const data: SegmentWorkerData = { argv: [...a.opts.argv], path: a.path, home: home.name, mode: { kind: 'render', output: a.opts.output, colorDepth: a.colorDepth } };
    const write = async (s: { result: { output: Uint8Array }; from: number; to: number }): Promise<void> => {
      const o = s.result.output;
      const bytes = Buffer.from(o.buffer, o.byteOffset + s.from, Math.min(o.length, s.to) - s.from);
      // Each segment's output is taken once: its buffer is free once written.
      await a.out.write(bytes, () => releaseSharedBuffer(o));
    };
    // With every record printed this thread has the whole file to write, and
    // its own share of the parse made its young generation grow with the
    // file (printing 1 GiB raw: 123 MiB, not 105, in the same time); where
    // the output is filtered it parses too (-l error: 76 MiB, not 85, and faster).
    const local = !a.printer.passesAll();
    const tasks = segmentTasks(st.size, local ? SEGMENT_BYTES : EVERY_RECORD_SEGMENT_BYTES);
    const rest = await runSegments<Uint8Array>(tasks, Math.min(workers, tasks.length), data, write, () => a.out.closed, local);
    if (rest !== undefined && !a.out.closed) await printSequential(a, fd, rest.from, home.name);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** The rest of the file from a seam line on, read and printed in order on this thread. */
async function printSequential(a: ParallelPrintArgs, fd: number, from: number, home: string): Promise<void> {
  const homeF = formatByName(home);
  const f = formatForSource(a.path, a.opts.format);
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let pos = from; ; ) {
      const c = Buffer.allocUnsafe(1024 * 1024);
      const n = readAtSync(fd, pos, c);
      if (n === 0) return;
      pos += n;
      yield c.subarray(0, n);
    }
  }
  const levelFloor = a.printer.levelFloor();
  await streamRecords(chunks(), 0, (batch) => a.printer.writeBatch(batch), from === 0 || !homeF ? { format: f, levelFloor } : { format: f, home: homeF, levelFloor });
}
