import { Worker } from 'node:worker_threads';
import './worker-isolates.js';
import { SeamJoiner, type JoinStep, type SegmentResult, type SegmentTask } from './segment-parse.js';
import { segmentJob, type SegmentWorkerData } from './segment-job.js';
import { segmentWorkerLimits, SEGMENT_WORKER_URL, takePrestartedWorker } from './worker-prestart.js';
import { shelfHasRoom } from './shared-buffers.js';

/**
 * Most segments parsed ahead of the oldest one not yet taken, while the
 * results held meanwhile are small (print's filtered output): a worker
 * thread takes ~300 ms to start, and with two segments per parser ahead
 * this thread had parsed its share and waited for it (a third of print's
 * time on 200 MiB went idle).
 */
const MAX_AHEAD = 64;
/**
 * Segments queued at a worker thread while this thread parses too (print
 * mode): with two, a worker sat idle 90-160 ms of a 200 MiB pino print,
 * its results waiting for this thread to finish a segment of its own before
 * it got the next; with four, 8-14 ms (and it parsed 51 segments, not 41).
 * The TUI's index, where this thread parses nothing, keeps two.
 */
const PRINT_WORKER_SLOTS = 4;
/** Segments left when workers go back to two at a time (PRINT_WORKER_SLOTS). */
const TAIL_TASKS = 8;
/** Longest this thread defers a segment of its own while its output buffers are all unwritten (ms). */
const LOCAL_WAIT_MS = 200;
/**
 * Segments' worth of bytes in held results past which only two segments per
 * parser are parsed ahead: filtered output holds little, so many segments
 * run ahead; every record printed holds about its input, and what waits
 * stays resident (1 GiB raw: 16 MiB held peaked at 103 MiB, 8 segments' at
 * 98, 2 at 94, as fast; -l error and text output the same with 2 or 8).
 */
const HELD_SEGMENTS = 2;

/** Bytes a result holds while it waits to be taken (columns count as the limit: the index never runs ahead). */
function heldBytes(r: SegmentResult<unknown>, limit: number): number {
  return r.output instanceof Uint8Array ? r.output.byteLength : limit;
}

/** Cut [0, size) into segments of `segmentBytes`. */
export function segmentTasks(size: number, segmentBytes: number): SegmentTask[] {
  const tasks: SegmentTask[] = [];
  for (let k = 0, at = 0; at < size; k++, at += segmentBytes) tasks.push({ id: k, begin: at, end: Math.min(size, at + segmentBytes) });
  return tasks;
}

/** Where a sequential read must take over: a seam line's offset and number. */
export interface SequentialFrom {
  from: number;
  line: number;
}

/** A segment parser: a worker thread, or this thread between its other work. */
interface Parser {
  post(task: SegmentTask): void;
  close(): void;
}

/**
 * Parse `tasks` with `count` parsers, this thread one of them unless `local`
 * is false (each thread costs tens of MiB, so on two cores one worker thread
 * and this one), and
 * hand the joined parts, in order, to `take` (awaited: it may wait for output
 * to drain). At most two segments per parser are between the parsers and
 * `take`, so memory stays flat.
 * Resolves with where a sequential read must continue when two segments
 * could not be joined, or undefined when everything was taken (or `stop()`
 * said to stop).
 */
export function runSegments<P>(
  tasks: readonly SegmentTask[],
  count: number,
  data: SegmentWorkerData,
  take: (step: Extract<JoinStep<P>, { kind: 'take' }>) => void | Promise<void>,
  stop: () => boolean,
  /** This thread parses too (print mode); not where it must answer keys (the TUI). */
  local = true,
): Promise<SequentialFrom | undefined> {
  return new Promise((resolve, reject) => {
    const pool: Parser[] = [];
    // A parser's free slots: each takes two segments at a time, so a worker
    // thread has its next segment queued while this thread is still busy with
    // a segment of its own (one at a time, it waited for this thread: 3 of
    // every 4 segments were parsed here).
    const idle: Parser[] = [];
    const results = new Map<number, SegmentResult<P>>();
    const joiner = new SeamJoiner<P>();
    let next = 0;
    let accepted = 0;
    /** Bytes of the results waiting in `results`. */
    let held = 0;
    const heldLimit = HELD_SEGMENTS * (tasks[0] === undefined ? 0 : tasks[0].end - tasks[0].begin);
    let busy = false;
    let finished = false;
    /**
     * A worker thread died (out of memory on a record of millions of lines,
     * say): nothing more is taken, and once no take is running, a sequential
     * read takes over where the join stopped. What it had not handed back is
     * all that is lost, and that is read again.
     */
    let failed = false;
    const workerFailed = (): void => {
      failed = true;
      if (!busy) end(joiner.resume());
    };
    const end = (from: SequentialFrom | undefined, err?: unknown): void => {
      if (finished) return;
      finished = true;
      for (const w of pool) w.close();
      if (err !== undefined) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(from);
    };
    /** Segments posted to each worker thread and not yet back. */
    const inflight = new Map<Parser, number>();
    const dispatch = (): void => {
      while (!failed && idle.length > 0 && next < tasks.length && (next < accepted + 2 * count || (next < accepted + MAX_AHEAD && held < heldLimit))) {
        const p = idle.pop()!;
        const queued = inflight.get(p);
        // Near the end a worker's slots past two are dropped: segments queued
        // at it would wait while this thread, which has run out of its own, idles.
        if (queued !== undefined && queued >= 2 && tasks.length - next <= TAIL_TASKS) continue;
        if (queued !== undefined) inflight.set(p, queued + 1);
        p.post(tasks[next++]!);
      }
    };
    const apply = async (steps: JoinStep<P>[]): Promise<SequentialFrom | undefined> => {
      for (const s of steps) {
        if (s.kind === 'sequential') return { from: s.from, line: s.line };
        await take(s);
        if (stop()) return undefined;
      }
      return undefined;
    };
    const drain = async (): Promise<void> => {
      if (busy || finished) return;
      busy = true;
      try {
        while (!failed && results.has(accepted)) {
          const r = results.get(accepted)!;
          results.delete(accepted);
          held -= heldBytes(r, heldLimit);
          accepted++;
          dispatch();
          const from = await apply(joiner.accept(r));
          if (from !== undefined || stop()) return end(from);
        }
        if (!failed && accepted === tasks.length) return end(await apply(joiner.finish()));
      } catch (err) {
        end(undefined, err);
      } finally {
        busy = false;
      }
      if (failed) end(joiner.resume());
      else if (results.has(accepted)) void drain();
    };
    const done = (p: Parser, r: SegmentResult<P>): void => {
      const queued = inflight.get(p);
      if (queued !== undefined) inflight.set(p, queued - 1);
      results.set(r.id, r);
      held += heldBytes(r, heldLimit);
      idle.push(p);
      dispatch();
      void drain();
    };
    for (let i = local ? 1 : 0; i < count; i++) {
      const ready = takePrestartedWorker();
      ready?.postMessage({ data });
      const w = ready ?? new Worker(SEGMENT_WORKER_URL, { workerData: data, resourceLimits: segmentWorkerLimits(data.mode.kind) });
      const p: Parser = { post: (t) => w.postMessage(t), close: () => void w.terminate() };
      pool.push(p);
      inflight.set(p, 0);
      for (let k = 0; k < (local ? PRINT_WORKER_SLOTS : 2); k++) idle.push(p);
      w.on('message', (r: SegmentResult<P>) => done(p, r));
      w.on('error', workerFailed);
    }
    if (local) {
      // This thread parses too, a segment at a time between its other work.
      const job = segmentJob(data);
      // Its outputs wait to be written like the workers' do: while all of its
      // buffers are still unwritten it waits too (through a pipe, a new
      // buffer per segment had 50 in flight), a turn of the event loop at a
      // time, but never for the segment the join needs next (its own held
      // outputs may be waiting for that one) nor for longer than LOCAL_WAIT_MS.
      const run = (t: SegmentTask, since = performance.now()): void => {
        if (finished) return;
        if (t.id !== accepted && !shelfHasRoom() && performance.now() - since < LOCAL_WAIT_MS) {
          setTimeout(() => run(t, since), 1);
          return;
        }
        try {
          done(here, job.run(t) as SegmentResult<P>);
        } catch (err) {
          end(undefined, err);
        }
      };
      const here: Parser = {
        post: (t) => setImmediate(() => run(t)),
        close: () => job.close(),
      };
      pool.push(here);
      idle.push(here, here);
    }
    dispatch();
  });
}
