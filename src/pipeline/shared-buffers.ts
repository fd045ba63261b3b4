import { isMainThread } from 'node:worker_threads';

/**
 * Buffers a segment's result lives in (print mode's rendered output, the
 * index's columns), reused by the thread that made them. A result lives while
 * the segment is parsed, sent to the main thread, joined and handed on: long
 * enough to be promoted to V8's old generation, where memory outside the JS
 * heap is only freed by a full collection. A fresh buffer per segment either
 * piles up with the file's size (print: up to V8's external-memory limit, 64
 * MiB) or makes the main thread collect every other segment (the index: a
 * transferred 33 MiB buffer is external memory it must account for; 60 full
 * collections in 6 s, most of its time that was not keys or frames).
 *
 * So each buffer is a SharedArrayBuffer: posting it to the main thread shares
 * it (nothing is copied or allocated there), and its first word says whether
 * it is busy. The thread that made it takes it again once the one that wrote
 * it out set that word back (releaseSharedBuffer). Module state: each thread
 * (worker or main) has its own shelf; a buffer released is free for its maker.
 */

/**
 * Bytes of a new output buffer: a segment's whole output fits. Reserved, not
 * resident: only the pages an output writes are (a filtered one writes few).
 */
export const FIRST_OUTPUT_BYTES = 8 * 1024 * 1024;
/** Buffers a thread keeps: as many as can be in flight between a parser and the output. */
export const SHELF_COUNT = 8;
/** The busy word and a mark saying the buffer is one of these, then the output. */
const HEADER = 8;
const FREE = 0;
const BUSY = 1;
const MARK = 0x6276_6c6f;

interface Shelved {
  flag: Int32Array;
  data: Buffer;
  /** When it was last taken (a count of takes on this thread). */
  taken: number;
}

const shelf: Shelved[] = [];
/** Buffers this thread has made since clearSharedShelf (tests). */
let made = 0;
/** Takes on this thread so far: stamps `taken`. */
let takes = 0;

/**
 * Longest a worker thread waits for one of its buffers to come back before it
 * makes a new one anyway (ms): the wait is backpressure, not a lock.
 */
export const WAIT_MS = 200;
/**
 * A waiting worker looks at its whole shelf this often (ms): Atomics.wait
 * watches one buffer, and the one it watches need not come back first.
 */
const LOOK_MS = 1;

/**
 * A buffer of at least `min` bytes for this thread's next output: the biggest
 * free one of its own, else a new one as big as the biggest it has (outputs of
 * one run are much alike: it seldom outgrows that). A worker thread whose
 * shelf is full of busy buffers first waits for one to be let go (the
 * main thread, which cannot wait, defers its own parse: segment-pool.ts).
 * Printing through a pipe (`| less`) the output is written slower than two
 * threads parse, and a new buffer per segment, each freed only once the
 * collectors of both threads let go of it, had 58 made and 62 MiB resident on
 * a 200 MiB oslo.log instead of 8.
 */
export function takeSharedBuffer(min: number): Buffer {
  let best = freeBuffer(min);
  if (!best && !isMainThread && shelf.length >= SHELF_COUNT) {
    // Outputs are written in the order they were made, so the buffer taken
    // first is watched. Waiting on the shelf's first buffer instead, which
    // may be the last taken, a worker slept out WAIT_MS while the others came
    // back: two printing threads lost ~0.4 s each on 1 GiB (cpu profile).
    const until = performance.now() + WAIT_MS;
    for (let left = WAIT_MS; !best && left > 0; left = until - performance.now()) {
      const first = firstTaken(min);
      if (!first) break;
      Atomics.wait(first.flag, 0, BUSY, Math.min(left, LOOK_MS));
      best = freeBuffer(min);
    }
  }
  if (!best) {
    let biggest = 0;
    for (const s of shelf) biggest = Math.max(biggest, s.data.length);
    const sab = new SharedArrayBuffer(HEADER + Math.max(min, biggest, FIRST_OUTPUT_BYTES));
    made++;
    const flag = new Int32Array(sab, 0, 2);
    flag[1] = MARK;
    best = { flag, data: Buffer.from(sab, HEADER), taken: 0 };
    if (shelf.length >= SHELF_COUNT) evict();
    shelf.push(best);
  }
  Atomics.store(best.flag, 0, BUSY);
  best.taken = ++takes;
  return best.data;
}

/** The busy buffer of at least `min` bytes taken longest ago: the next to come back. */
function firstTaken(min: number): Shelved | undefined {
  let first: Shelved | undefined;
  for (const s of shelf) {
    if (s.data.length >= min && Atomics.load(s.flag, 0) === BUSY && (first === undefined || s.taken < first.taken)) first = s;
  }
  return first;
}

/**
 * Whether this thread's next output would find a buffer of its own on the
 * shelf: the main thread, which cannot wait, parses only then (segment-pool.ts).
 */
export function shelfHasRoom(): boolean {
  return shelf.length < SHELF_COUNT || shelf.some((s) => Atomics.load(s.flag, 0) === FREE);
}

/** The biggest free buffer of at least `min` bytes on this thread's shelf. */
function freeBuffer(min: number): Shelved | undefined {
  let best: Shelved | undefined;
  for (const s of shelf) {
    if (s.data.length >= min && Atomics.load(s.flag, 0) === FREE && (!best || s.data.length > best.data.length)) best = s;
  }
  return best;
}

/** A buffer its output outgrew: off the shelf (the collector frees it), so the shelf keeps buffers of the size outputs are. */
export function dropSharedBuffer(buf: Buffer): void {
  const at = shelf.findIndex((s) => s.data === buf);
  if (at >= 0) shelf.splice(at, 1);
}

/** Makes room: the smallest free buffer goes, else the oldest (still busy: the collector frees it once its reader lets go). */
function evict(): void {
  let at = -1;
  for (let i = 0; i < shelf.length; i++) {
    const s = shelf[i]!;
    if (Atomics.load(s.flag, 0) === FREE && (at < 0 || s.data.length < shelf[at]!.data.length)) at = i;
  }
  shelf.splice(Math.max(at, 0), 1);
}

/**
 * `buf` (a view of an output buffer, or of part of one) is no longer read: its
 * maker may reuse it. Safe from any thread; a buffer not made here is ignored.
 */
export function releaseSharedBuffer(buf: Uint8Array): void {
  const sab = buf.buffer;
  if (!(sab instanceof SharedArrayBuffer) || buf.byteOffset < HEADER) return;
  const flag = new Int32Array(sab, 0, 2);
  if (flag[1] !== MARK) return;
  Atomics.store(flag, 0, FREE);
  Atomics.notify(flag, 0);
}

/** This thread's shelf: buffers, how many are busy, their bytes, and how many it has made (tests). */
export function shelfSize(): { count: number; busy: number; bytes: number; made: number } {
  let busy = 0;
  let bytes = 0;
  for (const s of shelf) {
    if (Atomics.load(s.flag, 0) !== FREE) busy++;
    bytes += s.data.length;
  }
  return { count: shelf.length, busy, bytes, made };
}

/** Forget every buffer on this thread's shelf (tests start from an empty one). */
export function clearSharedShelf(): void {
  shelf.length = 0;
  made = 0;
  takes = 0;
}
