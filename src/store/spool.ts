import { closeSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import type { BorrowedRange } from '../model/record-columns.js';
import { openAgain } from '../source/open-again.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes gathered in memory before one write to the spool file. */
const WRITE_BUFFER = 1024 * 1024;
/** Reads from the file go through cached blocks of this size (sequential scans, search). */
const BLOCK = 64 * 1024;
const CACHED_BLOCKS = 32;

/**
 * The raw bytes of every record the viewer holds, kept on disk instead of in
 * memory: an append-only temp file, unlinked as soon as it is opened, so
 * nothing is left behind even after kill -9. It holds a copy of what was read,
 * so a record stays readable after its source is renamed, deleted, truncated in
 * place (copytruncate) or was a pipe. Offsets are positions in this file.
 * If the file cannot be created or written (no space), bytes stay in memory:
 * nothing already read is lost.
 *
 * A big file's start is not copied while it is indexed: its range is
 * borrowed (borrow()), read from the file itself through a descriptor of the
 * spool's own (rename and delete keep the inode), and copied in afterwards by
 * a background thread (spool-copy.ts), which says how far it got (copied()).
 */
export class Spool {
  private fd: number | undefined;
  /** Write buffer: bytes [bufStart, bufStart + used) of the spool. */
  private buf = Buffer.allocUnsafe(WRITE_BUFFER);
  private bufStart = 0;
  private used = 0;
  /** read() handed out a view of `buf`: the next flush needs a new one. */
  private lent = false;
  /** Bytes the file could not take, by their spool offset (memory fallback). */
  private readonly inMemory: Array<{ at: number; bytes: Buffer }> = [];
  private readonly cache = new Map<number, Buffer>();
  /** Ranges still read from their source file (borrow()), by base. */
  private readonly borrowed = new Map<number, Borrowed>();

  constructor(dir = tmpdir()) {
    try {
      // Not node:crypto: loading it costs ~10 ms before the first screen; 'wx' (O_EXCL) makes any name safe.
      const path = join(dir, `logview-spool-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
      this.fd = openSync(path, 'wx+', 0o600);
      unlinkSync(path);
    } catch {
      this.fd = undefined;
    }
  }

  /** True when bytes go to disk (false: the memory fallback). */
  get onDisk(): boolean {
    return this.fd !== undefined;
  }

  /** Size of the spool file (bytes written out). */
  get bytesOnDisk(): number {
    return this.fd === undefined ? 0 : fstatSync(this.fd).size;
  }

  /** Total bytes appended. */
  get size(): number {
    return this.bufStart + this.used;
  }

  /** Append one record's parts contiguously; returns its offset. */
  append(parts: readonly Buffer[]): number {
    const at = this.size;
    for (const p of parts) this.write(p);
    return at;
  }

  private write(p: Buffer): void {
    // A big part (a worker's segment) goes out as it is, not copied through the buffer.
    if (p.length >= this.buf.length && this.fd !== undefined) {
      this.flush();
      if (this.writeOut(p, this.bufStart)) {
        this.bufStart += p.length;
        return;
      }
    }
    let pos = 0;
    while (pos < p.length) {
      const n = Math.min(p.length - pos, this.buf.length - this.used);
      p.copy(this.buf, this.used, pos, pos + n);
      this.used += n;
      pos += n;
      if (this.used === this.buf.length) this.flush();
    }
  }

  /** Write the buffer out; views handed out by read() keep the old buffer. */
  private flush(): void {
    if (this.used === 0) return;
    const full = this.buf.subarray(0, this.used);
    const kept = !this.writeOut(full, this.bufStart);
    if (kept) this.inMemory.push({ at: this.bufStart, bytes: full });
    this.bufStart += this.used;
    this.used = 0;
    // Reused unless read() lent a view of it, or it is kept as the memory fallback:
    // a new megabyte per flush was 1 GiB of short-lived buffers for a 1 GiB file.
    if (kept || this.lent) this.buf = Buffer.allocUnsafe(WRITE_BUFFER);
    this.lent = false;
  }

  /** Write bytes at a spool offset; false when the file cannot take them. */
  private writeOut(bytes: Buffer, at: number): boolean {
    if (this.fd === undefined) return false;
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off, at + off);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Spool space for `length` bytes of a file, open as `sourceFd`, whose
   * byte `o` goes at `base + o`: read from the file until copied() says a
   * copy has them. The spool opens the file again (through /dev/fd: the same
   * inode, even renamed or deleted), so the caller may close its own.
   * Undefined where that cannot be done (then copy the bytes in with append).
   */
  borrow(length: number, sourceFd: number): BorrowedRange | undefined {
    if (this.fd === undefined) return undefined;
    const source = openAgain([{ fd: sourceFd }])?.[0];
    if (source === undefined) return undefined;
    this.flush();
    const base = this.bufStart;
    this.bufStart += length;
    this.borrowed.set(base, { base, length, fd: source, copied: 0, lost: false });
    return { fd: this.fd, base, length, source };
  }

  /**
   * The borrowed range at `base` has its first `upTo` bytes in the spool
   * file now; once all are, the source is let go.
   */
  copied(base: number, upTo: number): void {
    const b = this.borrowed.get(base);
    if (!b) return;
    b.copied = Math.max(b.copied, Math.min(upTo, b.length));
    if (b.copied < b.length) return;
    closeQuietly(b.fd);
    this.borrowed.delete(base);
  }

  /** The bytes [offset, offset + length). */
  read(offset: number, length: number): Buffer {
    if (length === 0) return Buffer.alloc(0);
    if (offset >= this.bufStart) {
      this.lent = true;
      return this.buf.subarray(offset - this.bufStart, offset - this.bufStart + length);
    }
    const out = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const at = offset + got;
      if (at >= this.bufStart) {
        got += this.buf.copy(out, got, at - this.bufStart, at - this.bufStart + (length - got));
        continue;
      }
      const block = this.block(Math.floor(at / BLOCK) * BLOCK);
      const from = at % BLOCK;
      got += block.copy(out, got, from, Math.min(block.length, from + (length - got)));
    }
    return out;
  }

  /** One cached block of written bytes (shorter at the written end). */
  private block(start: number): Buffer {
    const hit = this.cache.get(start);
    // A block cut short at the written end then has grown.
    if (hit && (hit.length === BLOCK || start + hit.length >= this.bufStart)) {
      this.cache.delete(start);
      this.cache.set(start, hit);
      return hit;
    }
    const len = Math.min(BLOCK, this.bufStart - start);
    const b = Buffer.allocUnsafe(len);
    this.fill(b, start);
    this.cache.delete(start);
    if (this.cache.size >= CACHED_BLOCKS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(start, b);
    return b;
  }

  private fill(b: Buffer, start: number): void {
    if (this.fd !== undefined) readFully(this.fd, b, start);
    // Ranges the disk refused are in memory.
    for (const m of this.inMemory) {
      const end = m.at + m.bytes.length;
      if (end <= start || m.at >= start + b.length) continue;
      const from = Math.max(start, m.at);
      m.bytes.copy(b, from - start, from - m.at, Math.min(end, start + b.length) - m.at);
    }
    for (const r of this.borrowed.values()) this.fillBorrowed(b, start, r);
  }

  /**
   * The part of block `b` (at spool offset `start`) in borrowed range `r`
   * that is not copied yet, from the source file. Read, then checked: a file
   * shorter than the range was truncated in place (copytruncate) before the
   * copy got there, and what it holds there now is other bytes; those stay
   * zeros, and no later read asks the file again.
   */
  private fillBorrowed(b: Buffer, start: number, r: Borrowed): void {
    const from = Math.max(start, r.base + r.copied);
    const to = Math.min(start + b.length, r.base + r.length);
    if (from >= to) return;
    const part = b.subarray(from - start, to - start);
    if (!r.lost) {
      readFully(r.fd, part, from - r.base);
      r.lost = sizeOf(r.fd) < r.length;
    }
    if (r.lost) part.fill(0);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    for (const r of this.borrowed.values()) closeQuietly(r.fd);
    this.borrowed.clear();
  }
}

/** A borrowed range (Spool.borrow): its own descriptor on the source file. */
interface Borrowed {
  base: number;
  length: number;
  fd: number;
  /** Bytes from the range's start known to be in the spool file. */
  copied: number;
  /** The source was truncated before the copy was done: the rest is gone. */
  lost: boolean;
}

/** Read into all of `b` from `position`, or up to the file's end (the rest left as it was). */
function readFully(fd: number, b: Buffer, position: number): void {
  let off = 0;
  while (off < b.length) {
    const n = readSync(fd, b, off, b.length - off, position + off);
    if (n === 0) break;
    off += n;
  }
}

function sizeOf(fd: number): number {
  try {
    return fstatSync(fd).size;
  } catch {
    return 0;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // closed already
  }
}
