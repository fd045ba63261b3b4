import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// V8's --trace-opt says how each function is optimised; read in a process of
// its own, since the flag it checks holds for every isolate made after it.
const MODULE = fileURLToPath(new URL('../dist/pipeline/worker-isolates.js', import.meta.url));

/** The --trace-opt lines of a hot function `name` run on the main thread and on a worker thread, with or without worker-isolates.js loaded first. */
function compileModes(load: boolean): { main: string[]; worker: string[] } {
  const script = `
    import { setFlagsFromString } from 'node:v8';
    import { Worker } from 'node:worker_threads';
    ${load ? `await import(${JSON.stringify(MODULE)});` : ''}
    setFlagsFromString('--trace-opt');
    const hot = (name) => \`function \${name}(a){let s=0;for(let i=0;i<a.length;i++)s+=a[i]*2;return s}
      { const a=new Array(1000).fill(1);let t=0;for(let k=0;k<20000;k++)t+=\${name}(a); }\`;
    new Function(hot('onMain') + ';')();
    const w = new Worker(hot('onWorker'), { eval: true });
    await new Promise((r) => w.once('exit', r));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const modes = (name: string) => r.stdout.split('\n').filter((l) => l.startsWith('[compiling method') && l.includes(`<JSFunction ${name} `)).map((l) => /mode: ConcurrencyMode::(\w+)/.exec(l)?.[1] ?? '?');
  return { main: modes('onMain'), worker: modes('onWorker') };
}

describe('worker isolates optimise on their own thread (worker-isolates.ts)', () => {
  it('after it loads, a worker thread compiles synchronously and the main thread still concurrently', () => {
    const { main, worker } = compileModes(true);
    expect(main.length).toBeGreaterThan(0);
    expect(worker.length).toBeGreaterThan(0);
    expect(new Set(main)).toEqual(new Set(['kConcurrent']));
    expect(new Set(worker)).toEqual(new Set(['kSynchronous']));
  });

  it('without it, worker threads compile concurrently (what the module changes)', () => {
    expect(new Set(compileModes(false).worker)).toEqual(new Set(['kConcurrent']));
  });
});
