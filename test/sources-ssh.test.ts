// Remote files over ssh, end to end: a real sshd (Debian's openssh-server) on a
// loopback port with keys made for this run, reached through LOGVIEW_SSH; real
// writers (Python logging.handlers, logrotate) on the "remote" side; the
// connection killed mid-stream. Every sequence number once and in order.
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceTags } from '../src/render/row-format.js';
import { TestSshd } from './helpers/sshd.mjs';
import { cleanup, Follow, pythonWriter, summary, tempDir } from './helpers/writers/follow-harness.js';
import { seqLine } from './helpers/writers/seq-line.mjs';
import { jsonLines, runCli } from './helpers/run-cli.js';
import { sh, tmuxSessions } from './e2e-tui-harness.js';

const run = promisify(execFile);
const LOGROTATE = ['/usr/sbin/logrotate', '/sbin/logrotate'].find((p) => existsSync(p)) ?? 'logrotate';

const sshd = new TestSshd();
let env: NodeJS.ProcessEnv = {};
beforeAll(async () => {
  await sshd.start();
  env = { ...process.env, LOGVIEW_SSH: sshd.sshCommand };
}, 60000);
afterAll(async () => {
  cleanup();
  await sshd.stop();
});

/** The remote followers reading `path` (processes under sshd), by pid. */
function remoteFollowers(path: string): { pid: number; ppid: number }[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => l.includes(`lvf follow ${path} `))
    .map((l) => l.trim().split(/\s+/))
    .map(([pid, ppid]) => ({ pid: Number(pid), ppid: Number(ppid) }));
}

async function oneFollower(path: string): Promise<{ pid: number; ppid: number }> {
  const t0 = Date.now();
  for (;;) {
    const f = remoteFollowers(path);
    if (f.length === 1) return f[0]!;
    if (Date.now() - t0 > 20000) throw new Error(`expected one remote follower of ${path}, found ${f.length}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const url = (path: string, host = '127.0.0.1') => `ssh://${host}${path}`;

/** Sequence numbers in the files of dir: what a follower can have read. */
function seqsOnDisk(dir: string, prefix: string): Set<number> {
  const seen = new Set<number>();
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(prefix)) continue;
    for (const m of readFileSync(join(dir, f), 'latin1').matchAll(/seq=(\d+)/g)) seen.add(Number(m[1]));
  }
  return seen;
}
const { logview } = tmuxSessions();

describe('remote files: read', () => {
  it('reads a remote file to its end (scp-like and ssh:// names)', async () => {
    const dir = tempDir('ssh-read');
    const file = join(dir, 'app.log');
    writeFileSync(file, '2026-12-01 10:00:00,000 INFO nova.compute: one\n2026-12-01 10:00:01,000 ERROR nova.api: two\n');
    for (const name of [`127.0.0.1:${file}`, url(file), `ssh://127.0.0.1:${sshd.port}${file}`]) {
      const r = await runCli(['-p', '-o', 'json', name], { env });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(jsonLines(r.stdout).map((x) => [x.source, x.level, x.logger, x.message])).toEqual([
        [name, 'info', 'nova.compute', 'one'],
        [name, 'error', 'nova.api', 'two'],
      ]);
    }
  });

  it('a missing remote file, an unreachable host and a refused key are one line each, exit 1, the other sources go on', async () => {
    const dir = tempDir('ssh-errors');
    const local = join(dir, 'local.log');
    writeFileSync(local, '2026-12-01 10:00:00,000 INFO local: still read\n');
    const missing = await runCli(['-p', url(join(dir, 'none.log')), local], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`logview: ${url(join(dir, 'none.log'))}: No such file or directory\n`);
    expect(missing.stdout.toString()).toContain('still read');
    // Port 1 on loopback: nothing listens (the URL's port wins over LOGVIEW_SSH's -p).
    const refused = await runCli(['-p', `ssh://127.0.0.1:1${local}`], { env });
    expect([refused.code, refused.stderr]).toEqual([1, `logview: ssh://127.0.0.1:1${local}: connect to host 127.0.0.1 port 1: Connection refused\n`]);
    // A key the server does not know: BatchMode, so no password prompt, just the refusal.
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other_key')]);
    const denied = await runCli(['-p', url(local)], { env: { ...env, LOGVIEW_SSH: sshd.sshCommand.replace(sshd.key, join(dir, 'other_key')) } });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^logview: ssh:\/\/127\.0\.0\.1\/\S+local\.log: \S+@127\.0\.0\.1: Permission denied \(publickey\)\.\n$/);
    // A directory.
    const isDir = await runCli(['-p', url(dir)], { env });
    expect([isDir.code, isDir.stderr]).toEqual([1, `logview: ${url(dir)}: Is a directory\n`]);
  });

  it('expands a remote glob on the host, one source per file, merged by time', async () => {
    const dir = tempDir('ssh-glob');
    writeFileSync(join(dir, 'nova-api.log'), '2026-12-01 10:00:00,000 INFO nova.api: a1\n2026-12-01 10:00:02,000 INFO nova.api: a2\n');
    writeFileSync(join(dir, 'nova-compute.log'), '2026-12-01 10:00:01,000 INFO nova.compute: c1\n2026-12-01 10:00:03,000 INFO nova.compute: c2\n');
    writeFileSync(join(dir, 'other.txt'), 'not matched\n');
    const r = await runCli(['-p', '-o', 'json', `127.0.0.1:${dir}/nova-*.log`], { env });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(jsonLines(r.stdout).map((x) => [x.source, x.message])).toEqual([
      [`127.0.0.1:${dir}/nova-api.log`, 'a1'],
      [`127.0.0.1:${dir}/nova-compute.log`, 'c1'],
      [`127.0.0.1:${dir}/nova-api.log`, 'a2'],
      [`127.0.0.1:${dir}/nova-compute.log`, 'c2'],
    ]);
    const none = await runCli(['-p', `127.0.0.1:${dir}/*.nomatch`, join(dir, 'other.txt')], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`logview: 127.0.0.1:${dir}/*.nomatch: no file matches\n`);
    expect(none.stdout.toString()).toContain('not matched');
  });

  it('two hosts merge by time, each row tagged with its host', async () => {
    const dir = tempDir('ssh-hosts');
    const a = join(dir, 'a.log');
    const b = join(dir, 'b.log');
    writeFileSync(a, [0, 2, 4, 6].map((s) => `2026-12-01 10:00:0${s},000 INFO host.a: a${s}\n`).join(''));
    writeFileSync(b, [1, 3, 5, 7].map((s) => `2026-12-01 10:00:0${s},000 INFO host.b: b${s}\n`).join(''));
    const names = [url(a, '127.0.0.1'), url(b, 'localhost')];
    const r = await runCli(['-p', '-o', 'json', ...names], { env });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(jsonLines(r.stdout).map((x) => x.message)).toEqual(['a0', 'b1', 'a2', 'b3', 'a4', 'b5', 'a6', 'b7']);
    expect(sourceTags(names)).toEqual(['127.0.0.1', 'localhost']);
  });
});

// Both remote followers (LOGVIEW_SSH_FOLLOWER): python3 where the remote side has it, sh otherwise.
describe.sequential.each(['sh', 'python'])('remote files: followed (the %s follower)', (kind) => {
  const followEnv = () => ({ ...env, LOGVIEW_SSH_FOLLOWER: kind });

  it('follows through Python RotatingFileHandler rollovers: every sequence number once, in order', async () => {
    const dir = tempDir('ssh-rotating');
    const file = join(dir, 'app.log');
    appendFileSync(file, seqLine(0));
    const lv = new Follow([url(file)], { env: followEnv() });
    await lv.waitForSeq(0, 20000);
    // ~70-byte lines, 16 KiB per file: a rollover every ~230 lines (~0.7 s at 3 ms).
    const w = pythonWriter(['rotating', file, '1', '2000', '3', '16384']);
    const r = await w.done;
    await lv.settle(r.last as number, 20000);
    const exit = await lv.stop();
    const v = lv.verify({ first: 0, last: r.last as number, liveFrom: 1, maxLatencyMs: 5000 });
    summary(`ssh RotatingFileHandler (${kind})`, v, v.problems.slice(0, 5).join('; '));
    expect(v.problems).toEqual([]);
    expect(exit.code).toBe(0);
  }, 60000);

  it('reconnects when the remote follower or its sshd session is killed mid-stream, resuming at the offset reached', async () => {
    const dir = tempDir('ssh-kill');
    const file = join(dir, 'app.log');
    appendFileSync(file, seqLine(0));
    const lv = new Follow([url(file)], { env: followEnv() });
    await lv.waitForSeq(0, 20000);
    const w = pythonWriter(['hup', file, '1', '3000', '2']);
    await w.ready;
    const kills: string[] = [];
    for (let k = 1; k <= 4; k++) {
      await lv.waitForSeq(k * 500, 30000);
      const f = await oneFollower(file);
      // Alternately the follower itself and the sshd process serving its connection.
      const pid = k % 2 === 1 ? f.pid : f.ppid;
      process.kill(pid, 'SIGKILL');
      kills.push(k % 2 === 1 ? 'follower' : 'sshd session');
      // The next follower is a new process.
      const t0 = Date.now();
      while (remoteFollowers(file).some((x) => x.pid === f.pid) && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 20));
    }
    const r = await w.done;
    await lv.settle(r.last as number, 30000);
    const exit = await lv.stop();
    const v = lv.verify({ first: 0, last: r.last as number, liveFrom: 1, maxLatencyMs: 15000 });
    summary(`ssh reconnects (${kind})`, v, `killed: ${kills.join(', ')}`);
    expect(v.problems).toEqual([]);
    expect(v.printed).toBe((r.last as number) + 1);
    expect(lv.stderr.match(/connection lost/g)?.length).toBe(4);
    expect(exit.code).toBe(0);
    // Nothing left running on the remote side.
    const t0 = Date.now();
    while (remoteFollowers(file).length > 0 && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 50));
    expect(remoteFollowers(file)).toEqual([]);
  }, 90000);

  it('follows across logrotate create, the daemon HUPed 0.3 s later: the late lines in the rotated-away file are read too', async () => {
    const dir = tempDir('ssh-create-hup');
    const file = join(dir, 'app.log');
    appendFileSync(file, seqLine(0));
    const lv = new Follow([url(file)], { env: followEnv() });
    await lv.waitForSeq(0, 20000);
    const w = pythonWriter(['hup', file, '1', '1500', '3']);
    const { pid } = await w.ready;
    const conf = join(dir, 'logrotate.conf');
    writeFileSync(conf, [`"${file}" {`, '  rotate 5', '  missingok', '  create', '  postrotate', `    sleep 0.3; kill -HUP ${String(pid)}`, '  endscript', '}', ''].join('\n'), { mode: 0o644 });
    for (let k = 1; k <= 3; k++) {
      await lv.waitForSeq(k * 350, 30000);
      await run(LOGROTATE, ['-f', '-s', join(dir, 'state'), conf]);
    }
    const r = await w.done;
    await lv.settle(r.last as number, 20000);
    const exit = await lv.stop();
    const v = lv.verify({ first: 0, last: r.last as number, liveFrom: 1, maxLatencyMs: 5000 });
    summary(`ssh logrotate create + HUP (${kind})`, v, v.problems.slice(0, 5).join('; '));
    expect(v.problems).toEqual([]);
    expect(exit.code).toBe(0);
  }, 60000);

  it('follows across logrotate copytruncate: every line in the file or its copies once, in order (only lines in neither, written in logrotate\'s copy window, are missing)', async () => {
    const dir = tempDir('ssh-copytruncate');
    const file = join(dir, 'app.log');
    appendFileSync(file, seqLine(0));
    const lv = new Follow([url(file)], { env: followEnv() });
    await lv.waitForSeq(0, 20000);
    const w = pythonWriter(['hup', file, '1', '1500', '3']);
    await w.ready;
    const conf = join(dir, 'logrotate.conf');
    writeFileSync(conf, [`"${file}" {`, '  rotate 5', '  missingok', '  copytruncate', '}', ''].join('\n'), { mode: 0o644 });
    for (let k = 1; k <= 3; k++) {
      await lv.waitForSeq(k * 350, 30000);
      await run(LOGROTATE, ['-f', '-s', join(dir, 'state'), conf]);
    }
    const r = await w.done;
    await lv.settle(r.last as number, 20000);
    const exit = await lv.stop();
    // What logrotate copied is in app.log.1..3 (no compression): a line there or in app.log was readable.
    const onDisk = seqsOnDisk(dir, 'app.log');
    const v = lv.verify({ first: 0, last: r.last as number, liveFrom: 1, maxLatencyMs: 5000, mayMiss: (seq) => !onDisk.has(seq) });
    summary(`ssh logrotate copytruncate (${kind})`, v, `in neither file (logrotate's copy window): [${v.missed.join(', ')}]`);
    expect(v.problems).toEqual([]);
    expect(exit.code).toBe(0);
  }, 60000);
});

describe('remote files: in the viewer', () => {
  it('shows a remote file and what is appended to it; keys work (ssh never reads the terminal); q stops the remote follower', async () => {
    const dir = tempDir('ssh-tui');
    const a = join(dir, 'api.log');
    const b = join(dir, 'compute.log');
    writeFileSync(a, '2026-12-01 10:00:00,000 INFO nova.api: api first\n');
    writeFileSync(b, '2026-12-01 10:00:01,000 INFO nova.compute: compute first\n');
    const t = logview(`${url(a)} ${url(b, 'localhost')}`, { env: `LOGVIEW_SSH=${sh(sshd.sshCommand)}`, cols: 120, rows: 20 });
    await t.waitFor('compute first', 20000);
    // Each row starts with its host.
    expect(t.lines().find((l) => l.includes('api first'))).toMatch(/^127\.0\.0\.1 /);
    expect(t.lines().find((l) => l.includes('compute first'))).toMatch(/^localhost /);
    appendFileSync(a, '2026-12-01 10:00:02,000 WARNING nova.api: api appended\n');
    await t.waitFor('api appended', 20000);
    // Keys reach the viewer: the help screen opens and closes.
    t.send('?');
    await t.waitFor('(j/k scroll, Esc close)');
    t.send('Escape');
    await t.waitFor((s) => !s.includes('Esc close') && s.includes('api appended'));
    t.send('q');
    await t.waitFor('EXITED 0', 20000);
    const t0 = Date.now();
    while ((remoteFollowers(a).length > 0 || remoteFollowers(b).length > 0) && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 50));
    expect([...remoteFollowers(a), ...remoteFollowers(b)]).toEqual([]);
  }, 60000);
});
