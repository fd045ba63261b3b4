import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Nice value a worker thread adds to its own while a big file's start is
 * indexed behind the TUI. The main thread answers keys: with two workers on
 * two cores it waited on the run queue for a core (150-550 ms at a time,
 * /proc/thread-self/schedstat) though its own work took 5-30 ms.
 */
export const BACKGROUND_NICENESS = 10;

/** Highest (least favoured) nice value. */
const NICEST = 19;

/**
 * The kernel id of the calling thread (Linux: /proc/thread-self links to
 * `<pid>/task/<tid>`), or undefined where there is no such link.
 */
export function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Add `by` to the calling thread's nice value (Linux keeps one per thread).
 * Where the thread has no id of its own this does nothing: setPriority on
 * the process would slow the main thread too. True when it was lowered.
 */
export function lowerThreadPriority(by: number): boolean {
  const tid = threadId();
  if (tid === undefined || by <= 0) return false;
  try {
    setPriority(tid, Math.min(NICEST, getPriority(tid) + by));
    return true;
  } catch {
    return false;
  }
}
