#!/usr/bin/env node
// The two remote followers (sh, python3) through a real sshd on loopback:
// remote CPU and write -> printed latency while a file grows at a steady rate,
// remote CPU while it is idle, and the throughput of a big file read whole,
// both the follower alone (ssh -> /dev/null) and through logview -p -o raw.
// usage: node bench/ssh-follower.mjs [--seconds N] [--rate LINES_PER_S] [--mb N]
// Remote CPU: the follower's utime+stime plus that of the processes it waited
// for (the sh one's stat, head, wc, sleep...), from /proc, over the window.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestSshd } from '../test/helpers/sshd.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/logview.js');
const { remoteCommand } = await import(join(ROOT, 'dist/source/ssh/remote-follower.js'));
const { sshArgv } = await import(join(ROOT, 'dist/source/ssh/ssh-command.js'));

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const seconds = Number(opt('--seconds', '10'));
const rate = Number(opt('--rate', '1000'));
const mb = Number(opt('--mb', '100'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TICK = 100; // clock ticks per second (getconf CLK_TCK on Linux)

function line(seq, t) {
  return `2026-01-01 00:00:00,000 INFO bench seq=${seq} t=${t.toFixed(3)} ${'x'.repeat(60)}\n`;
}
const now = () => performance.timeOrigin + performance.now();

/** The pid of the one remote follower of `path` (its command line names it). */
async function followerPid(path) {
  for (let k = 0; k < 400; k++) {
    const rows = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(` lvf follow ${path} `) && !/^\s*\d+\s+sh -c py=/.test(l));
    if (rows.length === 1) return Number(rows[0].trim().split(/\s+/)[0]);
    await sleep(50);
  }
  throw new Error(`no single follower of ${path}`);
}

/** CPU seconds of a process and the children it has waited for. */
function cpu(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14-17 (utime stime cutime cstime), counted from after the command name (field 3 is f[0]).
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK;
}

const q = (xs, p) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);

async function steady(env, file) {
  appendFileSync(file, line(0, now()));
  const lv = spawn(process.execPath, [BIN, '-p', '-f', '-o', 'raw', `ssh://127.0.0.1${file}`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lat = [];
  let carry = '';
  let seen0;
  const first = new Promise((r) => (seen0 = r));
  lv.stdout.setEncoding('utf8');
  lv.stdout.on('data', (d) => {
    const at = now();
    const lines = (carry + d).split('\n');
    carry = lines.pop();
    for (const l of lines) {
      const m = / seq=(\d+) t=([\d.]+)/.exec(l);
      if (!m) continue;
      if (m[1] === '0') seen0();
      else lat.push(at - Number(m[2]));
    }
  });
  await first;
  const pid = await followerPid(file);
  // Idle: nothing written.
  let c0 = cpu(pid);
  let t0 = now();
  await sleep(seconds * 500);
  const idle = (cpu(pid) - c0) / ((now() - t0) / 1000);
  // Steady writes, every 10 ms.
  const fd = openSync(file, 'a');
  c0 = cpu(pid);
  t0 = now();
  let seq = 1;
  const end = t0 + seconds * 1000;
  while (now() < end) {
    const due = Math.floor(((now() - t0) / 1000) * rate);
    let chunk = '';
    for (; seq <= due; seq++) chunk += line(seq, now());
    if (chunk) writeSync(fd, chunk);
    await sleep(10);
  }
  closeSync(fd);
  await sleep(1500);
  const busy = (cpu(pid) - c0) / ((now() - t0) / 1000);
  lv.kill('SIGINT');
  await new Promise((r) => lv.on('close', r));
  lat.sort((a, b) => a - b);
  return { idle, busy, written: seq - 1, printed: lat.length, p50: q(lat, 0.5), p99: q(lat, 0.99), max: lat[lat.length - 1] };
}

/** Seconds to run argv to its end, stdout to /dev/null. */
async function timed(argv, env) {
  const t0 = now();
  const p = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise((r) => p.on('close', r));
  if (code !== 0) throw new Error(`${argv.slice(0, 3).join(' ')} exited ${code}`);
  return (now() - t0) / 1000;
}

const sshd = new TestSshd();
await sshd.start();
const dir = mkdtempSync(join(tmpdir(), 'logview-ssh-bench-'));
try {
  const big = join(dir, 'big.log');
  const fd = openSync(big, 'w');
  const block = Array.from({ length: 10000 }, (_, k) => line(k, 0)).join('');
  for (let written = 0; written < mb * 1e6; written += block.length) writeSync(fd, block);
  closeSync(fd);
  const bytes = Number(execFileSync('stat', ['-c', '%s', big], { encoding: 'utf8' }));
  console.log(`| follower | idle CPU | CPU at ${rate} lines/s | latency p50 / p99 / max (ms) | printed | ${Math.round(bytes / 1e6)} MB, follower alone (MB/s) | ${Math.round(bytes / 1e6)} MB through logview -p (MB/s) |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const kind of ['sh', 'python']) {
    const env = { ...process.env, LOGVIEW_SSH: sshd.sshCommand, LOGVIEW_SSH_FOLLOWER: kind };
    const s = await steady(env, join(dir, `steady-${kind}.log`));
    const alone = await timed(sshArgv({ host: '127.0.0.1' }, remoteCommand('read', big, undefined, kind), env), env);
    const through = await timed([process.execPath, BIN, '-p', '-o', 'raw', `ssh://127.0.0.1${big}`], env);
    const pct = (x) => `${(x * 100).toFixed(1)} %`;
    console.log(
      `| ${kind} | ${pct(s.idle)} | ${pct(s.busy)} | ${s.p50.toFixed(0)} / ${s.p99.toFixed(0)} / ${s.max.toFixed(0)} | ${s.printed}/${s.written} | ${(bytes / 1e6 / alone).toFixed(0)} | ${(bytes / 1e6 / through).toFixed(0)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await sshd.stop();
}
