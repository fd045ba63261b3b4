// journal: sources read through the real journalctl from journal files that
// Debian's systemd-journal-remote writes from export-format input (no running
// systemd needed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killLiveClis, LiveCli } from './helpers/live-cli.js';
import { jsonLines, runCli } from './helpers/run-cli.js';
import { tmuxSessions } from './e2e-tui-harness.js';

const REMOTE = ['/lib/systemd/systemd-journal-remote', '/usr/lib/systemd/systemd-journal-remote'].find((p) => existsSync(p));
if (!REMOTE) throw new Error('systemd-journal-remote is needed (apt-get install systemd-journal-remote; .ci/run installs it)');

const dir = mkdtempSync(join(tmpdir(), 'logview-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(killLiveClis);
const { logview } = tmuxSessions();

type Entry = Record<string, string | Buffer>;

/** Journal export format: KEY=value, or KEY\n<le64 length><bytes>\n for values with newlines or binary. */
function exportFormat(entries: readonly Entry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    for (const [k, v] of Object.entries(e)) {
      const b = Buffer.isBuffer(v) ? v : Buffer.from(v);
      if (b.includes(10) || !b.equals(Buffer.from(b.toString('utf8')))) {
        const len = Buffer.alloc(8);
        len.writeBigUInt64LE(BigInt(b.length));
        parts.push(Buffer.from(k + '\n'), len, b, Buffer.from('\n'));
      } else parts.push(Buffer.from(`${k}=`), b, Buffer.from('\n'));
    }
    parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

const T0 = 1_796_000_000_000_000; // µs: 2026-11-30T...
const BOOT = '0123456789abcdef0123456789abcdef';

function entry(i: number, fields: Entry): Entry {
  return { __REALTIME_TIMESTAMP: String(T0 + i * 1000), __MONOTONIC_TIMESTAMP: String(1000 + i), _BOOT_ID: BOOT, ...fields };
}

/** Append entries to a journal file through systemd-journal-remote (it creates the file, or adds to it). */
function writeJournal(file: string, entries: readonly Entry[]): void {
  execFileSync(REMOTE!, ['-o', file, '-'], { input: exportFormat(entries), stdio: ['pipe', 'ignore', 'ignore'] });
}

const seqEntries = (from: number, n: number): Entry[] => Array.from({ length: n }, (_, k) => entry(from + k, { MESSAGE: `seq=${from + k}`, PRIORITY: '6', SYSLOG_IDENTIFIER: 'seqer' }));

const SAMPLE: Entry[] = [
  ...['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'].map((w, p) => entry(p, { MESSAGE: `priority ${p} ${w}`, PRIORITY: String(p), SYSLOG_IDENTIFIER: 'sysid', _PID: '42' })),
  entry(10, { MESSAGE: 'unit only', PRIORITY: '6', _SYSTEMD_UNIT: 'cron.service' }),
  entry(11, {
    MESSAGE: 'Instance failed to spawn',
    PRIORITY: '3',
    LOGGER_NAME: 'nova.compute.manager',
    LOGGER_LEVEL: 'ERROR',
    REQUEST_ID: 'req-38101a0b-1111-2222-3333-444455556666',
    CODE_FILE: '/usr/lib/python3/dist-packages/nova/compute/manager.py',
    CODE_LINE: '2461',
    CODE_FUNC: '_build_and_run_instance',
    SYSLOG_IDENTIFIER: 'nova-compute',
    _SYSTEMD_UNIT: 'nova-compute.service',
  }),
  entry(12, { MESSAGE: 'Auditing locally available compute resources', PRIORITY: '6', LOGGER_NAME: 'nova.compute.resource_tracker', LOGGER_LEVEL: 'AUDIT', SYSLOG_IDENTIFIER: 'nova-compute' }),
  entry(13, { MESSAGE: 'GET /v2.1/servers', PRIORITY: '6', LOGGER_NAME: 'nova.api.openstack.requestlog', LOGGER_LEVEL: 'INFO', SYSLOG_IDENTIFIER: 'nova-api' }),
  entry(14, { MESSAGE: 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\nValueError: bad', PRIORITY: '3', LOGGER_NAME: 'nova.compute.manager', LOGGER_LEVEL: 'ERROR' }),
  entry(15, { MESSAGE: Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0x20, 0x75, 0x74, 0x66]), PRIORITY: '5', SYSLOG_IDENTIFIER: 'binary' }),
];

const sample = join(dir, 'sample.journal');
writeJournal(sample, SAMPLE);

type Rec = { source: string; time: string; level: string; levelName?: string; logger: string; message: string; body?: string[]; fields?: Record<string, unknown> };

describe('journal:/path', () => {
  it('maps MESSAGE, __REALTIME_TIMESTAMP, PRIORITY, LOGGER_NAME / SYSLOG_IDENTIFIER / _SYSTEMD_UNIT, and keeps the rest as fields', async () => {
    const r = await runCli(['-p', '-o', 'json', `journal:${sample}`]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const recs = jsonLines(r.stdout) as Rec[];
    expect(recs).toHaveLength(SAMPLE.length);
    expect(recs.every((x) => x.source === `journal:${sample}`)).toBe(true);
    expect(recs.slice(0, 8).map((x) => x.level)).toEqual(['critical', 'critical', 'critical', 'error', 'warning', 'notice', 'info', 'debug']);
    expect(recs[0]!.time).toBe(new Date(T0 / 1000).toISOString());
    expect(recs[7]!.time).toBe(new Date(T0 / 1000 + 7).toISOString());
    expect(recs[0]).toMatchObject({ logger: 'sysid', message: 'priority 0 emerg', fields: { _PID: '42', _BOOT_ID: BOOT } });
    expect(recs[8]).toMatchObject({ logger: 'cron.service', message: 'unit only' });
    const oslo = recs[9]!;
    expect(oslo).toMatchObject({
      level: 'error',
      logger: 'nova.compute.manager',
      message: 'Instance failed to spawn',
      fields: { REQUEST_ID: 'req-38101a0b-1111-2222-3333-444455556666', CODE_FILE: '/usr/lib/python3/dist-packages/nova/compute/manager.py', CODE_LINE: '2461', CODE_FUNC: '_build_and_run_instance', SYSLOG_IDENTIFIER: 'nova-compute', _SYSTEMD_UNIT: 'nova-compute.service' },
    });
    for (const k of ['__CURSOR', '__MONOTONIC_TIMESTAMP', 'MESSAGE', 'LOGGER_NAME', 'LOGGER_LEVEL', '__REALTIME_TIMESTAMP', 'PRIORITY']) expect(oslo.fields).not.toHaveProperty(k);
    expect(recs[10]).toMatchObject({ level: 'info', levelName: 'AUDIT', logger: 'nova.compute.resource_tracker' });
    expect(recs[12]).toMatchObject({ level: 'error', message: 'Traceback (most recent call last):', body: ['  File "x.py", line 1, in <module>', 'ValueError: bad'] });
    // Not UTF-8: journalctl writes the bytes as numbers; shown decoded, never as an array.
    expect(recs[13]).toMatchObject({ level: 'notice', logger: 'binary', message: 'bad \ufffd\ufffd utf' });
  });

  it('oslo LOGGER_NAME entries filter by logger subtree and level like any log', async () => {
    const r = await runCli(['-p', '-o', 'json', '-L', 'nova.compute', '-l', 'warning', `journal:${sample}`]);
    expect((jsonLines(r.stdout) as Rec[]).map((x) => [x.logger, x.message])).toEqual([
      ['nova.compute.manager', 'Instance failed to spawn'],
      ['nova.compute.manager', 'Traceback (most recent call last):'],
    ]);
  });

  it('reads a directory of journal files (journalctl --directory)', async () => {
    const d = join(dir, 'dir');
    mkdirSync(d);
    writeJournal(join(d, 'a.journal'), seqEntries(0, 3));
    writeJournal(join(d, 'b.journal'), seqEntries(3, 3));
    const r = await runCli(['-p', '-o', 'raw', `journal:${d}`]);
    expect(r.code).toBe(0);
    expect([...r.stdout.toString().matchAll(/"MESSAGE":"seq=(\d+)"/g)].map((m) => Number(m[1]))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a missing path, or no journalctl, is one line and exit 1', async () => {
    const r = await runCli(['-p', `journal:${dir}/none.journal`]);
    expect([r.code, r.stderr, r.stdout.length]).toEqual([1, `logview: journal:${dir}/none.journal: No such file or directory\n`, 0]);
    const noJctl = await runCli(['-p', `journal:${sample}`], { env: { PATH: join(dir, 'empty-path') } });
    expect([noJctl.code, noJctl.stderr]).toEqual([1, `logview: journal:${sample}: journalctl not found\n`]);
    // A file that is not a journal: journalctl's own reason.
    const bad = await runCli(['-p', `journal:${join(import.meta.dirname, 'fixtures', 'kamaki_file_debug.log')}`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^logview: journal:\S+kamaki_file_debug\.log: .+\n$/);
  });
});

const seqs = (out: string): number[] => [...out.matchAll(/seq=(\d+)/g)].map((m) => Number(m[1]));

/** The journalctl logview runs (its child), once it is there. */
async function journalctlOf(cli: LiveCli): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const kids = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(cli.proc.pid)], { encoding: 'utf8' }).trim();
    const m = /^\s*(\d+)\s+journalctl$/m.exec(kids);
    if (m) return Number(m[1]);
    if (Date.now() - t0 > 20000) throw new Error(`no journalctl under logview: ${kids}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('journal: followed', () => {
  it('follows a journal directory with journalctl -f; killed, it starts again after the last cursor: every entry once, in order', async () => {
    const d = join(dir, 'follow-dir');
    mkdirSync(d);
    const file = join(d, 'f.journal');
    writeJournal(file, seqEntries(0, 50));
    const cli = new LiveCli(['-p', '-f', '-o', 'json', `journal:${d}`]);
    await cli.waitFor('backlog', () => seqs(cli.stdout).length === 50);
    for (let round = 1; round <= 3; round++) {
      const pid = await journalctlOf(cli);
      writeJournal(file, seqEntries(round * 50, 25));
      await cli.waitFor(`round ${round} first half`, () => seqs(cli.stdout).length === round * 50 + 25);
      process.kill(pid, 'SIGKILL');
      // Written while no journalctl runs: read after the restart, from the cursor.
      writeJournal(file, seqEntries(round * 50 + 25, 25));
      await cli.waitFor(`round ${round} after the restart`, () => seqs(cli.stdout).length >= (round + 1) * 50);
      expect(await journalctlOf(cli)).not.toBe(pid);
    }
    const exit = await cli.stop();
    expect(exit.code).toBe(0);
    expect(seqs(cli.stdout)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(cli.stderr).toMatch(/journalctl killed by SIGKILL; started again after the last entry/);
  });

  it('follows a single journal file (read on after the last cursor when it changes)', async () => {
    const file = join(dir, 'follow-file.journal');
    writeJournal(file, seqEntries(0, 10));
    const cli = new LiveCli(['-p', '-f', '-o', 'json', `journal:${file}`]);
    await cli.waitFor('backlog', () => seqs(cli.stdout).length === 10);
    for (let k = 1; k <= 5; k++) {
      writeJournal(file, seqEntries(k * 10, 10));
      await cli.waitFor(`batch ${k}`, () => seqs(cli.stdout).length === (k + 1) * 10);
    }
    expect((await cli.stop()).code).toBe(0);
    expect(seqs(cli.stdout)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(cli.stderr).toBe('');
  });
});

describe('journal: in the viewer', () => {
  it('oslo LOGGER_NAME entries land in the logger tree pane', async () => {
    const t = logview(`journal:${sample}`, { cols: 140, rows: 40 });
    await t.waitFor('Instance failed to spawn', 20000);
    t.send('t');
    const s = await t.waitFor('(all loggers)');
    // Tree nodes with their record counts: nova holds manager (2), resource_tracker, api.openstack.requestlog.
    expect(s).toMatch(/▾ \(all loggers\)\s+14│/);
    expect(s).toMatch(/▾ nova\s+4│/);
    expect(s).toMatch(/▸ compute\s+3│/);
    expect(s).toMatch(/▸ api\s+1│/);
    expect(s).toMatch(/ sysid\s+8│/);
    t.send('q');
    await t.waitFor('EXITED 0');
  });
});
