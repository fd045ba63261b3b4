import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lowerThreadPriority, threadId } from '../src/pipeline/thread-priority.js';

/** In a worker thread: its id and nice value before and after lowerThreadPriority(5) (the module built from src, loaded by path). */
function inWorker(): Promise<{ tid: number; before: number; after: number; lowered: boolean }> {
  const url = new URL('../dist/pipeline/thread-priority.js', import.meta.url).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { getPriority } = require('node:os');
    import(${JSON.stringify(url)}).then((m) => {
      const tid = m.threadId();
      const before = getPriority(tid);
      const lowered = m.lowerThreadPriority(5);
      parentPort.postMessage({ tid, before, after: getPriority(tid), lowered });
    });`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', (m: { tid: number; before: number; after: number; lowered: boolean }) => void w.terminate().then(() => resolve(m)));
    w.once('error', reject);
  });
}

describe('thread priority (worker threads that index behind the TUI)', () => {
  it.runIf(process.platform === 'linux')('lowers the calling worker thread only, not the main thread', async () => {
    const main = threadId()!;
    expect(main).toBe(process.pid);
    const mainBefore = getPriority(main);
    const w = await inWorker();
    expect(w.tid).not.toBe(main);
    expect(w.lowered).toBe(true);
    expect(w.after).toBe(Math.min(19, w.before + 5));
    expect(getPriority(main)).toBe(mainBefore);
  });

  it('does nothing for a non-positive change', () => {
    expect(lowerThreadPriority(0)).toBe(false);
  });
});
