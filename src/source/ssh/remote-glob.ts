import type { SourceSpec } from '../source-spec.js';
import { runProcess } from '../process-run.js';
import { FrameError, FrameReader, type RemoteFrame } from './frames.js';
import { remoteCommand } from './remote-follower.js';
import { sshArgv, sshFailure } from './ssh-command.js';

type SshSpec = Extract<SourceSpec, { kind: 'ssh' }>;

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
 * regular files only): one source argument per match, in the shell's order.
 * Throws an Error with the one-line reason (unreachable, no match).
 */
export async function expandRemoteGlob(name: string, spec: SshSpec): Promise<string[]> {
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
  return matches.map((p) => remoteName(name, spec, p));
}
