#!/usr/bin/env node
// The big-log figures ([core] issue): print-mode speed against lnav, grep -c
// and wc -l run alternately in this script (medians of BENCH_RUNS), the TUI's
// first screen on 100 MiB and 1 GiB files, the background index of 1 GiB
// (time, keys meanwhile, memory once indexed) against lnav's full index, print
// memory, and 2 GiB of piped stdin through the TUI. Writes bench/results.md.
// Run after `npm run build`. BENCH_BIG_MB (1024), BENCH_RUNS (3), BENCH_QUICK=1
// skips the stdin soak, BENCH_PARTS=print,tui,index,memory,stdin picks parts.
import { envNote } from './user-env.mjs';
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePythonLog } from './gen-python-log.mjs';
import { measure } from './measure.mjs';
import { PtyTerminal } from './pty-terminal.mjs';
import { TmuxShell } from './tmux-shell.mjs';

const BIN = fileURLToPath(new URL('../bin/logview.js', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.md', import.meta.url));
const KEY_LATENCY = fileURLToPath(new URL('./key-latency.cjs', import.meta.url));
const MB = 1024 * 1024;
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = join(tmpdir(), 'logview-bench');
mkdirSync(dir, { recursive: true });
const hasLnav = spawnSync('sh', ['-c', 'command -v lnav']).status === 0;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'print,tui,index,memory,stdin').split(','));
if (process.env.BENCH_QUICK === '1') PARTS.delete('stdin');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rows = [];
const row = (figure, target, measured, ok) => {
  rows.push({ figure, target, measured, ok });
  console.log(`${ok === undefined ? '  ' : ok ? 'ok' : '!!'} ${figure}: ${measured} (target ${target})`);
};

async function pythonFile(mb) {
  const path = join(dir, `python-${mb}MB.log`);
  if (!existsSync(path) || statSync(path).size < mb * MB) await generatePythonLog(path, mb * MB);
  return path;
}

/** pino NDJSON written by pino itself (a devDependency), ~mb MiB. */
async function pinoFile(mb) {
  const path = join(dir, `pino-${mb}MB.ndjson`);
  if (existsSync(path) && statSync(path).size >= mb * MB) return path;
  const { default: pino } = await import('pino');
  const out = createWriteStream(path);
  const names = ['api', 'api.db', 'worker.queue', 'worker.mail'];
  const loggers = names.map((name) => pino({ name }, out));
  const levels = ['debug', 'info', 'info', 'info', 'warn', 'debug', 'info'];
  for (let i = 0; out.bytesWritten + out.writableLength < mb * MB; i++) {
    const log = loggers[i % loggers.length];
    log.level = 'trace';
    const level = i % 50 === 7 ? 'error' : levels[i % levels.length];
    log[level]({ req: i, user: `u${i % 97}` }, `handled request ${i} in ${(i * 37) % 1000} ms`);
    if (out.writableLength > 4 * MB) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return path;
}

/** A HOME where lnav knows pino's format (lnav 0.11 has none built in). */
function lnavPinoHome() {
  const home = mkdtempSync(join(tmpdir(), 'logview-bench-lnav-'));
  const formats = join(home, '.lnav', 'formats', 'installed');
  mkdirSync(formats, { recursive: true });
  const level = { fatal: 60, error: 50, warning: 40, info: 30, debug: 20, trace: 10 };
  const format = {
    pino_bench: {
      title: 'pino (bench)',
      description: 'pino NDJSON',
      json: true,
      'level-field': 'level',
      level,
      'timestamp-field': 'time',
      'timestamp-divisor': 1000,
      'body-field': 'msg',
      value: { name: { kind: 'string', identifier: true }, pid: { kind: 'integer' }, hostname: { kind: 'string' }, level: { kind: 'integer' }, msg: { kind: 'string' } },
    },
  };
  writeFileSync(join(formats, 'pino_bench.json'), JSON.stringify(format, null, 2));
  return home;
}

/** Print mode on `path`: logview, lnav, grep -c, wc -l alternately, medians. */
async function printFigures(label, path, grepWord, lnavEnv) {
  const bytes = statSync(path).size;
  const runs = { logview: [], lnav: [], grep: [], wc: [] };
  let lvOut = 0;
  let lnOut = 0;
  let lvRss = 0;
  for (let i = 0; i < RUNS; i++) {
    const lv = await measure(process.execPath, [BIN, '--print', '-o', 'raw', '-l', 'error', path], { stdout: 'keep' });
    runs.logview.push(lv.seconds);
    lvRss = Math.max(lvRss, lv.peakRssMiB);
    lvOut = lv.text.split('\n').length - 1;
    if (hasLnav) {
      const ln = await measure('lnav', ['-n', '-c', ':set-min-log-level error', path], { stdout: 'keep', env: lnavEnv });
      runs.lnav.push(ln.seconds);
      lnOut = ln.text.split('\n').length - 1;
    }
    runs.grep.push((await measure('grep', ['-c', grepWord, path])).seconds);
    runs.wc.push((await measure('wc', ['-l', path])).seconds);
  }
  const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
  console.log(`\n## print -o raw -l error on ${(bytes / MB).toFixed(0)} MiB of ${label} (medians of ${RUNS}, alternating)`);
  console.log(`  logview ${m.logview.toFixed(2)} s (${(bytes / MB / m.logview).toFixed(0)} MiB/s, ${lvOut} lines, peak ${lvRss.toFixed(0)} MiB)`);
  if (hasLnav) console.log(`  lnav    ${m.lnav.toFixed(2)} s (${lnOut} lines of its own rendering)`);
  console.log(`  grep -c ${m.grep.toFixed(2)} s   wc -l ${m.wc.toFixed(2)} s   logview/grep ${(m.logview / m.grep).toFixed(1)}x  logview/wc ${(m.logview / m.wc).toFixed(1)}x`);
  return { ...m, lvRss };
}

// ---- TUI in tmux -----------------------------------------------------------

/**
 * A tmux server of its own: started and ended with a tmux process each;
 * screens read and keys sent through one long-lived shell (tmux-shell.mjs),
 * since a process started from here per capture added its own start to
 * every time measured.
 */
class Tmux {
  constructor(cols = 200, rows = 50) {
    this.socket = `logview-bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.cols = cols;
    this.rows = rows;
    this.shell = new TmuxShell(this.socket);
  }
  t(...args) {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }
  start(command) {
    this.t('-f', '/dev/null', 'new-session', '-d', '-x', String(this.cols), '-y', String(this.rows), '-s', 'main', 'sh', '-c', command);
    this.t('set-option', '-t', 'main', 'remain-on-exit', 'on');
  }
  /** The pane's text. */
  screen() {
    return this.shell.screen();
  }
  pid() {
    return Number(this.t('display', '-p', '-t', 'main', '#{pane_pid}').trim());
  }
  keys(key) {
    return this.shell.keys(key);
  }
  kill() {
    this.shell.close();
    try {
      this.t('kill-server');
    } catch {
      // already gone
    }
  }
}

function memKiB(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0), hwm: Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** The last line of a file (its last record is one line in these logs). */
function lastLine(path) {
  const text = execFileSync('tail', ['-c', '4096', path]).toString('utf8').trimEnd();
  return text.slice(text.lastIndexOf('\n') + 1);
}

/** ms from start until `needle` is on screen (polling every few ms). */
async function until(tm, t0, test, timeoutMs) {
  for (;;) {
    const s = await tm.screen();
    if (test(s)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) return NaN;
    await sleep(3);
  }
}

function recordCount(screen) {
  const m = /([\d,]+)\/([\d,]+)/.exec(screen.split('\n').filter((l) => l.trim() !== '').pop() ?? '');
  return m ? Number(m[2].replace(/,/g, '')) : -1;
}

/** First screen: ms until the file's last record shows. */
async function firstScreen(path) {
  const marker = lastLine(path).split(' ').pop();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const tm = new Tmux();
    const t0 = performance.now();
    tm.start(`exec ${process.execPath} ${BIN} ${path}`);
    times.push(await until(tm, t0, (s) => s.includes(marker), 60_000));
    await tm.keys('q');
    await sleep(300);
    tm.kill();
  }
  return median(times);
}

/** Rows but the status bar's two: what a key moves. */
const body = (lines) => lines.slice(0, -2).join('\n');

/**
 * Open the big file in a terminal of this script's own (pty-terminal.mjs),
 * time the full index, send keys meanwhile and for AFTER_MS after it (while
 * the start is copied into the spool), read memory once indexed. A key's
 * time is from its write to the frame that moved the rows, drawn.
 */
const AFTER_MS = 3000;
async function indexFigures(path, records) {
  const latencyFile = join(dir, 'key-latency.txt');
  rmSync(latencyFile, { force: true });
  const t0 = performance.now();
  const term = new PtyTerminal(`KEY_LATENCY_OUT=${latencyFile} exec ${process.execPath} --require ${KEY_LATENCY} ${BIN} ${path}`);
  const marker = lastLine(path).split(' ').pop();
  await term.until((l) => l.join('\n').includes(marker), 60_000);
  let sawProgress = false;
  let done = NaN;
  // Checked on every frame drawn, not when this loop looks.
  void term.until((l) => {
    const s = l.join('\n');
    if (/indexing \d+%/.test(s)) sawProgress = true;
    return !s.includes('indexing') && recordCount(s) >= records;
  }, 300_000).then(() => (done = performance.now() - t0));
  const keyTimes = [];
  const afterTimes = [];
  /** When each key went (s since start) and its ms to the screen: where slow keys fall. */
  const keyLog = [];
  let key = 'k';
  while (performance.now() - t0 < 300_000 && (Number.isNaN(done) || performance.now() - t0 - done < AFTER_MS)) {
    const indexing = Number.isNaN(done);
    const before = body(term.lines());
    const tk = performance.now();
    term.keys(key);
    const t = await term.until((l) => body(l) !== before, 2000);
    if (!Number.isNaN(t)) (indexing ? keyTimes : afterTimes).push(t);
    keyLog.push(`${((tk - t0) / 1000).toFixed(2)}s:${Number.isNaN(t) ? '-' : t.toFixed(0)}${indexing ? '' : '*'}`);
    key = key === 'k' ? 'j' : 'k';
    await sleep(100);
  }
  console.log(`  keys (s since start: ms; * after the index): ${keyLog.join(' ')}`);
  const pid = Number(execFileSync('pgrep', ['-n', '-f', `${BIN} ${path}`], { encoding: 'utf8' }).trim());
  const mem = memKiB(pid);
  term.keys('q');
  await sleep(300);
  term.kill();
  const appKeyTimes = existsSync(latencyFile) ? readFileSync(latencyFile, 'utf8').trim().split('\n').map(Number).filter((x) => !Number.isNaN(x)) : [];
  return { done, keyTimes, afterTimes, appKeyTimes, sawProgress, rssMiB: mem.rss / 1024, hwmMiB: mem.hwm / 1024 };
}

/** Keys while indexing as tmux shows them (capture-pane polled every 3 ms): the figure this bench gave before it had a terminal of its own. */
async function tmuxKeyTimes(path) {
  const tm = new Tmux();
  const t0 = performance.now();
  tm.start(`exec ${process.execPath} ${BIN} ${path}`);
  const marker = lastLine(path).split(' ').pop();
  await until(tm, t0, (s) => s.includes(marker), 60_000);
  const keyTimes = [];
  let key = 'k';
  while (performance.now() - t0 < 300_000) {
    const before = await tm.screen();
    if (!before.includes('indexing')) break;
    const tk = performance.now();
    await tm.keys(key);
    const rows = (screen) => screen.split('\n').slice(0, -2).join('\n');
    const t = await until(tm, tk, (screen) => rows(screen) !== rows(before), 2000);
    if (!Number.isNaN(t)) keyTimes.push(t);
    key = key === 'k' ? 'j' : 'k';
    await sleep(100);
  }
  await tm.keys('q');
  await sleep(300);
  tm.kill();
  return keyTimes;
}

/** 2 GiB through a pipe into the TUI: memory once it has all been read. */
async function stdinSoak(path) {
  const tm = new Tmux();
  const t0 = performance.now();
  tm.start(`cat ${path} ${path} | exec ${process.execPath} ${BIN}`);
  let last = -1;
  let pid = 0;
  while (performance.now() - t0 < 600_000) {
    await sleep(1000);
    const s = await tm.screen();
    if (!pid) {
      try {
        pid = Number(execFileSync('pgrep', ['-f', '-n', `${BIN}$`], { encoding: 'utf8' }).trim());
      } catch {
        pid = 0;
      }
    }
    const n = recordCount(s);
    if (s.includes('stdin closed') && n === last) break;
    last = n;
  }
  const mem = memKiB(pid);
  await tm.keys('q');
  await sleep(300);
  tm.kill();
  return { seconds: (performance.now() - t0) / 1000, records: last, rssMiB: mem.rss / 1024, hwmMiB: mem.hwm / 1024 };
}

// ---- run -------------------------------------------------------------------

const py100 = await pythonFile(100);
const pyBig = await pythonFile(BIG_MB);
const lnavHome = hasLnav ? lnavPinoHome() : undefined;

if (PARTS.has('print')) {
  const py200 = await pythonFile(200);
  const pino200 = await pinoFile(200);
  const p = await printFigures('Python text', py200, 'ERROR');
  if (hasLnav) row('print -o raw -l error, 200 MiB Python', '<= 0.5x lnav', `${p.logview.toFixed(2)} s vs lnav ${p.lnav.toFixed(2)} s = ${(p.logview / p.lnav).toFixed(2)}x`, p.logview / p.lnav <= 0.5);
  const j = await printFigures('pino NDJSON', pino200, '"level":50', { ...process.env, HOME: lnavHome ?? process.env.HOME });
  if (hasLnav) row('print -o raw -l error, 200 MiB pino', '<= 0.33x lnav', `${j.logview.toFixed(2)} s vs lnav ${j.lnav.toFixed(2)} s = ${(j.logview / j.lnav).toFixed(2)}x`, j.logview / j.lnav <= 0.33);
}

if (PARTS.has('tui')) {
  const small = await firstScreen(py100);
  const big = await firstScreen(pyBig);
  row(`TUI: last record on screen, ${BIG_MB} MiB (100 MiB)`, '<= 300 ms, no slower than 100 MiB', `${big.toFixed(0)} ms (${small.toFixed(0)} ms)`, big <= 300 && big <= small * 1.25);
}

const records = Number(execFileSync('sh', ['-c', `grep -c '^20' ${pyBig}`], { encoding: 'utf8' }).trim());
if (PARTS.has('index')) {
  // lnav's full index and ours alternately, RUNS times each.
  const lnavRuns = [];
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    if (hasLnav) lnavRuns.push(await measure('lnav', ['-n', '-c', ';SELECT count(*) FROM all_logs', pyBig]));
    runs.push(await indexFigures(pyBig, records));
  }
  const lnavSeconds = hasLnav ? median(lnavRuns.map((r) => r.seconds)) : undefined;
  const doneSeconds = median(runs.map((r) => r.done / 1000));
  const sawProgress = runs.every((r) => r.sawProgress);
  const spread = (xs, f = (x) => x.toFixed(1)) => xs.map(f).join('/');
  row(
    `TUI: whole ${BIG_MB} MiB indexed in the background (${records.toLocaleString('en-US')} records)`,
    "faster than lnav's full index; progress shown",
    `${doneSeconds.toFixed(1)} s${lnavSeconds !== undefined ? ` vs lnav ${lnavSeconds.toFixed(1)} s = ${(doneSeconds / lnavSeconds).toFixed(2)}x (runs ${spread(runs.map((r) => r.done / 1000))} vs ${spread(lnavRuns.map((r) => r.seconds))})` : ''}; progress ${sawProgress ? 'shown' : 'NOT shown'}`,
    lnavSeconds !== undefined ? doneSeconds < lnavSeconds && sawProgress : undefined,
  );
  const keyTimes = runs.flatMap((r) => r.keyTimes);
  const appKeyTimes = runs.flatMap((r) => r.appKeyTimes);
  const afterTimes = runs.flatMap((r) => r.afterTimes);
  // The figure is what the terminal draws; the program's own part (key read -> its frame written) beside it.
  const inApp = appKeyTimes.length > 0 ? `; in the program (all keys) p50 ${pct(appKeyTimes, 50).toFixed(0)} ms, p99 ${pct(appKeyTimes, 99).toFixed(0)} ms` : '';
  if (keyTimes.length > 0) row('TUI: key -> frame drawn while indexing (a pty and xterm.js)', '<= 50 ms', `p50 ${pct(keyTimes, 50).toFixed(0)} ms, p99 ${pct(keyTimes, 99).toFixed(0)} ms, max ${Math.max(...keyTimes).toFixed(0)} ms, n=${keyTimes.length} over ${RUNS} runs${inApp}`, pct(keyTimes, 99) <= 50);
  if (afterTimes.length > 0) row(`TUI: key -> frame in the ${AFTER_MS / 1000} s after (the start copied into the spool)`, '<= 50 ms', `p50 ${pct(afterTimes, 50).toFixed(0)} ms, p99 ${pct(afterTimes, 99).toFixed(0)} ms, n=${afterTimes.length}`, pct(afterTimes, 99) <= 50);
  const tmuxKeys = await tmuxKeyTimes(pyBig);
  if (tmuxKeys.length > 0) row('TUI: key -> screen while indexing, through tmux (capture-pane polled)', '-', `p50 ${pct(tmuxKeys, 50).toFixed(0)} ms, p99 ${pct(tmuxKeys, 99).toFixed(0)} ms, n=${tmuxKeys.length}`, undefined);
  const rss = median(runs.map((r) => r.rssMiB));
  const perRecord = ((rss - 80) * MB) / records;
  row(
    'TUI memory once indexed',
    '<= 30 B/record + 80 MiB',
    `RSS ${rss.toFixed(0)} MiB (peak ${median(runs.map((r) => r.hwmMiB)).toFixed(0)} MiB${lnavRuns.length ? `; lnav ${median(lnavRuns.map((r) => r.peakRssMiB)).toFixed(0)} MiB` : ''}) = ${perRecord.toFixed(1)} B/record over 80 MiB`,
    perRecord <= 30,
  );
}

/** The median of RUNS peak RSS figures (MiB) of logview with `args` on `path`. */
async function peakMedian(args, path) {
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push((await measure(process.execPath, [BIN, ...args, path])).peakRssMiB);
  return median(xs);
}

/** `path` `times` over in one file (its records again, later in the file: print does not mind). */
function repeatedFile(path, times) {
  const out = path.replace(/\.log$/, `-x${times}.log`);
  if (!existsSync(out) || statSync(out).size !== times * statSync(path).size) execFileSync('sh', ['-c', `for i in $(seq ${times}); do cat "$1"; done > "$2"`, 'sh', path, out]);
  return out;
}

/**
 * MiB a figure may rise from the big file to four times it and still count
 * as flat (runs on one file differ by 1-3). The 100 MiB print is over in
 * 0.4 s, before the worker threads' heaps reach their first full
 * collection, so it is shown, but flatness is judged from the big file on:
 * at twice it the growth hid within noise (95 / 95 MiB), at four times not.
 */
const FLAT_SLACK_MIB = 3;

if (PARTS.has('memory')) {
  const files = [py100, pyBig, repeatedFile(pyBig, 2), repeatedFile(pyBig, 4)];
  const sizes = `100 MiB / ${BIG_MB} / ${2 * BIG_MB} / ${4 * BIG_MB} MiB`;
  const memoryRow = (figure, ms) =>
    row(`${figure} (${sizes})`, `<= 100 MiB, flat (from ${BIG_MB} MiB on within ${FLAT_SLACK_MIB} MiB)`, ms.map((m) => `${m.toFixed(0)} MiB`).join(' / '), Math.max(...ms) <= 100 && Math.max(...ms.slice(1)) <= ms[1] + FLAT_SLACK_MIB);
  const filtered = [];
  for (const f of files) filtered.push(await peakMedian(['--print', '-o', 'raw', '-l', 'error'], f));
  memoryRow('--print memory, -o raw -l error', filtered);
  // Every record out, through the pipe to this script: the output is as big as the file.
  const all = [];
  for (const f of files) all.push(await peakMedian(['--print', '-o', 'raw'], f));
  memoryRow('--print memory, -o raw, every record', all);
}

if (PARTS.has('stdin')) {
  const soak = await stdinSoak(pyBig);
  row(`TUI: ${(2 * BIG_MB) / 1024} GiB piped on stdin`, 'memory as a file (spooled to disk)', `${soak.records.toLocaleString('en-US')} records in ${soak.seconds.toFixed(0)} s, RSS ${soak.rssMiB.toFixed(0)} MiB (peak ${soak.hwmMiB.toFixed(0)} MiB) = ${(((soak.rssMiB - 80) * MB) / soak.records).toFixed(1)} B/record over 80 MiB`, ((soak.rssMiB - 80) * MB) / soak.records <= 30);
}
if (lnavHome) rmSync(lnavHome, { recursive: true, force: true });

const md = [
  '# Benchmark results',
  '',
  `\`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${(await import('node:os')).availableParallelism()} cores; medians of ${RUNS}; references run in the same script.`,
  '',
  ...(envNote ? [envNote, ''] : []),
  '| figure | target | measured | met |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.figure} | ${r.target} | ${r.measured} | ${r.ok === undefined ? '-' : r.ok ? 'yes' : 'no'} |`),
  '',
];
writeFileSync(RESULTS, md.join('\n'));
console.log(`\nwrote ${RESULTS}`);
