import { closeSync } from 'node:fs';
import { openAgain } from '../source/open-again.js';
import { Worker } from 'node:worker_threads';
import type { BorrowedRange } from '../model/record-columns.js';
import type { SpoolCopyMessage, SpoolCopyTask } from './spool-copy-job.js';
import { SEGMENT_WORKER_LIMITS, SEGMENT_WORKER_URL } from './worker-prestart.js';

/** A copy under way: stop() ends it early (resolves once the worker is gone). */
export interface SpoolCopy {
  stop(): Promise<void>;
  /** Resolves with the bytes copied when the worker is done. */
  readonly finished: Promise<number>;
}

/**
 * Start copying a borrowed range (Spool.borrow) into the spool on a worker
 * thread at `niceness`; `copied(upTo)` hears its progress (Spool.copied).
 * Undefined where the descriptors cannot be opened again (the range then
 * stays borrowed: read from the file).
 */
export function spoolCopy(range: BorrowedRange, niceness: number, copied: (upTo: number) => void): SpoolCopy | undefined {
  // Descriptors for the hand-over, closed here once the worker has its own:
  // the store may close the range's meanwhile (and the numbers be reused).
  const handoff = openAgain([{ fd: range.source }, { fd: range.fd, write: true }]);
  if (!handoff) return undefined;
  const [source, spool] = handoff as [number, number];
  let handed = false;
  const handOver = (): void => {
    if (handed) return;
    handed = true;
    closeSync(source);
    closeSync(spool);
  };
  const stop = new SharedArrayBuffer(4);
  const task: SpoolCopyTask = { source, spool, base: range.base, length: range.length, niceness, stop };
  const worker = new Worker(SEGMENT_WORKER_URL, { resourceLimits: SEGMENT_WORKER_LIMITS });
  // It never keeps the process alive: quitting ends the copy.
  worker.unref();
  const finished = new Promise<number>((resolve) => {
    let last = 0;
    worker.on('message', (m: SpoolCopyMessage) => {
      handOver();
      last = m.copied;
      if (m.copied > 0) copied(m.copied);
      if (m.done) resolve(m.copied);
    });
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      handOver();
      resolve(last);
    });
  });
  worker.postMessage({ copy: task });
  return {
    finished,
    stop: async () => {
      Atomics.store(new Int32Array(stop), 0, 1);
      await finished;
    },
  };
}
