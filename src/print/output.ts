/**
 * Writes to stdout in batches and waits for drain, so a slow reader (`| less`)
 * holds the producer back instead of buffering the whole log in memory. A closed
 * pipe (`| head`) is the normal end of a pipeline, not an error: `closed` turns
 * true and the caller stops. Any other write error (a full disk) also closes
 * the output and is kept in `error` for one `logview: ` line.
 */
export class Output {
  closed = false;
  error: NodeJS.ErrnoException | undefined;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stdout,
    /** Called once when the output closes: a follow waiting for the next append must end now. */
    private readonly onClose: () => void = () => {},
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') this.error ??= err;
      this.close();
    });
  }

  /** The reader went away (see watchReader): as an EPIPE, before any write failed. */
  readerGone(): void {
    this.close();
  }

  private close(): void {
    const first = !this.closed;
    this.closed = true;
    this.wake();
    if (first) this.onClose();
  }

  /**
   * Resolves once the stream takes more (at once, or after a drain).
   * `written` is called once the stream has done with `data`'s bytes (they
   * were written, or will never be): only then may they be overwritten.
   */
  async write(data: string | Buffer, written?: () => void): Promise<void> {
    if (this.closed || data.length === 0) {
      written?.();
      return;
    }
    if (!this.stream.write(data, written && (() => written()))) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        this.stream.once('drain', () => this.wake());
      });
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
