#!/usr/bin/env node
// Follow latency: write -> printed, through the built bin/logview.js
// (--print --follow -o raw) on a temp file, at steady write rates.
// usage: node bench/follow-latency.mjs [--seconds N] [--rates 1000,10000]
// Each line carries its write time; the bench records when it came out of
// logview's stdout and prints p50/p99/max per rate.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/logview.js');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const seconds = Number(opt('--seconds', '4'));
const rates = opt('--rates', '1000,10000').split(',').map(Number);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function line(seq, t) {
  return `2026-01-01 00:00:00,000 INFO bench seq=${seq} t=${t.toFixed(3)}\n`;
}

async function measure(rate) {
  const dir = mkdtempSync(join(tmpdir(), 'logview-follow-bench-'));
  const file = join(dir, 'app.log');
  appendFileSync(file, line(0, performance.timeOrigin + performance.now()));
  const lv = spawn(process.execPath, [BIN, '--print', '--follow', '-o', 'raw', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const latencies = [];
  let carry = '';
  let maxSeq = 0;
  let ready;
  const started = new Promise((r) => (ready = r));
  lv.stdout.setEncoding('utf8');
  lv.stdout.on('data', (chunk) => {
    const now = performance.timeOrigin + performance.now();
    const text = carry + chunk;
    const lines = text.split('\n');
    carry = lines.pop();
    for (const l of lines) {
      const m = /seq=(\d+) t=([\d.]+)/.exec(l);
      if (!m) continue;
      const seq = Number(m[1]);
      if (seq === 0) ready();
      else latencies.push(now - Number(m[2]));
      maxSeq = Math.max(maxSeq, seq);
    }
  });
  // A broken build never prints the first line: fail instead of hanging `npm run bench`.
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('logview printed nothing within 10 s')), 10_000)));
  try {
    await Promise.race([started, timeout]);
  } catch (err) {
    lv.kill();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  await sleep(300);

  // Write in 1 ms ticks (timers are coarser than 10 k/s): each tick writes the
  // lines that are due, one write() per line, like a logger does.
  const fd = openSync(file, 'a');
  const total = Math.round(rate * seconds);
  const t0 = performance.now();
  let seq = 1;
  while (seq <= total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
    for (; seq <= due; seq++) writeSync(fd, line(seq, performance.timeOrigin + performance.now()));
    await sleep(1);
  }
  const deadline = Date.now() + 5000;
  while (maxSeq < total && Date.now() < deadline) await sleep(20);
  lv.kill('SIGINT');
  await new Promise((r) => lv.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { rate, lines: total, printed: latencies.length, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? NaN };
}

const rows = [];
for (const rate of rates) rows.push(await measure(rate));
console.log(`follow latency (write -> printed), bin/logview.js --print --follow -o raw, ${seconds} s per rate`);
console.log('rate (lines/s) | lines | printed | p50 ms | p99 ms | max ms');
for (const r of rows) {
  console.log(`${String(r.rate).padStart(14)} | ${String(r.lines).padStart(5)} | ${String(r.printed).padStart(7)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${r.max.toFixed(1).padStart(6)}`);
}
