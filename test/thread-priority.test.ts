import { spawnSync } from 'node:child_process';
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

  it.runIf(process.platform === 'linux')("lowers V8's helper threads (the ones that compile and collect in the background), not the main thread", () => {
    // A process of its own: the change is for good.
    const url = new URL('../dist/pipeline/thread-priority.js', import.meta.url).href;
    const code = `
      const { readdirSync, readFileSync } = require('node:fs');
      const { getPriority } = require('node:os');
      const ticks = () => new Map(readdirSync('/proc/self/task').map((t) => {
        const f = readFileSync('/proc/self/task/' + t + '/stat', 'utf8').split(') ')[1].split(' ');
        return [Number(t), Number(f[11]) + Number(f[12])];
      }));
      import(${JSON.stringify(url)}).then((m) => {
        const lowered = m.lowerHelperThreads(5);
        const before = ticks();
        // Work for the helpers: functions to optimise, garbage to collect.
        let s = 0;
        for (let k = 0; k < 400; k++) {
          const f = new Function('x', 'let y = 0; for (let i = 0; i < x; i++) y += (i * ' + k + ') % 7; return y;');
          for (let j = 0; j < 2000; j++) s += f(100);
        }
        let keep = [];
        for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 1e5) keep = []; }
        const after = ticks();
        const busy = [...after].filter(([t, n]) => t !== process.pid && n - (before.get(t) ?? 0) > 0).map(([t]) => getPriority(t));
        console.log(JSON.stringify({ lowered, again: m.lowerHelperThreads(5), main: getPriority(process.pid), busy, s: s > 0 }));
      });`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    const out = JSON.parse(r.stdout) as { lowered: boolean; again: boolean; main: number; busy: number[] };
    expect(out.lowered).toBe(true);
    // Once per process.
    expect(out.again).toBe(false);
    expect(out.main).toBe(getPriority(process.pid));
    expect(out.busy.length).toBeGreaterThan(0);
    for (const nice of out.busy) expect(nice).toBe(Math.min(19, out.main + 5));
  });

  it('does nothing for a non-positive change', () => {
    expect(lowerThreadPriority(0)).toBe(false);
  });
});
