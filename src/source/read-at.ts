import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Read into `into` from `position` until it is full or the file ends; returns the bytes read. */
export function readAtSync(fd: number, position: number, into: Buffer): number {
  let got = 0;
  while (got < into.length) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** Up to `length` bytes at `position` (fewer at the file's end), into `into` when it is big enough. */
export async function readAt(fh: FileHandle, position: number, length: number, into?: Buffer): Promise<Buffer> {
  const buf = into !== undefined && into.length >= length ? into : Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/**
 * The bytes [from, end) of an open file in chunks, each a fresh buffer (lines
 * and records may keep slices of it), with a turn of the event loop after
 * each so keys and frames go first.
 */
export async function* rangeChunks(fh: FileHandle, from: number, end: number, chunk: number, onRead: (pos: number) => void = () => {}): AsyncGenerator<Buffer> {
  for (let pos = from; pos < end; ) {
    const c = await readAt(fh, pos, Math.min(chunk, end - pos));
    if (c.length === 0) return;
    pos += c.length;
    yield c;
    onRead(pos);
    await new Promise<void>((r) => setImmediate(r));
  }
}
