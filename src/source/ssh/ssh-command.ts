import { splitCommand } from '../command/split-command.js';
import { exitReason } from '../live-source.js';
import type { ProcessExit } from '../process-run.js';

/** Where a remote file is: `[user@]host[:port]`. */
export interface SshTarget {
  host: string;
  user?: string;
  port?: number;
}

/**
 * The ssh command line for running `remote` on the target: `LOGVIEW_SSH`
 * (split like a shell would, as git does GIT_SSH_COMMAND) or the system
 * `ssh`, so the user's config, agent, jump hosts and known_hosts apply. Never
 * a password prompt (BatchMode; ssh's stdin is not the terminal either), and
 * a dead connection is noticed by ssh's keepalives within ~30 s. Options the
 * user gave come first, and ssh takes the first value given for each.
 */
export function sshArgv(target: SshTarget, remote: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const base = env.LOGVIEW_SSH !== undefined && env.LOGVIEW_SSH.trim() !== '' ? splitCommand(env.LOGVIEW_SSH) : ['ssh'];
  const dest = target.user !== undefined ? `${target.user}@${target.host}` : target.host;
  // The URL's port first: ssh keeps the first -p it is given, and LOGVIEW_SSH may carry one.
  return [
    base[0]!,
    ...(target.port !== undefined ? ['-p', String(target.port)] : []),
    ...base.slice(1),
    '-T',
    '-o', 'BatchMode=yes',
    '-o', 'ServerAliveInterval=10',
    '-o', 'ServerAliveCountMax=3',
    '-o', 'LogLevel=ERROR',
    '--',
    dest,
    remote,
  ];
}

/** Why ssh failed, in one line: its last message (`Connection refused`, `Permission denied (publickey).`). */
export function sshFailure(stderr: string, exit: ProcessExit): string {
  if (exit.error) return exit.error.code === 'ENOENT' ? 'ssh not found' : exit.error.message;
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const last = lines[lines.length - 1];
  return last !== undefined ? last.replace(/^ssh: /, '') : `ssh ${exitReason(exit.code, exit.signal)}`;
}
