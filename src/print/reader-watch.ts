import { spawn } from 'node:child_process';
import { fstatSync } from 'node:fs';

/** How often the helper checks the pipe and our pid (s): five cheap wakes a second. */
const CHECK_SECONDS = 0.2;

/**
 * Calls `onGone` when the reader of stdout (a pipe: `logview -F f | head -n2`)
 * has gone while nothing is being written. A failed write tells that too,
 * but an idle follow writes nothing, and Node cannot watch a pipe it only
 * writes (libuv opens a write-only fd 1 unreadable: a read watch fails with
 * ENOTCONN; fs.watch on /proc/self/fd/1 hears no close). GNU tail polls its
 * stdout for the broken pipe, so a `tail -s 0.2 --pid=OUR_PID -f /dev/null`
 * shares our stdout, writes nothing, dies of SIGPIPE within 0.2 s of the
 * reader leaving (GNU tail 9.1 checks its output on each wake) and ends by
 * itself if we are killed (--pid). Without it (no GNU tail, not a pipe)
 * nothing changes: the next write's EPIPE ends the follow.
 * Returns the stop, which ends the helper.
 */
export function watchReader(onGone: () => void): () => void {
  try {
    if (process.platform !== 'linux' || !fstatSync(1).isFIFO()) return () => {};
  } catch {
    return () => {};
  }
  let stopped = false;
  // -s: how often it looks (the output and our pid): the reader's exit is heard within that.
  const child = spawn('tail', ['-s', String(CHECK_SECONDS), `--pid=${process.pid}`, '-f', '/dev/null'], { stdio: ['ignore', 1, 'ignore'] });
  child.on('error', () => {}); // no tail: the EPIPE of the next write still ends the follow
  child.on('exit', (_code, signal) => {
    process.off('exit', stop);
    // Only SIGPIPE means the reader left (a tail without --pid exits 1).
    if (!stopped && signal === 'SIGPIPE') onGone();
  });
  child.unref();
  function stop(): void {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    child.kill();
  }
  process.on('exit', stop);
  return stop;
}
