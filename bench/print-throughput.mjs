// Print-mode throughput and memory on a generated Python-format log, against
// `grep -c ERROR` (and lnav when installed) in the same run.
import { existsSync, mkdirSync, statSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generatePythonLog } from './gen-python-log.mjs';
import { best } from './measure.mjs';

const BIN = fileURLToPath(new URL('../bin/logview.js', import.meta.url));
const MB = 1024 * 1024;
const sizeMB = Number(process.env.BENCH_MB ?? 100);
const runs = Number(process.env.BENCH_RUNS ?? 3);

const dir = join(tmpdir(), 'logview-bench');
mkdirSync(dir, { recursive: true });

async function file(mb) {
  const path = join(dir, `python-${mb}MB.log`);
  if (!existsSync(path) || statSync(path).size < mb * MB) await generatePythonLog(path, mb * MB);
  return path;
}

const row = (name, r, bytes, ref) =>
  `${name.padEnd(44)} ${r.seconds.toFixed(2).padStart(7)} s ${(bytes / MB / r.seconds).toFixed(0).padStart(6)} MiB/s ${ref ? (r.seconds / ref.seconds).toFixed(1).padStart(6) + 'x' : '       '} ${r.peakRssMiB.toFixed(0).padStart(6)} MiB`;

export async function benchPrint() {
  const big = await file(sizeMB);
  const bytes = statSync(big).size;
  console.log(`\n## print mode on ${(bytes / MB).toFixed(0)} MiB of Python-format text (best of ${runs})`);
  console.log(`${'command'.padEnd(44)} ${'time'.padStart(9)} ${'speed'.padStart(12)} ${'vs grep'.padStart(7)} ${'peak RSS'.padStart(10)}`);
  const grep = await best(runs, 'grep', ['-c', 'ERROR', big], { stdout: 'keep' });
  console.log(row('grep -c ERROR', grep, bytes));
  const wc = await best(runs, 'wc', ['-l', big]);
  console.log(row('wc -l', wc, bytes, grep));
  const lv = await best(runs, process.execPath, [BIN, '--print', '-o', 'raw', '-l', 'error', big]);
  console.log(row('logview --print -o raw -l error', lv, bytes, grep));
  const lvText = await best(1, process.execPath, [BIN, '--print', '--color', 'always', big]);
  console.log(row('logview --print --color always (all records)', lvText, bytes, grep));
  const lvJson = await best(1, process.execPath, [BIN, '--print', '-o', 'json', '-l', 'error', big]);
  console.log(row('logview --print -o json -l error', lvJson, bytes, grep));
  const store = await best(runs, process.execPath, [fileURLToPath(new URL('./ingest-store.mjs', import.meta.url)), big]);
  console.log(row('ingest into the store (what the TUI holds)', store, bytes, grep));
  if (spawnSync('sh', ['-c', 'command -v lnav']).status === 0) {
    // lnav indexes the whole file, then answers a query headless.
    const ln = await best(1, 'lnav', ['-n', '-c', ";SELECT count(*) FROM all_logs WHERE log_level = 'error'", big]);
    console.log(row('lnav -n (index + count errors)', ln, bytes, grep));
    console.log(`logview / lnav time ratio: print ${(lv.seconds / ln.seconds).toFixed(2)}, store ingest ${(store.seconds / ln.seconds).toFixed(2)} (lower is better; < 0.5 means twice lnav's speed)`);
  } else {
    console.log('lnav: not installed (apt-get install lnav) - skipped');
  }

  // Memory must not grow with file size in print mode: peak RSS at 1/4x, 1x and 4x the size.
  const rss = [];
  for (const mb of [Math.max(1, Math.round(sizeMB / 4)), sizeMB, sizeMB * 4]) {
    const f = await file(mb);
    const r = mb === sizeMB ? lv : await best(1, process.execPath, [BIN, '--print', '-o', 'raw', '-l', 'error', f]);
    rss.push(`${r.peakRssMiB.toFixed(0)} MiB on ${(statSync(f).size / MB).toFixed(0)} MiB`);
  }
  console.log(`peak RSS of logview --print -o raw -l error: ${rss.join(', ')}`);
  return { grep, lv };
}

/** Remove the generated logs (several hundred MB) unless BENCH_KEEP=1. */
export function cleanBench() {
  if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchPrint();
  cleanBench();
}
