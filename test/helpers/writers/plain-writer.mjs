// A daemon-like writer: keeps one descriptor and writes sequence-numbered lines.
// usage: plain-writer.mjs PATH FIRST COUNT INTERVAL_MS append|pwrite
//   append  O_APPEND, like Python's FileHandler ('a')
//   pwrite  no O_APPEND: writes at its own offset, like a C daemon that opened
//           with O_WRONLY; after copytruncate its next write leaves a NUL hole
// On SIGHUP it reopens PATH (logrotate `create` + postrotate `kill -HUP`).
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { report, seqLine, sleep } from './seq-line.mjs';

const [path, firstS, countS, intervalS, mode] = process.argv.slice(2);
const first = Number(firstS);
const count = Number(countS);
const interval = Number(intervalS);

let fd;
let pos = 0;
function reopen() {
  if (fd !== undefined) closeSync(fd);
  if (mode === 'append') {
    fd = openSync(path, 'a');
  } else {
    fd = openSync(path, 'r+');
    pos = fstatSync(fd).size;
  }
}
reopen();
let hup = false;
process.on('SIGHUP', () => (hup = true));
report({ pid: process.pid });

for (let i = 0; i < count; i++) {
  if (hup) {
    hup = false;
    reopen();
  }
  const buf = Buffer.from(seqLine(first + i));
  if (mode === 'append') writeSync(fd, buf);
  else pos += writeSync(fd, buf, 0, buf.length, pos);
  if (interval > 0) await sleep(interval);
}
closeSync(fd);
report({ first, last: first + count - 1 });
