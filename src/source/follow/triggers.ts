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
 * chokidar on the path and its parent directory (a rename, a delete or a new
 * file at the name shows up in the directory). Only the directory and the
 * file itself are watched, not the directory's other entries, so a busy log
 * directory costs two inotify watches. When the kernel's watch limit is hit
 * the watcher is dropped with one warning and the poll trigger carries on.
 */
export function watchTrigger(path: string, fire: () => void, notice: NoticeFn, watchFn: WatchFn, pollMs: number): Trigger {
  const file = resolve(path);
  const dir = dirname(file);
  const name = basename(file);
  let watcher: WatcherLike | undefined;
  let closed = false;
  try {
    watcher = watchFn([file, dir], {
      ignoreInitial: true,
      persistent: false,
      depth: 0,
      // Events are hints only: never wait for writes to settle or merge unlink+add.
      atomic: false,
      ignored: (p: string) => p !== dir && p !== file && basename(p) !== name,
    });
  } catch (err) {
    fallback(err);
    return { close: async () => {} };
  }
  const w = watcher;
  // chokidar throttles `change` to one per 50 ms per path and drops the rest
  // (the lost last change of a burst); its `raw` events are the unthrottled
  // inotify events underneath, so they are the fast path. `all` still brings
  // what chokidar works out itself (a re-created file watched again).
  w.on('raw', () => fire());
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
