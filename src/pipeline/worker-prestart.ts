import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import './worker-isolates.js';

/** Most worker threads started, whatever the machine has. */
const MAX_WORKERS = 8;

/**
 * Worker threads worth starting here (0 or 1: parse on this thread): one per
 * core, or LOGVIEW_WORKERS.
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.LOGVIEW_WORKERS;
  if (set !== undefined && /^\d+$/.test(set)) return Math.min(MAX_WORKERS, Number(set));
  return Math.min(MAX_WORKERS, availableParallelism());
}

/**
 * Segment worker threads started before they have work, while this thread
 * still loads print mode and reads the file's first lines: a worker thread
 * takes ~250 ms to boot Node and compile its modules, and started when the
 * segments were cut, it parsed only half of a 200 MiB print (profile).
 * A prestarted worker waits for its SegmentWorkerData as its first message
 * (segment-worker.ts); unref'd, it never keeps the process alive.
 */
const waiting: Worker[] = [];

/** The worker script beside this module (dist/ and the bundle alike). */
export const SEGMENT_WORKER_URL = new URL('./segment-worker.js', import.meta.url);

/**
 * A segment parse makes short-lived objects: a small young generation keeps
 * each thread's memory small (2 MiB, not 4: print -l error on 1 GiB peaked
 * at 80 MiB, not 83, in the same time; 1 MiB saved nothing more). What a
 * segment sets up outlives a few scavenges and piles up in the old
 * generation until a full collection, which V8 starts by the old
 * generation's limit: at 32 MiB none ran in 2 GiB of print (98 MiB at 1 GiB,
 * 103 at 2), at 16 they keep it flat (98, 98). At 8 it thrashed then (17 s, not
 * 2) and at 6 ran out. A record too big for it ends the worker thread, and
 * the rest is read sequentially (segment-pool.ts).
 */
export const SEGMENT_WORKER_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 } as const;
/**
 * Print's worker threads (render mode): the old generation's limit is where
 * V8 starts a full collection, so it is what a long print's workers climb
 * to. Printing every record raw, 16 -> 8 took 1 / 4 GiB from 96 / 105 MiB
 * to 94 / 97, but 4 GiB in 5.2 s, not 4.4 (-l error: 82 / 93, as fast);
 * at 7 they thrashed. The TUI's index keeps 16 (its live set is larger).
 */
export const PRINT_WORKER_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 8 } as const;

/** The heap limits of a segment worker thread for what it makes. */
export function segmentWorkerLimits(kind: 'render' | 'index'): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  return kind === 'render' ? PRINT_WORKER_LIMITS : SEGMENT_WORKER_LIMITS;
}

/** Start `count` workers now, to be taken by the next segment pool (for `kind`'s work); returns them (for tests to watch). */
export function prestartSegmentWorkers(count: number, kind: 'render' | 'index'): readonly Worker[] {
  const started: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const w = new Worker(SEGMENT_WORKER_URL, { workerData: undefined, resourceLimits: segmentWorkerLimits(kind) });
    w.unref();
    // A worker that fails to boot is dropped; the pool starts its own.
    w.on('error', () => drop(w));
    waiting.push(w);
    started.push(w);
  }
  return started;
}

/** A prestarted worker (ref'd again: it has work now), or undefined. */
export function takePrestartedWorker(): Worker | undefined {
  const w = waiting.shift();
  w?.removeAllListeners('error');
  w?.ref();
  return w;
}

/** Workers nobody took (print went another way): ended, so a long print does not keep them. */
export function dropPrestartedWorkers(): void {
  for (const w of waiting.splice(0)) void w.terminate();
}

function drop(w: Worker): void {
  const at = waiting.indexOf(w);
  if (at >= 0) waiting.splice(at, 1);
  void w.terminate();
}
