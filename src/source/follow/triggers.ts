import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { EventEmitter } from 'node:events';

/**
 * Something that tells a follower "look at the file now". Triggers carry no
 * data: the follower always re-checks the path and reads until read() returns
 * 0, so a lost, late or duplicated trigger costs latency, never a line.
 */
export interface Trigger {
  close(): Promise<void>;
}

export type NoticeFn = (level: 'info' | 'warning' | 'error', message: string) => void;

/** The periodic stat that makes following certain (chokidar only makes it fast). */
export function pollTrigger(intervalMs: number, fire: () => void): Trigger {
  const timer = setInterval(fire, intervalMs);
  return {
    async close() {
      clearInterval(timer);
    },
  };
}

/** The part of chokidar's FSWatcher we use; injectable so the ENOSPC fallback can be tested. */
export interface WatcherLike extends EventEmitter {
  close(): Promise<void>;
}
export type WatchFn = (paths: string[], options: Record<string, unknown>) => WatcherLike;

const LIMIT_CODES = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/**
 * chokidar on the path's directory (and, for a symlink, its target's
 * directory): inotify on a directory reports writes to its files as well as
 * renames, deletes and new files at the name, so one watch per directory
 * does it, whatever else lives there. The file itself is not watched: chokidar
 * stats the file on every event of a file watch, and in a burst those stats
 * queue ahead of the follower's reads (measured: +25 ms on a 2,000-line
 * burst). When the kernel's watch limit is hit the watcher is dropped with one
 * warning and the poll carries on.
 */
export function watchTrigger(
  path: string,
  fire: () => void,
  notice: NoticeFn,
  watchFn: WatchFn,
  pollMs: number,
  /** True while rotated-away files are still read: their new names are unknown, so any event in the directory counts. */
  anyName: () => boolean = () => false,
): Trigger {
  const file = resolve(path);
  const dirs = new Set([dirname(file)]);
  const names = new Set([basename(file)]);
  try {
    if (lstatSync(file).isSymbolicLink()) {
      const target = realpathSync(file);
      dirs.add(dirname(target));
      names.add(basename(target));
    }
  } catch {
    // Missing or dangling: the directory watch and the poll will see it appear.
  }
  let watcher: WatcherLike | undefined;
  let closed = false;
  try {
    watcher = watchFn([...dirs], {
      ignoreInitial: true,
      persistent: false,
      depth: 0,
      // Events are hints only: never wait for writes to settle or merge unlink+add.
      atomic: false,
      ignored: (p: string) => !dirs.has(p),
    });
  } catch (err) {
    fallback(err);
    return { close: async () => {} };
  }
  const w = watcher;
  // chokidar throttles `change` to one per 50 ms per path and drops the rest
  // (the lost last change of a burst); its `raw` events are the inotify events
  // underneath, unthrottled: they are the fast path.
  w.on('raw', (_event: string, p: unknown) => {
    if (typeof p !== 'string' || p === '' || names.has(basename(p)) || anyName()) fire();
  });
  w.on('all', () => fire());
  w.on('error', (err: unknown) => fallback(err));

  function fallback(err: unknown): void {
    const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (!LIMIT_CODES.has(code) || closed) return; // other watch errors: the poll covers them
    closed = true;
    notice('warning', `cannot watch ${path} (${code}: inotify watch limit reached?); polling every ${pollMs} ms`);
    if (watcher) void watcher.close().catch(() => {});
  }

  return {
    async close() {
      if (closed) return;
      closed = true;
      await w.close().catch(() => {});
    },
  };
}

let chokidarWatch: WatchFn | undefined;

/** chokidar, loaded on first use so print mode without --follow never pays for it. */
export async function loadChokidar(): Promise<WatchFn> {
  if (!chokidarWatch) {
    const mod = await import('chokidar');
    chokidarWatch = mod.watch as unknown as WatchFn;
  }
  return chokidarWatch;
}
