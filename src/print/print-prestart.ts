import { statSync } from 'node:fs';
import type { Options } from '../cli/options.js';
import { prestartSegmentWorkers, workerCount } from '../pipeline/worker-prestart.js';

/** Files at least this big are printed by worker threads, a segment each (parallel-print.ts). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Start print's worker threads before print mode has loaded, when it will
 * likely print one big file in parallel (printInParallel decides; a wrong
 * guess costs a thread's boot, and run-print ends the unused ones). Called
 * from the command line's first steps, so this module stays small.
 */
export function prestartPrintWorkers(opts: Options, files: readonly string[]): void {
  if (opts.follow || opts.output === 'json' || files.length !== 1) return;
  const workers = workerCount();
  if (workers < 2) return;
  try {
    const st = statSync(files[0]!);
    if (!st.isFile() || st.size < PARALLEL_MIN_BYTES) return;
  } catch {
    return;
  }
  // This thread is one of the parsers.
  prestartSegmentWorkers(workers - 1, 'render');
}
