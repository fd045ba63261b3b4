import type { FollowSink } from './follow/file-follower.js';

/**
 * A source that is a running process (a command, journalctl, ssh): it
 * reports bytes, stream ends and notices as FollowEvents, like a followed
 * file, so the same LiveRecords path turns them into records.
 */
export interface LiveSource {
  /** Begin reading. */
  start(): void;
  /** Stop now (the process is ended); resolves once no more events come. */
  stop(): Promise<void>;
  /** Resolves when the source ended on its own (a command exited, journalctl without -f reached the end). */
  readonly ended: Promise<void>;
}

/** Where a live source reports: one sink per output (a command's stdout and stderr), and its catching up. */
export interface LiveOutputs {
  sinks: readonly FollowSink[];
  /** What the source held at start has been delivered (a live command: at once). */
  caughtUp(): void;
}

/** A short reason for a process that ended: `exited with status 3`, `killed by SIGTERM`. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `killed by ${signal}` : `exited with status ${code ?? 0}`;
}
