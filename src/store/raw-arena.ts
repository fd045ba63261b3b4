/**
 * Raw bytes of many records in a few large pages, so a million records cost a
 * handful of Buffers rather than a million small ones. A record larger than a
 * page gets a buffer of its own, addressed by a negative page number.
 */
export class RawArena {
  private readonly pages: Buffer[] = [];
  private readonly huge: Buffer[] = [];
  private used = 0;
  private bytes = 0;

  constructor(private readonly pageSize = 4 * 1024 * 1024) {
    this.pages.push(Buffer.allocUnsafe(pageSize));
  }

  /** Total bytes stored. */
  get size(): number {
    return this.bytes;
  }

  /** Copy parts in, contiguously; returns [page, offset]. */
  append(parts: readonly Buffer[], length: number): [number, number] {
    this.bytes += length;
    if (length > this.pageSize) {
      const own = Buffer.allocUnsafe(length);
      let p = 0;
      for (const b of parts) p += b.copy(own, p);
      this.huge.push(own);
      return [-this.huge.length, 0];
    }
    if (this.used + length > this.pageSize) {
      this.pages.push(Buffer.allocUnsafe(this.pageSize));
      this.used = 0;
    }
    const page = this.pages[this.pages.length - 1]!;
    const start = this.used;
    for (const b of parts) this.used += b.copy(page, this.used);
    return [this.pages.length - 1, start];
  }

  get(page: number, offset: number, length: number): Buffer {
    const buf = page < 0 ? this.huge[-page - 1]! : this.pages[page]!;
    return buf.subarray(offset, offset + length);
  }
}
