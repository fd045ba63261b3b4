#!/usr/bin/env node
// The timeline (T, and the status bar's sparkline) over a big view (issue 12):
// counting 10 M records' time and level columns by level and time bucket in
// 8 ms slices, as the viewer's scheduler runs it between keys; then drawing
// the histogram for a 200-column terminal. Run after `npm run build`:
//   node bench/timeline.mjs [records=10000000]
import { performance } from 'node:perf_hooks';

const { Columns } = await import('../dist/store/columns.js');
const { RecordView } = await import('../dist/query/record-view.js');
const { TimelineCounts } = await import('../dist/query/timeline.js');

const N = Number(process.argv[2] ?? 10_000_000);
const cols = new Columns();
const t0 = Date.UTC(2026, 0, 1);
// A day of records, bursty, every 13th an ERROR, every 5th a WARNING.
for (let i = 0; i < N; i++) cols.pushValues(t0 + Math.floor((i / N) * 86_400_000) + (i % 97), i % 13 === 0 ? 6 : i % 5 === 0 ? 5 : 3, 0, 0, 0, i + 1, i * 100, 100);
const view = new RecordView(cols, { thresholds: () => new Uint8Array([0]) });
while (!view.advance(performance.now() + 1000));
const counts = new TimelineCounts(cols);
const slices = [];
const c0 = performance.now();
for (;;) {
  const s = performance.now();
  const done = counts.update(view.shownLists(), view.generation, s + 8);
  slices.push(performance.now() - s);
  if (done) break;
}
const total = performance.now() - c0;
const firstSlices = slices.slice(0, 6).map((s) => s.toFixed(1)).join(" ");
slices.sort((a, b) => a - b);
const h0 = performance.now();
const hist = counts.histogram(192);
const drawMs = performance.now() - h0;
const rss = process.memoryUsage().rss / 1048576;
console.log(`timeline, ${N.toLocaleString('en-US')} records shown: counted in ${total.toFixed(0)} ms, ${slices.length} slices of 8 ms (p50 ${slices[Math.floor(slices.length / 2)].toFixed(1)} ms, p99 ${slices[Math.floor(slices.length * 0.99)].toFixed(1)} ms, worst ${slices.at(-1).toFixed(1)} ms); histogram for 192 columns (${hist.counts.length} buckets of ${hist.size / 60000} min) in ${drawMs.toFixed(1)} ms; rss ${rss.toFixed(0)} MB; first slices ${firstSlices} ms`);
// A second histogram of the same counts (after new ones came: the cache is keyed by version).
counts.version++;
const h1 = performance.now();
counts.histogram(192);
console.log(`  again: ${(performance.now() - h1).toFixed(2)} ms`);
