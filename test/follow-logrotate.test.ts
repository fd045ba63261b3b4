// Following a file rotated by Debian's logrotate (-f, with a generated config
// and its own state file, run as the current user) while a daemon-like writer
// keeps logging: every sequence number once, in order, within 2 s. For
// copytruncate, lines written in logrotate's own copy window (after the copy,
// before the truncate) are in neither file; those may be missing and are
// reported, but a duplicate always fails.
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Follow, nodeWriter, pythonWriter, summary, tempDir, type Writer, cleanup } from './helpers/writers/follow-harness.js';
import { seqLine as line, sleep } from './helpers/writers/seq-line.mjs';

const run = promisify(execFile);
// /usr/sbin is not on a normal user's PATH on Debian.
const LOGROTATE = ['/usr/sbin/logrotate', '/sbin/logrotate'].find((p) => existsSync(p)) ?? 'logrotate';

interface Case {
  name: string;
  directives: string[];
  /** Send SIGHUP from postrotate after this many seconds (late lines go to the old file meanwhile). */
  hupAfter?: number;
  writer: (file: string) => Writer;
  copyWindowMayLose: boolean;
}

const COUNT = 1000;
const INTERVAL_MS = 3;

const cases: Case[] = [
  {
    name: 'create, daemon HUPed 0.3 s later (late lines in the old file)',
    directives: ['create'],
    hupAfter: 0.3,
    writer: (file) => pythonWriter(['hup', file, '2', String(COUNT), String(INTERVAL_MS)]),
    copyWindowMayLose: false,
  },
  {
    name: 'create + compress + delaycompress, daemon HUPed 0.3 s later',
    directives: ['create', 'compress', 'delaycompress'],
    hupAfter: 0.3,
    writer: (file) => pythonWriter(['hup', file, '2', String(COUNT), String(INTERVAL_MS)]),
    copyWindowMayLose: false,
  },
  {
    name: 'copytruncate, writer with O_APPEND (Python FileHandler)',
    directives: ['copytruncate'],
    writer: (file) => pythonWriter(['hup', file, '2', String(COUNT), String(INTERVAL_MS)]),
    copyWindowMayLose: true,
  },
  {
    name: 'copytruncate, writer without O_APPEND (NUL hole after the truncate)',
    directives: ['copytruncate'],
    writer: (file) => nodeWriter('plain-writer.mjs', [file, '2', String(COUNT), String(INTERVAL_MS), 'pwrite']),
    copyWindowMayLose: true,
  },
];

afterAll(cleanup);

describe.sequential('follow: logrotate -f', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = tempDir('logrotate');
      const file = join(dir, 'app.log');
      appendFileSync(file, line(1));
      const lv = new Follow([file]);
      await lv.waitForSeq(1);
      const w = c.writer(file);
      const { pid } = await w.ready;
      const conf = join(dir, 'logrotate.conf');
      const post = c.hupAfter !== undefined ? ['  postrotate', `    sleep ${c.hupAfter}; kill -HUP ${pid}`, '  endscript'] : [];
      writeFileSync(conf, [`"${file}" {`, '  rotate 5', '  missingok', ...c.directives.map((d) => '  ' + d), ...post, '}', ''].join('\n'), {
        mode: 0o644,
      });
      for (let k = 0; k < 3; k++) {
        await sleep(700);
        await run(LOGROTATE, ['-f', '-s', join(dir, 'state'), conf]);
      }
      const r = await w.done;
      await lv.settle(r.last as number);
      const exit = await lv.stop();
      const v = lv.verify({ first: 1, last: r.last as number, liveFrom: 2, ...(c.copyWindowMayLose ? { mayMiss: () => true } : {}) });
      summary(`logrotate ${c.name}`, v, c.copyWindowMayLose ? `lost in logrotate's copy window: [${v.missed.join(', ')}]` : '');
      expect(v.problems).toEqual([]);
      // Three rotations of ~1000 lines: a copy window holds a line or two at this rate.
      expect(v.missed.length).toBeLessThanOrEqual(10);
      expect(exit.code).toBe(0);
    }, 30000);
  }
});
