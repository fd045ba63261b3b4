// Follow under attack (issue 11), two figures:
//  1. rename storm: a Python writer at 20 k lines/s renaming the file every
//     50 ms for 30 s, followed by `logview --print -o raw -F`: lines lost and
//     repeated (GNU tail -F: 0 lost, apart from late lines by design).
//  2. CPU of `logview --print -F` on one log in a directory with 5,000 other
//     files, at 10 appends/s for 10 s (utime+stime from /proc/PID/stat), next
//     to GNU tail -F on the same file.
// usage: node bench/follow-storm.mjs [--seconds N] [--rate N] [--cpu-only] [--storm-only] [--bin PATH]
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// --bin: another build to compare (e.g. main before the fix).
const binAt = process.argv.indexOf('--bin');
const BIN = binAt >= 0 ? process.argv[binAt + 1] : fileURLToPath(new URL('../bin/logview.js', import.meta.url));
const STORM = fileURLToPath(new URL('../test/helpers/writers/rename-storm.py', import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('--seconds', 30);
const RATE = arg('--rate', 20000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function storm() {
  const dir = mkdtempSync(join(tmpdir(), 'logview-bench-storm-'));
  const file = join(dir, 'app.log');
  writeFileSync(file, '');
  const lv = spawn(process.execPath, [BIN, '--print', '-o', 'raw', '-F', file], { stdio: ['ignore', 'pipe', 'ignore'] });
  const seen = new Uint8Array(RATE * SECONDS * 2 + 1000);
  let carry = '';
  let maxSeq = 0;
  lv.stdout.setEncoding('latin1');
  lv.stdout.on('data', (d) => {
    const lines = (carry + d).split('\n');
    carry = lines.pop();
    for (const l of lines) {
      const i = l.indexOf('seq=');
      if (i < 0) continue;
      const s = Number(l.slice(i + 4, i + 13));
      if (seen[s] < 255) seen[s]++;
      if (s > maxSeq) maxSeq = s;
    }
  });
  await sleep(800);
  const w = spawn('python3', [STORM, file, String(RATE), String(SECONDS), '50'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  w.stdout.on('data', (d) => (out += d));
  await new Promise((r) => w.on('exit', r));
  const res = JSON.parse(out.trim().split('\n').pop());
  // Drain: wait until the last line shows (or 30 s), then stop.
  for (let t = 0; t < 300 && maxSeq < res.last; t++) await sleep(100);
  await sleep(1000);
  lv.kill('SIGINT');
  await new Promise((r) => lv.on('close', r));
  let lost = 0;
  let dup = 0;
  for (let s = res.first; s <= res.last; s++) {
    if (seen[s] === 0) lost++;
    else dup += seen[s] - 1;
  }
  rmSync(dir, { recursive: true, force: true });
  const total = res.last - res.first + 1;
  console.log(`rename storm: ${RATE} lines/s, rename every 50 ms, ${SECONDS} s: ${total} lines, ${res.renames} renames -> lost ${lost} (${((100 * lost) / total).toFixed(2)}%), repeated ${dup}`);
  return { lost, dup };
}

function cpuTicks(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime, after the comm field
  } catch {
    return NaN;
  }
}

async function cpuWithNeighbours(cmd, args, label, dir, file) {
  const p = spawn(cmd, [...args, file], { stdio: ['ignore', 'ignore', 'ignore'] });
  await sleep(1500); // start-up is not what is measured
  const t0 = cpuTicks(p.pid);
  const wall0 = Date.now();
  for (let i = 0; i < 100; i++) {
    appendFileSync(file, `2024-05-16 10:00:00,000 INFO app append ${i}\n`);
    await sleep(100);
  }
  const ticks = cpuTicks(p.pid) - t0;
  const wall = (Date.now() - wall0) / 1000;
  p.kill('SIGINT');
  await new Promise((r) => p.on('close', r));
  const pct = (100 * ticks) / 100 / wall; // USER_HZ = 100
  console.log(`CPU, one followed log among 5,000 files, 10 appends/s: ${label} ${pct.toFixed(1)}%`);
  return pct;
}

async function cpu() {
  const dir = mkdtempSync(join(tmpdir(), 'logview-bench-neigh-'));
  for (let i = 0; i < 5000; i++) writeFileSync(join(dir, `other-${i}.log`), 'x\n');
  const file = join(dir, 'app.log');
  writeFileSync(file, '');
  const lv = await cpuWithNeighbours(process.execPath, [BIN, '--print', '-F'], 'logview', dir, file);
  const tail = await cpuWithNeighbours('tail', ['-F', '-n', '0'], 'tail -F (reference)', dir, file);
  rmSync(dir, { recursive: true, force: true });
  return { lv, tail };
}

/** 200 followed files in one directory, 5 appends/s among them: CPU and peak RSS. */
async function many() {
  const dir = mkdtempSync(join(tmpdir(), 'logview-bench-many-'));
  const files = Array.from({ length: 200 }, (_, i) => join(dir, `svc-${i}.log`));
  for (const f of files) writeFileSync(f, '2024-05-16 10:00:00,000 INFO app start\n');
  const p = spawn(process.execPath, [BIN, '--print', '-F', ...files], { stdio: ['ignore', 'ignore', 'ignore'] });
  await sleep(3000);
  const t0 = cpuTicks(p.pid);
  const wall0 = Date.now();
  for (let i = 0; i < 50; i++) {
    appendFileSync(files[(i * 37) % files.length], `2024-05-16 10:00:01,000 INFO app append ${i}\n`);
    await sleep(200);
  }
  const pct = (cpuTicks(p.pid) - t0) / ((Date.now() - wall0) / 1000);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
  p.kill('SIGINT');
  await new Promise((r) => p.on('close', r));
  rmSync(dir, { recursive: true, force: true });
  console.log(`CPU, 200 followed files in one directory, 5 appends/s: logview ${pct.toFixed(1)}%, peak RSS ${hwm ? (Number(hwm[1]) / 1024).toFixed(0) : '?'} MiB`);
}

if (!process.argv.includes('--cpu-only')) await storm();
if (!process.argv.includes('--storm-only')) {
  await cpu();
  await many();
}
