import type { LiveOutputs } from '../live-source.js';
import type { SourceSpec } from '../source-spec.js';
import { runProcess } from '../process-run.js';
import { ProcessSource } from '../process-source.js';
import { FrameError, FrameReader, type RemoteFrame } from './frames.js';
import { remoteCommand } from './remote-follower.js';
import { sshArgv, sshFailure } from './ssh-command.js';
import { RECONNECT_MS } from './ssh-source.js';

export type SshSpec = Extract<SourceSpec, { kind: 'ssh' }>;

const GLOB = /[*?[]/;

/** True when a remote path is a pattern for the remote shell to expand. */
export function isRemoteGlob(path: string): boolean {
  return GLOB.test(path);
}

/** The source argument for one file on the same host, written as the pattern was. */
export function remoteName(name: string, spec: SshSpec, path: string): string {
  const user = spec.user !== undefined ? `${spec.user}@` : '';
  const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  return name.startsWith('ssh://') ? `ssh://${user}${host}${spec.port !== undefined ? `:${spec.port}` : ''}${path}` : `${user}${host}:${path}`;
}

/**
 * Expand a remote pattern on its host (the remote sh's pathname expansion,
 * regular files only): the paths it matches, in the shell's order (remoteName
 * gives each its source argument). Throws an Error with the one-line reason
 * (unreachable, no match).
 */
export async function expandRemoteGlob(name: string, spec: SshSpec): Promise<RemotePattern> {
  const reader = new FrameReader();
  const matches: string[] = [];
  let stderr = '';
  let problem: string | undefined;
  let eof = false;
  const run = runProcess(
    sshArgv(spec, remoteCommand('glob', spec.path)),
    (chunk) => {
      try {
        reader.push(chunk, (f: RemoteFrame) => {
          if (f.verb === 'match') matches.push(f.path);
          else if (f.verb === 'eof') eof = true;
        });
      } catch (err) {
        if (!(err instanceof FrameError)) throw err;
        problem = err.message;
      }
    },
    (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-4096);
    },
  );
  const exit = await run.done;
  if (problem !== undefined) throw new Error(problem);
  if (!eof) throw new Error(sshFailure(stderr, exit));
  if (matches.length === 0) throw new Error('no file matches');
  return { name, spec, paths: matches };
}

/** A remote pattern given on the command line, and the paths it matched at start. */
export interface RemotePattern {
  /** The source argument as given (`host:/var/log/nova/*.log`). */
  name: string;
  spec: SshSpec;
  /** Remote paths matched at start: each is a source already. */
  paths: readonly string[];
}

/**
 * Whether `path` is a rotated-away form of a path already followed in the
 * same directory (`app.log.1`, `app.log-20261202`): that path's follower
 * reads it, so it is no new file (it would be read twice).
 */
export function isRotatedForm(path: string, followed: Iterable<string>): boolean {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  for (const f of followed) {
    const s = f.lastIndexOf('/');
    if (f.slice(0, s + 1) === dir && base !== f.slice(s + 1) && base.startsWith(f.slice(s + 1))) return true;
  }
  return false;
}

/**
 * A remote pattern watched for files that appear after the start (as lnav,
 * or `tail -F` over a re-expanded glob): the remote side expands it again
 * every second (watch mode of the follower: builtins and one sleep) and
 * lists each path once; a path not followed yet, and not a rotated form of
 * one, becomes a new source (onNew, with its source argument), read from its
 * start. A dropped connection is reconnected; the new listing repeats paths
 * already known, which are skipped.
 */
export class RemotePatternWatch extends ProcessSource {
  private readonly followed: Set<string>;

  constructor(
    private readonly pattern: RemotePattern,
    private readonly onNew: (name: string) => void,
    out: LiveOutputs,
    private readonly reconnectMs: readonly number[] = RECONNECT_MS,
  ) {
    super(pattern.name, out);
    this.followed = new Set(pattern.paths);
  }

  protected async runAll(): Promise<void> {
    let failures = 0;
    let lost = false;
    for (;;) {
      const reader = new FrameReader();
      let got = false;
      let stderr = '';
      let bad: string | undefined;
      this.run = runProcess(
        sshArgv(this.pattern.spec, remoteCommand('watch', this.pattern.spec.path)),
        (chunk) => {
          if (bad !== undefined) return;
          try {
            reader.push(chunk, (f) => {
              got = true;
              if (f.verb === 'match') this.found(f.path);
            });
          } catch (err) {
            if (!(err instanceof FrameError)) throw err;
            bad = err.message;
            this.run?.kill();
          }
        },
        (chunk) => {
          stderr = (stderr + chunk.toString()).slice(-4096);
        },
      );
      const exit = await this.run.done;
      this.run = undefined;
      if (this.stopped) break;
      if (bad !== undefined) {
        await this.notice('error', `watching for new files: ${bad}`);
        break;
      }
      if (got) failures = 0;
      failures++;
      if (!lost) await this.notice('warning', `watching for new files: connection lost (${sshFailure(stderr, exit)}); reconnecting`);
      lost = true;
      await this.pause(this.reconnectMs[Math.min(failures - 1, this.reconnectMs.length - 1)]!);
      if (this.stopped) break;
    }
  }

  private found(path: string): void {
    if (this.followed.has(path) || isRotatedForm(path, this.followed)) return;
    this.followed.add(path);
    this.onNew(remoteName(this.pattern.name, this.pattern.spec, path));
  }
}
