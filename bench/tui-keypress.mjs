#!/usr/bin/env node
// Keypress -> frame latency of the TUI at 200x50 with 1 M records loaded.
//
// The real App renders through Ink (same options as the TUI) into a stub
// terminal; keys go in through a stub stdin. For each key we time from the
// key's arrival to Ink's write of the next frame. Run after `npm run build`:
//   node bench/tui-keypress.mjs [records=1000000] [--keys-only] [--cpu-prof=FILE]
// --keys-only skips the filter and search timings; --cpu-prof=FILE writes a
// V8 CPU profile of the key presses only (not of filling the store).
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Session } from 'node:inspector/promises';
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';

// Ink draws nothing in CI mode; this measures the interactive path.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
// As the TUI runs (src/app/start-tui.ts).
process.env.NODE_ENV ??= 'production';

const { render } = await import('ink');
const React = (await import('react')).default;
const { RecordStore } = await import('../dist/store/record-store.js');
const { Viewer } = await import('../dist/ui/viewer.js');
const { App } = await import('../dist/ui/App.js');
const { INK_OPTIONS } = await import('../dist/ui/ink-options.js');
const { LineSlots, slotStream } = await import('../dist/ui/line-slots.js');
// --no-slots: every line through Ink's cell renderer (for comparison).
const useSlots = !process.argv.includes('--no-slots');
// --incremental: Ink 6.8's incrementalRendering (only changed lines are written), for comparison.
const incremental = process.argv.includes('--incremental');
const keysOnly = process.argv.includes('--keys-only');
const cpuProf = process.argv.find((a) => a.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const { Theme } = await import('../dist/render/theme.js');

const N = Number(args[0] ?? 1_000_000);
const COLS = 200;
const ROWS = 50;

const LOGGERS = ['kamaki', 'kamaki.cli', 'kamaki.cli.config', 'kamaki.clients', 'kamaki.clients.send', 'kamaki.clients.recv', 'nova.compute.manager', 'nova.scheduler', 'oslo_messaging.rpc', 'keystonemiddleware.auth_token'];
const LEVELS = [['DEBUG', 2], ['INFO', 3], ['INFO', 3], ['WARNING', 5], ['ERROR', 6]];

function fill(store, n) {
  const t0 = Date.parse('2024-05-16T00:00:00Z');
  const BATCH = 10_000;
  for (let base = 0; base < n; base += BATCH) {
    const batch = [];
    for (let i = base; i < Math.min(n, base + BATCH); i++) {
      const logger = LOGGERS[i % LOGGERS.length];
      const [word, level] = LEVELS[(i * 7) % LEVELS.length];
      const time = t0 + i * 13;
      const message = `request ${i} took ${(i * 37) % 1000} ms: GET https://cyclades.example.org/compute/v2.0/servers/${i % 5000}/detail status=200`;
      const line = `2024-05-16 00:00:00,000 ${word} ${logger} ${message}\n`;
      batch.push({ sourceId: 0, line: i + 1, offset: i * 120, time, level, logger, message, body: [], raw: [Buffer.from(line)], format: 'python' });
    }
    store.append(batch);
  }
}

class StubStdout extends EventEmitter {
  columns = COLS;
  rows = ROWS;
  isTTY = true;
  writes = [];
  onWrite = undefined;
  bytes = 0;
  write(s) {
    this.bytes += s.length;
    this.onWrite?.(s);
    return true;
  }
}

class StubStdin extends EventEmitter {
  isTTY = true;
  queue = [];
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return this.queue.shift() ?? null;
  }
  type(s) {
    this.queue.push(s);
    this.emit('readable');
  }
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const tFill = performance.now();
const store = new RecordStore();
fill(store, N);
const fillMs = performance.now() - tFill;

const viewer = new Viewer({ store, sourceNames: ['bench.log'], theme: new Theme(2), columns: COLS, rows: ROWS });
viewer.drain();
const stdout = new StubStdout();
const stdin = new StubStdin();
const inkTimes = [];
const slots = useSlots ? new LineSlots() : undefined;
const instance = render(React.createElement(App, { viewer, slots }), {
  ...INK_OPTIONS,
  ...(incremental ? { incrementalRendering: true } : {}),
  stdout: slots ? slotStream(stdout, slots) : stdout,
  stdin,
  onRender: ({ renderTime }) => inkTimes.push(renderTime),
});
await new Promise((r) => setTimeout(r, 200));

/**
 * CPU time of each timed key next to its wall time: a slow key with little
 * CPU waited for a core (other processes). All of this process's threads
 * count (the compiler's and the GC's helpers too), so CPU can exceed wall.
 */
const keyCpu = [];
/** Time one key: from typing it to the first frame write after it. */
function press(key) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const timer = setTimeout(() => {
      stdout.onWrite = undefined;
      resolve(undefined); // no frame: nothing changed on screen
    }, 500);
    stdout.onWrite = (s) => {
      if (s.length < 64) return; // synchronized-output markers, cursor moves
      clearTimeout(timer);
      stdout.onWrite = undefined;
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      keyCpu.push({ wall, cpu: (cpu.user + cpu.system) / 1000 });
      resolve(wall);
    };
    stdin.type(key);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Start at the top, so j/k/PgDn have somewhere to go.
await press('g');
// Garbage collection pauses while keys are timed (a pause inside a frame is latency).
const gcPauses = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ ms: e.duration, major: e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR });
});
gcObserver.observe({ entryTypes: ['gc'] });
const session = cpuProf ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
const groups = [
  ['j', 'j', 150],
  ['k', 'k', 100],
  ['PgDn', '\x1b[6~', 60],
  ['PgUp', '\x1b[5~', 40],
  ['G', 'G', 20],
  ['g', 'g', 20],
  ['T (timeline)', 'T', 10],
  ['/ (open prompt)', '/', 1],
  ['typing a search', 'e', 1],
];
const results = [];
const all = [];
for (const [name, key, count] of groups) {
  const times = [];
  for (let k = 0; k < count; k++) {
    // Keys slower than Ink's frame throttle: this measures latency, not throughput.
    await sleep(25);
    const t = await press(key);
    if (t !== undefined) times.push(t);
    if (key === 'G') {
      await sleep(25);
      await press('k'); // so the next G moves again
    }
    if (key === 'g') {
      await sleep(25);
      await press('j');
    }
  }
  all.push(...times);
  if (times.length > 0) results.push({ key: name, n: times.length, p50: pct(times, 50), p99: pct(times, 99), max: Math.max(...times) });
}
// Leave the prompt.
stdin.type('\x1b');
await sleep(50);
gcObserver.disconnect();
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(cpuProf, JSON.stringify(profile));
  session.disconnect();
}

const heap = process.memoryUsage();
console.log(`tui keypress -> frame, ${COLS}x${ROWS}, ${N.toLocaleString('en-US')} records, ${useSlots ? 'the frame as one placeholder' : "lines through Ink's cells"}${incremental ? ', incremental rendering' : ''} (store filled in ${fillMs.toFixed(0)} ms, rss ${(heap.rss / 1048576).toFixed(0)} MB)`);
for (const r of results) console.log(`  ${r.key.padEnd(18)} n=${String(r.n).padStart(3)}  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms`);
console.log(`  ${"Ink's own frame".padEnd(18)} n=${String(inkTimes.length).padStart(3)}  p50 ${pct(inkTimes, 50).toFixed(2)} ms  p99 ${pct(inkTimes, 99).toFixed(2)} ms  (Yoga layout + output grid + ANSI of what Ink is given, inside the above)`);
console.log(`  ${'all keys'.padEnd(18)} n=${String(all.length).padStart(3)}  p50 ${pct(all, 50).toFixed(2)} ms  p99 ${pct(all, 99).toFixed(2)} ms`);
const slowest = [...keyCpu].sort((a, b) => b.wall - a.wall).slice(0, Math.max(1, Math.ceil(keyCpu.length / 100)));
console.log(`  ${'CPU per key'.padEnd(18)} n=${String(keyCpu.length).padStart(3)}  p50 ${pct(keyCpu.map((k) => k.cpu), 50).toFixed(2)} ms  p99 ${pct(keyCpu.map((k) => k.cpu), 99).toFixed(2)} ms; slowest 1% wall/cpu: ${slowest.map((k) => `${k.wall.toFixed(0)}/${k.cpu.toFixed(0)}`).join(' ')} ms (load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
for (const major of [false, true]) {
  const ms = gcPauses.filter((g) => g.major === major).map((g) => g.ms);
  const total = ms.reduce((a, b) => a + b, 0);
  console.log(`  ${(major ? 'GC major' : 'GC minor/other').padEnd(18)} n=${String(ms.length).padStart(3)}  total ${total.toFixed(1)} ms  max ${Math.max(0, ...ms).toFixed(2)} ms  (while keys ran)`);
}
if (keysOnly) {
  instance.unmount();
  process.exit(0);
}

// A filter change over every record: the first new screen (the bottom of the
// list is rebuilt first), then how long until the whole view is rebuilt.
await sleep(50);
const firstScreen = await press('+');
console.log(`  level filter over all records: first new screen ${firstScreen === undefined ? 'none' : firstScreen.toFixed(1) + ' ms'}`);
await new Promise((resolve) => {
  const poll = () => (viewer.view.complete ? resolve() : setImmediate(poll));
  poll();
});
stdin.type('-');
await sleep(200);
const tFilter = performance.now();
stdin.type('+');
await new Promise((resolve) => {
  const poll = () => (viewer.view.complete ? resolve() : setImmediate(poll));
  poll();
});
console.log(`  level filter over all records: view rebuilt in ${(performance.now() - tFilter).toFixed(1)} ms`);

// A text search over every record, in slices between keys: time to the full match count.
stdin.type('-');
await sleep(50);
const tSearch = performance.now();
stdin.type('/');
await sleep(20);
stdin.type('servers/42\r');
await new Promise((resolve) => {
  const poll = () => (viewer.search.countComplete ? resolve() : setTimeout(poll, 5));
  poll();
});
console.log(`  search /servers/42/ over all records: ${viewer.search.matchCount.toLocaleString('en-US')} matches counted in ${(performance.now() - tSearch).toFixed(0)} ms (keys answered meanwhile)`);
instance.unmount();
process.exit(0);
