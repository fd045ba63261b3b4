/**
 * Output buffers of print mode's segments, reused on the thread that holds
 * them. A segment's rendered output lives while the segment is parsed, joined
 * and written: long enough to be promoted to V8's old generation, where its
 * memory (outside the JS heap) is only freed by a full collection. The main
 * thread seldom runs one, so buffers made fresh for every segment pile up
 * with the file's size; a few reused buffers keep print memory flat.
 *
 * Module state: each thread (worker or main) has its own shelf.
 */

/** Bytes of a new output buffer: a filtered segment's output fits, a full one grows from here. */
export const FIRST_OUTPUT_BYTES = 64 * 1024;
/** Buffers kept for reuse: as many as can be in flight between the parsers and the output. */
export const SHELF_COUNT = 8;
/** Bytes kept for reuse at most (a buffer past this is left to the collector). */
export const SHELF_BYTES = 32 * 1024 * 1024;

const shelf: ArrayBuffer[] = [];
let shelved = 0;

/** A buffer of at least `min` bytes: a shelved one when one is big enough, else a new one (never from Node's shared pool). */
export function takeOutputBuffer(min: number): Buffer {
  let best = -1;
  for (let i = 0; i < shelf.length; i++) {
    const len = shelf[i]!.byteLength;
    if (len >= min && (best < 0 || len < shelf[best]!.byteLength)) best = i;
  }
  if (best < 0) return Buffer.allocUnsafeSlow(Math.max(min, FIRST_OUTPUT_BYTES));
  const [ab] = shelf.splice(best, 1);
  shelved -= ab!.byteLength;
  return Buffer.from(ab!);
}

/**
 * Give a buffer back once nothing reads it any more (the output has written
 * it). A detached (transferred) buffer, or one past the shelf's limits, is
 * dropped; when the shelf is full the smallest buffer makes room.
 */
export function shelveOutputBuffer(ab: ArrayBuffer): void {
  const len = ab.byteLength;
  if (len === 0 || len > SHELF_BYTES || shelf.includes(ab)) return;
  while (shelf.length > 0 && (shelf.length >= SHELF_COUNT || shelved + len > SHELF_BYTES)) {
    let small = 0;
    for (let i = 1; i < shelf.length; i++) if (shelf[i]!.byteLength < shelf[small]!.byteLength) small = i;
    if (shelf[small]!.byteLength >= len) return;
    shelved -= shelf.splice(small, 1)[0]!.byteLength;
  }
  shelf.push(ab);
  shelved += len;
}

/** Buffers and bytes on this thread's shelf (tests). */
export function shelfSize(): { count: number; bytes: number } {
  return { count: shelf.length, bytes: shelved };
}
