// Format detection throughput: generates a 100 MB mixed log in os.tmpdir()/logview-bench (Python, oslo,
// JSON, syslog, log4j with stack traces, logfmt, plain text; in runs and interleaved), then
// times parsing it to records (records/s, MB/s), next to `wc -l` on the same file.
// Also a 100 MB Python-text file, the hot path ingest is held to.
// Usage: npm run build && node bench/detect.mjs [sizeMB]
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamRecords } from '../dist/parse/record-stream.js';
import { readFileChunks } from '../dist/source/read-chunks.js';

// Shared with print-throughput.mjs, whose cleanBench() removes it.
const BENCH_DIR = join(tmpdir(), 'logview-bench');
mkdirSync(BENCH_DIR, { recursive: true });

const MB = 1024 * 1024;
const size = Number(process.argv[2] ?? 100) * MB;

const shapes = {
  python: (i) => `2024-05-16 00:00:${String(i % 60).padStart(2, '0')},${String(i % 1000).padStart(3, '0')} INFO kamaki.clients.pithos uploading block ${i} of object photos/${i}.jpg\n`,
  pythonTb: (i) => `2024-05-16 00:00:11,927 ERROR kamaki.cli command failed ${i}\nTraceback (most recent call last):\n  File "/usr/lib/python3/kamaki/cli/__init__.py", line 42, in main\n    run()\nKeyError: 'pithos'\n`,
  oslo: (i) => `2017-05-16 00:00:00.${String(i % 1000).padStart(3, '0')} 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b-2096-447d-96ea-a692162415ae 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET /v2/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.24${i % 10}\n`,
  json: (i) => `{"level":30,"time":${1715860800000 + i},"pid":10301,"hostname":"vm","name":"api","module":"db","reqId":"req-${i}","msg":"query done in ${i % 97}ms"}\n`,
  syslog: (i) => `Jun 14 15:16:${String(i % 60).padStart(2, '0')} combo sshd(pam_unix)[${19000 + (i % 999)}]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4\n`,
  log4j: (i) => `2015-10-18 18:01:47,978 WARN [RMCommunicator Allocator] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: Reduce slow start threshold not met. completedMapsForReduceSlowstart ${i}\n`,
  log4jTrace: (i) => `2015-10-18 18:01:48,963 ERROR [main] org.apache.hadoop.ipc.Server: failed ${i}\njava.lang.IllegalStateException: cannot open store\n\tat org.apache.Foo.open(Foo.java:13)\n\tat org.apache.Foo.main(Foo.java:18)\nCaused by: java.io.IOException: Connection refused\n\tat org.apache.Foo.connect(Foo.java:10)\n\t... 2 more\n`,
  logfmt: (i) => `time=2024-05-16T12:00:00.123Z level=info msg="request handled" path=/api/v1/items/${i} status=200 duration=${i % 50}ms\n`,
  plain: (i) => `some program output line ${i} without any recognisable structure at all\n`,
};

/** Streamed to disk a MiB at a time: sizes past V8's string limit work too. */
async function generate(path, pick) {
  if (existsSync(path) && statSync(path).size >= size) return;
  const out = createWriteStream(path);
  let bytes = 0;
  let i = 0;
  while (bytes < size) {
    let block = '';
    while (block.length < 1 << 20) block += pick(i++);
    bytes += Buffer.byteLength(block);
    if (!out.write(block)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

const names = Object.keys(shapes);
// Runs of 200 lines of one shape, with one line of another shape in every 50 (mixed files).
const mixed = (i) => {
  const run = names[Math.floor(i / 200) % names.length];
  const odd = i % 50 === 49 ? names[(i * 7) % names.length] : run;
  return shapes[odd](i);
};

async function time(path) {
  const t0 = process.hrtime.bigint();
  let records = 0;
  await streamRecords(readFileChunks(path), 0, (b) => {
    records += b.length;
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const t1 = process.hrtime.bigint();
  execFileSync('wc', ['-l', path]);
  const wc = Number(process.hrtime.bigint() - t1) / 1e9;
  const mb = statSync(path).size / MB;
  return { records, s, mb, wc };
}

for (const [label, pick] of [['mixed', mixed], ['python', shapes.python]]) {
  const path = join(BENCH_DIR, `detect-${label}-${size / MB}MB.log`);
  await generate(path, pick);
  await time(path); // warm the page cache and the JIT
  const r = await time(path);
  console.log(
    `${label.padEnd(7)} ${r.mb.toFixed(0)} MB  ${r.records} records  ${r.s.toFixed(2)} s  ` +
      `${Math.round(r.records / r.s).toLocaleString('en-US')} records/s  ${(r.mb / r.s).toFixed(0)} MB/s  ` +
      `(wc -l: ${r.wc.toFixed(2)} s, ${(r.mb / r.wc).toFixed(0)} MB/s)`,
  );
}
