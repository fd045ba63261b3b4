/** Records [start, end) of a store all belong to one part. */
export interface PartRun {
  start: number;
  end: number;
  /** Front part: shown before every back record (a file's start indexed after its tail). */
  front: boolean;
}

/** Index of the run holding record i (the last run for i past the end; runs in order, non-empty). */
export function runIndex(runs: readonly { start: number }[], i: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (runs[mid]!.start <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
