import { closeSync, fstatSync, readSync, writeSync } from 'node:fs';
import { openAgain } from '../source/open-again.js';
import { lowerThreadPriority } from './thread-priority.js';

/**
 * The copy of a big file's start into the spool, made by a worker thread
 * once the start is indexed (the index reads the file and copies nothing:
 * writing a GiB to a fresh file cost 3 s of CPU here, a third of the index).
 * Until it is done the spool reads those bytes from the file (Spool.borrow);
 * with it, they survive a later truncation in place.
 */
export interface SpoolCopyTask {
  /** Descriptors open until the worker has said it took the task: it opens its own from them. */
  source: number;
  spool: number;
  /** Spool offset of the source's byte 0. */
  base: number;
  /** Bytes to copy from the source's start. */
  length: number;
  /** Added to the worker's nice value (thread-priority.ts). */
  niceness: number;
  /** Int32Array over it: [0] set to 1 means stop. */
  stop: SharedArrayBuffer;
}

/** What the copying worker posts: bytes copied so far (0 first, when it takes the task), and done at the end. */
export interface SpoolCopyMessage {
  copied: number;
  done: boolean;
}

/** Bytes per read and write. */
const CHUNK = 1024 * 1024;
/** Bytes between two reports of progress. */
const REPORT_EVERY = 32 * CHUNK;

/**
 * Copy task.length bytes from the source's start into the spool at
 * task.base, reporting progress; stops when told, on an error, or when the
 * source is shorter than the range (truncated in place: what is there now
 * is other bytes). Each chunk is checked after it is read, so everything
 * reported was the source's before any truncation. Returns bytes copied.
 * Runs on the copying worker thread.
 */
export function copyIntoSpool(task: Omit<SpoolCopyTask, 'niceness'>, report: (copied: number) => void): number {
  const stop = new Int32Array(task.stop);
  const buf = Buffer.allocUnsafe(CHUNK);
  let done = 0;
  let reported = 0;
  try {
    while (done < task.length && Atomics.load(stop, 0) === 0) {
      const want = Math.min(CHUNK, task.length - done);
      let got = 0;
      while (got < want) {
        const n = readSync(task.source, buf, got, want - got, done + got);
        if (n === 0) break;
        got += n;
      }
      if (got < want || fstatSync(task.source).size < task.length) break;
      for (let off = 0; off < got; ) off += writeSync(task.spool, buf, off, got - off, task.base + done + off);
      done += got;
      if (done - reported >= REPORT_EVERY) report((reported = done));
    }
  } catch {
    // A disk that is full, or a source gone bad: what was copied stands.
  }
  return done;
}

/**
 * The copying worker's part: open descriptors of its own (a worker thread
 * closes what it opened when it ends, and only that), say it took the task,
 * copy at the task's priority, say how far it got.
 */
export function runSpoolCopy(task: SpoolCopyTask, post: (m: SpoolCopyMessage) => void): void {
  const own = openAgain([{ fd: task.source }, { fd: task.spool, write: true }]);
  if (!own) {
    post({ copied: 0, done: true });
    return;
  }
  const [source, spool] = own as [number, number];
  post({ copied: 0, done: false });
  lowerThreadPriority(task.niceness);
  const copied = copyIntoSpool({ ...task, source, spool }, (n) => post({ copied: n, done: false }));
  closeSync(source);
  closeSync(spool);
  post({ copied, done: true });
}
