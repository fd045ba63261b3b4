/** Whole lines cut from a chunk: their bytes, and the last of them as text. */
export interface WholeChunk {
  bytes: Buffer;
  lastLine(): string;
}

/**
 * Bytes -> whole lines only: the partial last line is held until its newline.
 * A source that restarts its producer (journalctl after a kill) drops the
 * held part (reset) and starts again after the last whole line it passed on.
 */
export class WholeLines {
  private held: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): WholeChunk | undefined {
    const nl = chunk.lastIndexOf(10);
    if (nl < 0) {
      this.held = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
      return undefined;
    }
    const bytes = this.held.length === 0 ? chunk.subarray(0, nl + 1) : Buffer.concat([this.held, chunk.subarray(0, nl + 1)]);
    this.held = chunk.subarray(nl + 1);
    return {
      bytes,
      lastLine: () => bytes.subarray(bytes.lastIndexOf(10, bytes.length - 2) + 1, bytes.length - 1).toString(),
    };
  }

  /** Forget the partial line held. */
  reset(): void {
    this.held = Buffer.alloc(0);
  }
}
