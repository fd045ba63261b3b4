import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Nice value a worker thread adds to its own while a big file's start is
 * indexed behind the TUI. The main thread answers keys: with two workers on
 * two cores it waited on the run queue for a core (150-550 ms at a time,
 * /proc/thread-self/schedstat) though its own work took 5-30 ms.
 */
export const BACKGROUND_NICENESS = 10;

/** Highest (least favoured) nice value. */
export const NICEST = 19;

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

/** Threads V8's platform starts (node_platform.cc): a delayed-task scheduler, then the pool (--v8-pool-size, default 4). */
function platformThreadCount(execArgv: readonly string[] = process.execArgv): number {
  let pool = 4;
  for (const a of [...execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]) {
    const m = /^--v8-pool-size=(\d+)$/.exec(a);
    if (m) pool = Number(m[1]) || 4;
  }
  return 1 + pool;
}

let helpersLowered = false;

/**
 * Add `by` to the nice value of V8's helper threads: the ones that compile
 * optimised code and help collect garbage for every isolate, the worker
 * threads' too. While a big file is indexed they took as much CPU as the main
 * thread (1.4 s of 4 s, mostly the workers' TurboFan jobs) at its priority.
 * They are the first threads after the main one (Node starts the platform
 * before anything else); once per process, and for good (an unprivileged
 * process cannot raise a priority again): they only help the main thread,
 * which does that work itself when they wait. True when any was lowered.
 */
export function lowerHelperThreads(by: number): boolean {
  if (helpersLowered || by <= 0) return false;
  helpersLowered = true;
  let tids: number[];
  try {
    tids = readdirSync('/proc/self/task').map(Number).filter((t) => Number.isInteger(t) && t !== process.pid).sort((a, b) => a - b);
  } catch {
    return false;
  }
  let lowered = false;
  for (const tid of tids.slice(0, platformThreadCount())) {
    try {
      setPriority(tid, Math.min(NICEST, getPriority(tid) + by));
      lowered = true;
    } catch {
      // gone, or not ours to change
    }
  }
  return lowered;
}
