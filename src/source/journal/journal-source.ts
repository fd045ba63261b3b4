import { stat } from 'node:fs/promises';
import { exitReason, type LiveOutputs } from '../live-source.js';
import { runProcess } from '../process-run.js';
import { ProcessSource } from '../process-source.js';
import { describeFsError } from '../source-error.js';
import { WholeLines } from './whole-lines.js';

export interface JournalOptions {
  follow: boolean;
  /** The journalctl program (tests; default `journalctl` on PATH). */
  journalctl?: string;
  /** Pause before journalctl is started again after it exited while followed (ms). */
  restartDelayMs?: number;
}

/** What a `journal:` source reads: the local journal, one unit, or a journal file or directory. */
export interface JournalTarget {
  unit?: string;
  path?: string;
}

const RESTART_DELAY_MS = 1000;
const CURSOR = /"__CURSOR":"((?:[^"\\]|\\.)*)"/;

/** How often a followed journal file is stat'ed for new entries (journalctl -f cannot follow --file). */
const FILE_POLL_MS = 300;

/** journalctl's arguments for a target: JSON, every field in full, no pager and no hints. */
export function journalctlArgs(target: JournalTarget, isFile: boolean, follow: boolean, cursor: string | undefined): string[] {
  const args = ['-o', 'json', '--all', '--no-pager', '-q'];
  if (target.unit !== undefined) args.push('-u', target.unit);
  if (target.path !== undefined) args.push(isFile ? '--file' : '--directory', target.path);
  // -f alone starts at the last 10 entries; --no-tail keeps them all.
  if (follow) args.push('-f', '--no-tail');
  if (cursor !== undefined) args.push('--after-cursor', cursor);
  return args;
}

/**
 * `journal:`: journalctl's JSON entries as a live source, one line each.
 * Only whole lines are passed on, and the cursor of the last one is kept, so
 * when journalctl is started again (it exited or was killed while followed)
 * it goes on after that entry: nothing lost, nothing repeated. Following
 * first reads what the journal holds (journalctl without -f, to its end: the
 * source has caught up), then follows from there: with -f, or for a single
 * journal file (journalctl 252 cannot follow --file: "Failed to get journal
 * fd") by reading on after the last cursor whenever the file changes.
 */
export class JournalSource extends ProcessSource {
  private cursor: string | undefined;

  constructor(
    name: string,
    private readonly target: JournalTarget,
    out: LiveOutputs,
    private readonly opts: JournalOptions,
  ) {
    super(name, out);
  }

  protected async runAll(): Promise<void> {
    const sink = this.out.sinks[0]!;
    const lines = new WholeLines();
    let offset = 0;
    const isFile = this.target.path !== undefined && !(await stat(this.target.path)).isDirectory();
    for (let run = 0; !this.stopped; run++) {
      const follow = this.opts.follow && run > 0 && !isFile;
      const seen = isFile ? await fileState(this.target.path!) : '';
      const args = journalctlArgs(this.target, isFile, follow, this.cursor);
      let stderr = '';
      lines.reset();
      this.run = runProcess(
        [this.opts.journalctl ?? 'journalctl', ...args],
        (chunk) => {
          const whole = lines.push(chunk);
          if (whole === undefined) return;
          const last = whole.lastLine();
          const m = CURSOR.exec(last);
          if (m) this.cursor = m[1];
          const at = offset;
          offset += whole.bytes.length;
          return sink({ kind: 'data', stream: 0, offset: at, data: whole.bytes });
        },
        (chunk) => {
          stderr = (stderr + chunk.toString()).slice(-4096);
        },
      );
      const exit = await this.run.done;
      this.run = undefined;
      if (exit.error) {
        const reason = exit.error.code === 'ENOENT' ? 'journalctl not found' : describeFsError(exit.error);
        await this.notice('error', reason);
        return;
      }
      if (this.stopped) return;
      const failed = exit.code !== 0 || exit.signal !== null;
      const why = lastLine(stderr) || exitReason(exit.code, exit.signal);
      // The first read failing is the source failing (no such file, not a journal).
      if (run === 0 && failed) {
        await this.notice('error', why);
        return;
      }
      if (run === 0) this.out.caughtUp();
      if (!this.opts.follow) return;
      if (isFile) {
        if (failed) await this.notice('warning', why);
        await this.fileChanged(this.target.path!, seen);
        continue;
      }
      if (run === 0) continue;
      await this.notice('warning', `journalctl ${exitReason(exit.code, exit.signal)}; started again after the last entry`);
      await this.pause(this.opts.restartDelayMs ?? RESTART_DELAY_MS);
    }
  }

  /** Resolves when the file's size or mtime differs from `seen` (or on stop). */
  private async fileChanged(path: string, seen: string): Promise<void> {
    while (!this.stopped && (await fileState(path)) === seen) await this.pause(FILE_POLL_MS);
  }
}

/** A journal file's size and mtime, or '' when it cannot be stat'ed. */
async function fileState(path: string): Promise<string> {
  try {
    const st = await stat(path);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

function lastLine(text: string): string {
  const ls = text.split('\n').filter((l) => l.trim() !== '');
  return ls.length > 0 ? ls[ls.length - 1]!.trim() : '';
}
