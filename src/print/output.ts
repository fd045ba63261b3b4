/**
 * Writes to stdout in batches and waits for drain, so a slow reader (`| less`)
 * holds the producer back instead of buffering the whole log in memory. A closed
 * pipe (`| head`) is the normal end of a pipeline, not an error: `closed` turns
 * true and the caller stops.
 */
export class Output {
  closed = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
        this.closed = true;
        this.wake();
      } else {
        throw err;
      }
    });
  }

  async write(data: string | Buffer): Promise<void> {
    if (this.closed || data.length === 0) return;
    if (!this.stream.write(data)) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        this.stream.once('drain', () => this.wake());
      });
    }
  }

  /** Resolve once everything written has been handed to the OS. */
  async end(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      if (this.stream.writableNeedDrain) this.stream.once('drain', () => resolve());
      else resolve();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
