import type { LiveOutputs } from '../live-source.js';
import { runProcess } from '../process-run.js';
import { ProcessSource } from '../process-source.js';
import { FrameError, FrameReader, type RemoteFrame } from './frames.js';
import { remoteCommand } from './remote-follower.js';
import { sshArgv, sshFailure, type SshTarget } from './ssh-command.js';

export interface SshOptions {
  follow: boolean;
  /** Pauses before reconnecting, in ms, the last repeated (default RECONNECT_MS). */
  reconnectMs?: readonly number[];
}

/** Back-off between reconnection attempts (ms); the last one repeats. */
export const RECONNECT_MS = [250, 500, 1000, 2000, 5000];
/** A file read without --follow whose connection drops is reconnected this many times at most. */
const READ_RETRIES = 3;

/**
 * A remote file through ssh: the remote follower (remote-follower.ts) sends
 * frames; their bytes go on as a followed file's would. The identity and
 * offset reached are kept, so when the connection drops, the next one
 * resumes exactly there (the same stream: a line cut by the drop is joined
 * whole): nothing lost, nothing repeated.
 */
export class SshSource extends ProcessSource {
  /** The stream being read (-1: none), its file's identity and the offset reached in it. */
  private stream = -1;
  private streams = 0;
  private ident: string | undefined;
  private offset = 0;
  /** The rotated-away file the follower keeps reading for late lines: its stream (-1: none) and offset reached. */
  private oldStream = -1;
  private oldOffset = 0;
  private oldIdent: string | undefined;
  /**
   * Where a new connection resumes when no file is current (between a
   * rotation and the next file, or the generations missed in between): the
   * file read last and the offset reached in it, so the follower reads on
   * from it and finds the generations born since (never the name afresh).
   */
  private lastRead: { ident: string; offset: number } | undefined;
  /** A new connection resumes the old file: its stream goes on if the follower opens it where it was. */
  private adoptOld = false;
  private caught = false;
  private waiting = false;

  constructor(
    name: string,
    private readonly target: SshTarget,
    private readonly path: string,
    out: LiveOutputs,
    private readonly opts: SshOptions,
  ) {
    super(name, out);
  }

  private get sink() {
    return this.out.sinks[0]!;
  }

  protected async runAll(): Promise<void> {
    const backoff = this.opts.reconnectMs ?? RECONNECT_MS;
    let everConnected = false;
    let lost = false;
    let failures = 0;
    for (;;) {
      this.adoptOld = this.ident === undefined && this.oldStream >= 0 && this.oldIdent !== undefined;
      const resume =
        this.ident !== undefined ? { ident: this.ident, offset: this.offset } : this.adoptOld ? { ident: this.oldIdent!, offset: this.oldOffset } : this.lastRead;
      const argv = sshArgv(this.target, remoteCommand(this.opts.follow ? 'follow' : 'read', this.path, resume));
      const reader = new FrameReader();
      let got = false;
      let final: 'eof' | 'err' | undefined;
      let stderr = '';
      this.run = runProcess(
        argv,
        async (chunk) => {
          if (final) return;
          const frames: RemoteFrame[] = [];
          try {
            reader.push(chunk, (f) => frames.push(f));
          } catch (err) {
            if (!(err instanceof FrameError)) throw err;
            final = 'err';
            this.run?.kill();
            await this.notice('error', err.message);
          }
          for (const f of frames) {
            if (!got) {
              got = true;
              everConnected = true;
              failures = 0;
              if (lost) await this.notice('info', 'reconnected');
              lost = false;
            }
            final = await this.onFrame(f);
            if (final) break;
          }
        },
        (chunk) => {
          stderr = (stderr + chunk.toString()).slice(-4096);
        },
      );
      const exit = await this.run.done;
      this.run = undefined;
      if (this.stopped || final === 'err') break;
      if (final === 'eof') {
        await this.endStream();
        this.markCaughtUp();
        break;
      }
      if (!everConnected) {
        await this.notice('error', sshFailure(stderr, exit));
        break;
      }
      failures++;
      if (!this.opts.follow && failures > READ_RETRIES) {
        await this.notice('error', `connection lost (${sshFailure(stderr, exit)})`);
        break;
      }
      // A new follower does not know the old file: what it gets late is not
      // read, unless there is no current file and it resumes there.
      if (this.ident !== undefined || this.oldStream < 0) await this.endOld();
      if (!lost) await this.notice('warning', `connection lost (${sshFailure(stderr, exit)}); reconnecting`);
      lost = true;
      await this.pause(backoff[Math.min(failures - 1, backoff.length - 1)]!);
      if (this.stopped) break;
    }
    await this.endOld();
    await this.endStream();
  }

  /** One frame; returns how the connection ends when this frame says so. */
  private async onFrame(f: RemoteFrame): Promise<'eof' | 'err' | undefined> {
    switch (f.verb) {
      case 'data': {
        if (f.old) {
          if (this.oldStream < 0) return undefined;
          const at = this.oldOffset;
          this.oldOffset += f.bytes.length;
          await this.sink({ kind: 'data', stream: this.oldStream, offset: at, data: f.bytes });
          return undefined;
        }
        if (this.stream < 0) return undefined;
        const at = this.offset;
        this.offset += f.bytes.length;
        await this.sink({ kind: 'data', stream: this.stream, offset: at, data: f.bytes });
        return undefined;
      }
      case 'keep':
        await this.endOld();
        this.oldStream = this.stream;
        this.oldOffset = this.offset;
        this.oldIdent = this.ident;
        this.stream = -1;
        this.ident = undefined;
        this.offset = 0;
        return undefined;
      case 'oldend':
        await this.endOld();
        return undefined;
      case 'open': {
        this.waiting = false;
        // The file and place reached before the connection dropped: the same stream goes on.
        if (this.stream >= 0 && f.ident === this.ident && f.offset === this.offset) return undefined;
        const adopt = this.adoptOld;
        this.adoptOld = false;
        if (adopt && this.oldStream >= 0 && f.ident === this.oldIdent && f.offset === this.oldOffset) {
          await this.endStream();
          this.stream = this.oldStream;
          this.oldStream = -1;
          this.ident = f.ident;
          this.offset = f.offset;
          return undefined;
        }
        if (adopt) await this.endOld();
        await this.endStream();
        this.stream = this.streams++;
        this.ident = f.ident;
        this.offset = f.offset;
        return undefined;
      }
      case 'end':
        if (this.ident !== undefined) this.lastRead = { ident: this.ident, offset: this.offset };
        await this.endStream();
        return undefined;
      case 'caught':
        this.markCaughtUp();
        return undefined;
      case 'wait':
        if (!this.waiting) await this.notice('warning', 'waiting for the file to appear');
        this.waiting = true;
        return undefined;
      case 'gone':
        await this.notice('warning', 'the file being read was rotated away or truncated while disconnected; reading on from the new file');
        this.adoptOld = false;
        await this.endOld();
        this.lastRead = undefined;
        await this.endStream();
        return undefined;
      case 'err':
        await this.notice('error', f.reason);
        return 'err';
      case 'eof':
        return 'eof';
      case 'tick':
      case 'match':
        return undefined;
    }
  }

  /** The old file's stream is done (its grace ended, or the connection that read it dropped). */
  private async endOld(): Promise<void> {
    if (this.oldStream < 0) return;
    const s = this.oldStream;
    this.oldStream = -1;
    if (this.oldIdent !== undefined) this.lastRead = { ident: this.oldIdent, offset: this.oldOffset };
    await this.sink({ kind: 'end', stream: s });
  }

  private async endStream(): Promise<void> {
    if (this.stream < 0) return;
    const s = this.stream;
    this.stream = -1;
    this.ident = undefined;
    this.offset = 0;
    await this.sink({ kind: 'end', stream: s });
  }

  private markCaughtUp(): void {
    if (this.caught) return;
    this.caught = true;
    this.out.caughtUp();
  }
}
