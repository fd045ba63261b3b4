#!/usr/bin/env node
// The tree pane's fuzzy finder over many distinct logger names (issue 11
// item 10): time per keystroke (what the key waits for) and until the full
// result, typing a query letter by letter. Run after `npm run build`:
//   node bench/logger-finder.mjs [loggers=1000000]
import { performance } from 'node:perf_hooks';

const { LoggerTree } = await import('../dist/store/logger-tree.js');
const { LoggerFinder } = await import('../dist/ui/model/logger-finder.js');

const N = Number(process.argv[2] ?? 1_000_000);
const tree = new LoggerTree();
const t0 = performance.now();
for (let i = 0; i < N; i++) tree.intern(`svc${i % 1000}.worker${i % 37}.task${i}`);
const internMs = performance.now() - t0;
const finder = new LoggerFinder(tree);
const rows = [];
let q = '';
for (const ch of 'task12345') {
  q += ch;
  const k0 = performance.now();
  finder.setQuery(q);
  const key = performance.now() - k0;
  let slices = 0;
  while (finder.pending()) {
    finder.step(performance.now() + 8);
    slices++;
  }
  rows.push({ q, key, full: performance.now() - k0, slices, results: finder.results.length });
}
const heap = process.memoryUsage();
console.log(`logger finder, ${N.toLocaleString('en-US')} distinct loggers (interned in ${internMs.toFixed(0)} ms, ${finder.indexed.toLocaleString('en-US')} names indexed, rss ${(heap.rss / 1048576).toFixed(0)} MB)`);
for (const r of rows) console.log(`  ${r.q.padEnd(10)} keystroke ${r.key.toFixed(1).padStart(6)} ms  full result ${r.full.toFixed(0).padStart(5)} ms in ${String(r.slices).padStart(3)} slices  (${r.results} shown)`);
