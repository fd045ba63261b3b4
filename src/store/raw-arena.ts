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

  /**
   * Copy many records' raw parts in, each record contiguous; returns each
   * record's [page, offset] in `out` (two entries per record). Parts that sit
   * next to each other in the source chunk and in the arena are copied in one
   * go: a batch of small records costs a few copies, not one per line.
   */
  appendMany(records: readonly (readonly Buffer[])[], lengths: readonly number[], out: number[]): void {
    let runSrc: ArrayBufferLike | undefined;
    let runStart = 0;
    let runEnd = 0;
    let runPage = -1;
    let runDest = 0;
    const flush = (): void => {
      if (runSrc && runEnd > runStart) Buffer.from(runSrc, runStart, runEnd - runStart).copy(this.pages[runPage]!, runDest);
      runSrc = undefined;
    };
    for (let r = 0; r < records.length; r++) {
      const parts = records[r]!;
      const length = lengths[r]!;
      if (length > this.pageSize) {
        flush();
        const [page, off] = this.append(parts, length);
        out.push(page, off);
        continue;
      }
      this.bytes += length;
      if (this.used + length > this.pageSize) {
        flush();
        this.pages.push(Buffer.allocUnsafe(this.pageSize));
        this.used = 0;
      }
      const page = this.pages.length - 1;
      out.push(page, this.used);
      for (const b of parts) {
        // Views of one chunk: extend the run when this part follows it in both places.
        if (runSrc === b.buffer && runEnd === b.byteOffset && runPage === page && runDest + (runEnd - runStart) === this.used) {
          runEnd += b.length;
        } else {
          flush();
          runSrc = b.buffer;
          runStart = b.byteOffset;
          runEnd = b.byteOffset + b.length;
          runPage = page;
          runDest = this.used;
        }
        this.used += b.length;
      }
    }
    flush();
  }

  get(page: number, offset: number, length: number): Buffer {
    const buf = page < 0 ? this.huge[-page - 1]! : this.pages[page]!;
    return buf.subarray(offset, offset + length);
  }
}
