import type { FollowSink } from '../follow/file-follower.js';
import { exitReason, type LiveOutputs } from '../live-source.js';
import { runProcess } from '../process-run.js';
import { ProcessSource } from '../process-source.js';
import { describeFsError } from '../source-error.js';

export interface CommandOptions {
  /** Run the command again when it exits (`--restart`). */
  restart: boolean;
  /** Pause before a restart, so a command that fails at once does not spin (ms). */
  restartDelayMs?: number;
}

/** Default pause between a command's exit and its restart (ms). */
export const RESTART_DELAY_MS = 1000;

/**
 * `cmd:COMMAND`: a command's stdout (sinks[0]) and stderr (sinks[1], or
 * sinks[0] when there is no second) as a live source. Each run is a stream
 * of its own, so a line cut by an exit is never joined to the next run's
 * first. Its exit is a notice; a command that cannot be started is an error.
 */
export class CommandSource extends ProcessSource {
  constructor(
    name: string,
    private readonly argv: readonly string[],
    out: LiveOutputs,
    private readonly opts: CommandOptions,
  ) {
    super(name, out);
  }

  override start(): void {
    // A command has no backlog: its lines are live from the first.
    this.out.caughtUp();
    super.start();
  }

  protected async runAll(): Promise<void> {
    const stdout = this.out.sinks[0]!;
    const stderr = this.out.sinks[1] ?? stdout;
    const offsets = [0, 0];
    for (let stream = 0; !this.stopped; stream++) {
      // Same sink for both outputs: stderr gets a stream of its own so lines never mix.
      const shared = stderr === stdout;
      const outStream = shared ? 2 * stream : stream;
      const errStream = shared ? 2 * stream + 1 : stream;
      const feed = (sink: FollowSink, which: 0 | 1, s: number) => (data: Buffer) => {
        const offset = offsets[which]!;
        offsets[which] = offset + data.length;
        return sink({ kind: 'data', stream: s, offset, data });
      };
      this.run = runProcess(this.argv, feed(stdout, 0, outStream), feed(stderr, 1, errStream));
      const exit = await this.run.done;
      this.run = undefined;
      await stdout({ kind: 'end', stream: outStream });
      await stderr({ kind: 'end', stream: errStream });
      if (exit.error) {
        const reason = exit.error.code === 'ENOENT' ? 'command not found' : describeFsError(exit.error);
        await this.notice('error', reason);
        return;
      }
      if (this.stopped) return;
      const why = exitReason(exit.code, exit.signal);
      const failed = exit.code !== 0 || exit.signal !== null;
      if (!this.opts.restart) {
        await this.notice(failed ? 'warning' : 'info', why);
        return;
      }
      await this.notice(failed ? 'warning' : 'info', `${why}; restarting`);
      await this.pause(this.opts.restartDelayMs ?? RESTART_DELAY_MS);
    }
  }
}
