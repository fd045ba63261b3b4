#!/usr/bin/env node
// A million distinct logger names (issue 11 item 10).
// 1. The logger tree alone: time to intern N names and the heap it keeps,
//    for a three-level shape (svcA.workerB.taskI) and a flat one (loggerI).
// 2. The TUI (built bin/logview.js in tmux, 200x50) on a file of N records,
//    each with its own logger: time until every record is counted, peak RSS,
//    then the tree pane's finder typed letter by letter (key -> screen).
// Run after `npm run build`:  node bench/many-loggers.mjs [names=1000000]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A collection before each heap reading, without needing --expose-gc on the command line.
setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? runInNewContext('gc');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/logview.js');
const N = Number(process.argv[2] ?? 1_000_000);
const mb = (bytes) => (bytes / 1048576).toFixed(0);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const shapes = { deep: (i) => `svc${i % 1000}.worker${i % 37}.task${i}`, flat: (i) => `logger${i}` };

const { LoggerTree } = await import('../dist/store/logger-tree.js');
console.log(`many loggers, ${N.toLocaleString('en-US')} distinct names`);
const kept = []; // each tree stays reachable, so the heap difference is its own
for (const [shape, name] of Object.entries(shapes)) {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const tree = new LoggerTree();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) tree.count(tree.intern(name(i)));
  const ms = performance.now() - t0;
  gc();
  const heap = process.memoryUsage().heapUsed - heap0;
  kept.push(tree);
  console.log(`  tree, ${shape.padEnd(4)}: interned in ${ms.toFixed(0).padStart(5)} ms, ${tree.nodeCount.toLocaleString('en-US')} nodes, heap ${mb(heap)} MB`);
}

kept.length = 0;

// The TUI on a file of N records with N loggers, and for reference the same
// records all from one logger (what the tree costs is the difference).
const dir = mkdtempSync(join(tmpdir(), 'logview-many-loggers-'));
function writeLog(name, loggerOf) {
  const path = join(dir, name);
  const lines = [];
  for (let i = 0; i < N; i++) lines.push(`2024-05-16 00:00:${String(i % 60).padStart(2, '0')},000 INFO ${loggerOf(i)} request ${i} done`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const socket = `logview-bench-${process.pid}`;
const tmux = (...a) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'main');
function hwmKiB(pid) {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
async function until(test, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out; screen:\n${s}`);
    await sleep(10);
  }
}

/** Open `file` in the TUI, wait until every record is counted, open the tree pane; `finder`: then type a query in its finder. */
async function tui(label, file, finder) {
  const t0 = performance.now();
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-s', 'main', `exec node ${BIN} ${file}`);
  try {
    const pid = Number(tmux('display', '-p', '-t', 'main', '#{pane_pid}').trim());
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, hwmKiB(pid))), 20);
    const total = N.toLocaleString('en-US');
    await until((s) => s.includes(`/${total}`) && !s.includes('indexing'), 300_000);
    const loadS = (performance.now() - t0) / 1000;
    const loadedPeak = Math.max(peak, hwmKiB(pid));
    tmux('send-keys', '-t', 'main', 't');
    await until((s) => s.includes('(all loggers)'), 30_000);
    const treeS = (performance.now() - t0) / 1000 - loadS;
    const keys = [];
    if (finder) {
      tmux('send-keys', '-t', 'main', '/');
      await until((s) => s.includes('type to find a logger'), 10_000);
      let q = '';
      for (const ch of finder) {
        q += ch;
        const k0 = performance.now();
        tmux('send-keys', '-t', 'main', '-l', ch);
        // The head line shows the count, with … while the rest is still being scored.
        const first = await until((s) => /^\s*\d+…? loggers/m.test(s) && s.includes(q), 30_000).then(() => performance.now() - k0);
        await until((s) => /^\s*\d+ loggers/m.test(s), 60_000);
        keys.push({ q, first, full: performance.now() - k0 });
      }
    }
    clearInterval(sampler);
    peak = Math.max(peak, hwmKiB(pid));
    console.log(`  TUI, ${label.padEnd(22)}: all counted in ${loadS.toFixed(1).padStart(5)} s, tree pane drawn in ${treeS.toFixed(1)} s, peak RSS ${(loadedPeak / 1024).toFixed(0)} MB counted, ${(peak / 1024).toFixed(0)} MB at the end`);
    for (const k of keys) console.log(`    finder ${k.q.padEnd(10)} key -> screen ${k.first.toFixed(0).padStart(5)} ms, full result ${k.full.toFixed(0).padStart(5)} ms (tmux polling included)`);
  } finally {
    tmux('kill-server');
  }
}

try {
  console.log(`  (TUI: ${N.toLocaleString('en-US')} records, 200x50, in tmux)`);
  await tui('one logger (reference)', writeLog('one.log', () => 'svc1.worker2.task'), undefined);
  await tui('a logger per record', writeLog('many.log', shapes.deep), 'task12345');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
