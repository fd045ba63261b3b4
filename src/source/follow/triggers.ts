import { lstatSync, realpathSync, watch } from 'node:fs';
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

/** The periodic stat that makes following certain (change events only make it fast). */
export function pollTrigger(intervalMs: number, fire: () => void): Trigger {
  const timer = setInterval(fire, intervalMs);
  return {
    async close() {
      clearInterval(timer);
    },
  };
}

/** A directory watch: fs.watch's FSWatcher as we use it; injectable so the ENOSPC fallback can be tested. */
export interface WatcherLike extends EventEmitter {
  close(): void | Promise<void>;
}
/** Watch one directory; `onEvent` gets the name (in that directory) of what changed, or null when unknown. */
export type WatchFn = (dir: string, onEvent: (event: string, name: string | null) => void) => WatcherLike;

const LIMIT_CODES = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/** fs.watch on a directory: inotify underneath, one watch, no stat of any entry. */
export const watchDirectory: WatchFn = (dir, onEvent) =>
  watch(dir, { persistent: false }, (event, name) => onEvent(event, typeof name === 'string' ? name : name === null ? null : String(name)));

/**
 * A watch on the path's directory (and, for a symlink, its target's
 * directory), filtered by name: inotify on a directory reports writes to its
 * files as well as renames, deletes and new files at the name, so one watch
 * per directory does it. Events carry the name, so nothing is stat'ed here:
 * with 5,000 other files in the directory an event costs a string compare
 * (chokidar re-stat'ed every entry per event: 22-108% CPU). Events for other
 * names count only while rotated-away files are held (their new names are
 * unknown). When the kernel's watch limit is hit the watch is dropped with
 * one warning and the poll carries on.
 */
export function watchTrigger(
  path: string,
  fire: () => void,
  notice: NoticeFn,
  watchFn: WatchFn,
  pollMs: number,
  /** True while rotated-away files are still read: any event in the directory counts. */
  anyName: () => boolean = () => false,
  /** Told when an event names another file (one held may have changed, or a rotation renamed one there). */
  otherName: (name: string) => void = () => {},
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
    // Missing or dangling: the poll sees it appear, and the follower restarts the watch then.
  }
  const watchers: WatcherLike[] = [];
  let closed = false;
  const onEvent = (_event: string, name: string | null): void => {
    if (closed) return;
    if (name === null || names.has(name)) return fire();
    otherName(name);
    if (anyName()) fire();
  };
  for (const dir of dirs) {
    let w: WatcherLike;
    try {
      w = watchFn(dir, onEvent);
    } catch (err) {
      fallback(err);
      continue;
    }
    watchers.push(w);
    w.on('error', (err: unknown) => fallback(err));
  }

  function fallback(err: unknown): void {
    if (closed) return;
    const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
    // A missing directory (ENOENT) is waited for by the poll, silently.
    if (!LIMIT_CODES.has(code)) return;
    closed = true;
    notice('warning', `cannot watch ${path} (${code}: inotify watch limit reached?); polling every ${pollMs} ms`);
    closeAll();
  }

  function closeAll(): void {
    for (const w of watchers.splice(0)) {
      try {
        void Promise.resolve(w.close()).catch(() => {});
      } catch {
        // already closed
      }
    }
  }

  return {
    async close() {
      if (closed) return;
      closed = true;
      closeAll();
    },
  };
}
