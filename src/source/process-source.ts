import type { LiveOutputs, LiveSource } from './live-source.js';
import type { ProcessRun } from './process-run.js';
import { describeFsError } from './source-error.js';

/**
 * What the process-backed sources share: one loop that runs (and reruns) a
 * process until it is done or stop() is called; stop() kills the process
 * and cuts short a pause between runs.
 */
export abstract class ProcessSource implements LiveSource {
  /** The process running now, if any: stop() kills it. */
  protected run: ProcessRun | undefined;
  protected stopped = false;
  private wake: (() => void) | undefined;
  private resolveEnded: () => void = () => {};
  readonly ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));
  private loop: Promise<void> = Promise.resolve();

  constructor(
    /** The source argument, as notices name it. */
    protected readonly name: string,
    protected readonly out: LiveOutputs,
  ) {}

  start(): void {
    this.loop = this.runAll()
      .catch((err: unknown) => this.notice('error', describeFsError(err)))
      .finally(() => this.resolveEnded());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.run?.kill();
    await this.loop;
  }

  /** Run until done or stopped. */
  protected abstract runAll(): Promise<void>;

  /** A one-line notice about this source, `name: message`. */
  protected notice(level: 'info' | 'warning' | 'error', message: string): void | Promise<void> {
    return this.out.sinks[0]!({ kind: 'notice', level, message: `${this.name}: ${message}` });
  }

  /** Wait ms between runs; stop() ends the wait at once. */
  protected async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    this.wake = undefined;
  }
}
