import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoEvent, rng } from './demo-lines.js';

export interface Demo {
  /** The log file the demo writes (and rotates). */
  path: string;
  stop(): void;
}

export interface DemoOptions {
  /** Events written before the viewer opens. */
  history?: number;
  /** Time between writes (ms). */
  intervalMs?: number;
  /** Rotate (rename to .1, start a new file) after this many writes. */
  rotateEvery?: number;
  seed?: number;
}

/**
 * A live log for `logview --demo`: writes a history, then a few events at a
 * time, in bursts, rotating the file now and then like logrotate would. The
 * temporary directory goes away on stop() or process exit.
 */
export async function startDemo(o: DemoOptions = {}): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'logview-demo-'));
  const path = join(dir, 'demo.log');
  const r = rng(o.seed ?? Date.now());
  const interval = o.intervalMs ?? 400;
  const rotateEvery = o.rotateEvery ?? 120;
  const historyCount = o.history ?? 400;
  // History spread over the last few minutes, then live from now.
  let t = Date.now() - historyCount * 800;
  let history = '';
  for (let k = 0; k < historyCount; k++) {
    const e = demoEvent(r, t);
    history += e.text;
    // A request's response comes later: the next event never goes back in time.
    t = e.end + 50 + Math.floor(r() * 1300);
  }
  writeFileSync(path, history);
  let writes = 0;
  const timer = setInterval(() => {
    const burst = r() < 0.1 ? 8 + Math.floor(r() * 20) : 1 + Math.floor(r() * 3);
    let s = '';
    for (let k = 0; k < burst; k++) {
      const e = demoEvent(r, Math.max(t, Date.now() - (burst - k) * 3));
      s += e.text;
      t = e.end + 1;
    }
    try {
      appendFileSync(path, s);
      if (++writes % rotateEvery === 0) {
        renameSync(path, path + '.1');
        writeFileSync(path, '');
      }
    } catch {
      // The directory is being removed: the demo is over.
    }
  }, interval);
  timer.unref();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return { path, stop };
}
