import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How a process ended; `error` when it could not be started (ENOENT: no such command). */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: NodeJS.ErrnoException;
}

/** A running process whose stdout and stderr are being read. */
export interface ProcessRun {
  /** Resolves once the process has exited and both outputs are read to their end. */
  done: Promise<ProcessExit>;
  /** End it: SIGTERM to its process group, SIGKILL if it is still there KILL_AFTER_MS later. */
  kill(): void;
}

/** How long a process asked to stop gets before SIGKILL. */
export const KILL_AFTER_MS = 2000;

/** Read to the end; a consumer's promise holds the stream back (backpressure). */
async function pump(stream: Readable | null, onData: (chunk: Buffer) => void | Promise<void>): Promise<void> {
  if (!stream) return;
  try {
    for await (const chunk of stream) await onData(chunk as Buffer);
  } catch {
    // A pipe torn down with its process (the process was killed) has nothing more to give.
  }
}

/**
 * Run argv (no shell) with stdin on /dev/null, so a terminal's keys stay
 * with the viewer. The process leads its own process group, so stopping it
 * also stops what it started (kubectl's helpers, ssh's ProxyCommand).
 */
export function runProcess(
  argv: readonly string[],
  onStdout: (chunk: Buffer) => void | Promise<void>,
  onStderr: (chunk: Buffer) => void | Promise<void>,
): ProcessRun {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let killTimer: NodeJS.Timeout | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const done = Promise.all([exited, pump(child.stdout, onStdout), pump(child.stderr, onStderr)]).then(([exit]) => {
    if (killTimer) clearTimeout(killTimer);
    return exit;
  });
  const signal = (sig: NodeJS.Signals): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      child.kill(sig);
    }
  };
  return {
    done,
    kill() {
      signal('SIGTERM');
      killTimer ??= setTimeout(() => {
        signal('SIGKILL');
        // Its pipes may be held by a grandchild that ignored SIGTERM: let them go.
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, KILL_AFTER_MS);
      killTimer.unref();
    },
  };
}
