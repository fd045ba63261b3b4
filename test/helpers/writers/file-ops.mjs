// Node writers for the follow scenarios no logging library produces on cue.
// usage: file-ops.mjs SCENARIO PATH FIRST
// Writes sequence-numbered lines (seq-line.mjs) to PATH starting at FIRST and
// prints one JSON line at the end: {"first": FIRST, "last": N, ...}.
import {
  chmodSync,
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  renameSync,
  rmdirSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { report, seqLine, sleep } from './seq-line.mjs';

const [scenario, path, firstS] = process.argv.slice(2);
let seq = Number(firstS);
const first = seq;

/** n lines, one write() each, `gap` ms apart (0: as fast as possible). */
async function lines(fd, n, gap = 2) {
  for (let i = 0; i < n; i++) {
    writeSync(fd, seqLine(seq++));
    if (gap > 0) await sleep(gap);
  }
}

const scenarios = {
  /** Rename away, create a new file, write to it: all inside one poll interval, six times. */
  async 'rename-recreate'() {
    let fd = openSync(path, 'a');
    for (let c = 1; c <= 6; c++) {
      await lines(fd, 40);
      renameSync(path, `${path}.${c}`);
      const next = openSync(path, 'a');
      // A last line to the old descriptor after the rename, then the new file.
      writeSync(fd, seqLine(seq++));
      closeSync(fd);
      fd = next;
      writeSync(fd, seqLine(seq++));
      await sleep(300);
    }
    await lines(fd, 40);
    closeSync(fd);
  },

  /** Delete and immediately recreate the name, five times (ext4 may or may not reuse the inode). */
  async 'delete-recreate'() {
    const inodes = [];
    let fd = openSync(path, 'a');
    for (let c = 1; c <= 5; c++) {
      await lines(fd, 40);
      const before = statSync(path).ino;
      closeSync(fd);
      unlinkSync(path);
      fd = openSync(path, 'a');
      writeSync(fd, seqLine(seq++));
      inodes.push(before === statSync(path).ino);
      await sleep(300);
    }
    await lines(fd, 40);
    closeSync(fd);
    return { sameInode: inodes.filter(Boolean).length };
  },

  /** Truncate to 0, then at once write more bytes than the file had (size never drops below the reader's offset). */
  async 'truncate-longer'() {
    const fd = openSync(path, 'a');
    for (let c = 1; c <= 3; c++) {
      await lines(fd, 10);
      await sleep(600); // the reader has read these
      ftruncateSync(fd, 0);
      let burst = '';
      for (let i = 0; i < 40; i++) burst += seqLine(seq++);
      writeSync(fd, burst);
      await sleep(600);
    }
    closeSync(fd);
  },

  /** Truncate to 0 and stay empty a while, then write again. */
  async 'truncate-zero'() {
    const fd = openSync(path, 'a');
    for (let c = 1; c <= 3; c++) {
      await lines(fd, 20);
      await sleep(600);
      ftruncateSync(fd, 0);
      await sleep(600);
    }
    await lines(fd, 20);
    closeSync(fd);
  },

  /**
   * Half a line, its rest 500 ms later (five times); then a last line that
   * never gets its newline: logview prints it when it exits.
   */
  async partial() {
    const fd = openSync(path, 'a');
    const completedAt = {};
    for (let c = 0; c < 5; c++) {
      const l = seqLine(seq);
      writeSync(fd, l.slice(0, 40));
      await sleep(500);
      writeSync(fd, l.slice(40));
      completedAt[seq] = Date.now();
      seq++;
      await lines(fd, 3, 20);
    }
    const l = seqLine(seq++);
    writeSync(fd, l.slice(0, l.length - 1));
    closeSync(fd);
    return { completedAt, unterminated: seq - 1 };
  },

  /** 2,000 lines as fast as possible, then silence. */
  async burst() {
    const fd = openSync(path, 'a');
    await lines(fd, 2000, 0);
    closeSync(fd);
  },

  /** PATH is a symlink to a.log; it is retargeted (atomically) to b.log, which already has lines. */
  async symlink() {
    const dir = dirname(path);
    const a = openSync(join(dir, 'a.log'), 'a');
    await lines(a, 50);
    const b = openSync(join(dir, 'b.log'), 'a');
    await lines(b, 20, 0);
    symlinkSync('b.log', `${path}.tmp`);
    renameSync(`${path}.tmp`, path);
    await lines(b, 50);
    closeSync(a);
    closeSync(b);
  },

  /**
   * PATH's parent directory does not exist for 1 s; then the file appears;
   * later it is deleted, missing for 1 s, and appears again.
   */
  async missing() {
    await sleep(1000);
    mkdirSync(dirname(path), { recursive: true });
    let fd = openSync(path, 'a');
    await lines(fd, 50);
    await sleep(300);
    closeSync(fd);
    unlinkSync(path);
    await sleep(1000);
    fd = openSync(path, 'a');
    await lines(fd, 50);
    closeSync(fd);
  },

  /**
   * Permission removed on the followed file (the writer keeps its descriptor),
   * then a rotation into a file nobody may read, restored 1 s later.
   */
  async permission() {
    let fd = openSync(path, 'a');
    await lines(fd, 30);
    chmodSync(path, 0o000);
    await lines(fd, 30);
    renameSync(path, `${path}.1`);
    closeSync(fd);
    fd = openSync(path, 'a', 0o000);
    await lines(fd, 30);
    await sleep(1000);
    chmodSync(path, 0o644);
    await lines(fd, 30);
    closeSync(fd);
  },

  /**
   * A backlog of BACKLOG_MB (default 500) MB of ~200-byte lines, written in
   * big blocks (the line times are all the same: written before logview starts).
   */
  async 'backlog-make'() {
    const mb = Number(process.env.BACKLOG_MB ?? 500);
    const fd = openSync(path, 'w');
    const filler = ' payload=' + 'x'.repeat(120);
    const t = Date.now();
    let total = 0;
    while (total < mb * 1024 * 1024) {
      const parts = [];
      for (let i = 0; i < 20000; i++) parts.push(seqLine(seq++, t).slice(0, -1) + filler + '\n');
      const block = Buffer.from(parts.join(''));
      writeSync(fd, block);
      total += block.length;
    }
    closeSync(fd);
    return { bytes: total };
  },

  /** While the backlog is being read, a new file replaces it (rename over the name); then live lines. */
  async 'backlog-replace'() {
    const fresh = openSync(`${path}.new`, 'a');
    await lines(fresh, 1000, 0);
    renameSync(`${path}.new`, path);
    await lines(fresh, 1000, 2);
    closeSync(fresh);
  },

  /** The name becomes a directory for 1 s, then a file again. */
  async directory() {
    let fd = openSync(path, 'a');
    await lines(fd, 30);
    await sleep(300);
    closeSync(fd);
    renameSync(path, `${path}.1`);
    mkdirSync(path);
    await sleep(1000);
    rmdirSync(path);
    fd = openSync(path, 'a');
    await lines(fd, 30);
    closeSync(fd);
  },
};

const fn = scenarios[scenario];
if (!fn) {
  process.stderr.write(`unknown scenario ${scenario}\n`);
  process.exit(2);
}
report({ pid: process.pid });
const extra = (await fn()) ?? {};
report({ first, last: seq - 1, ...extra });
