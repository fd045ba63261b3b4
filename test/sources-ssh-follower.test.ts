// The remote followers (sh, and python3 where the remote side has it) through a
// real sshd: generations of a file that come and go between two polls, new
// files under a followed remote pattern, and which follower runs. Real writers
// (Python logging.handlers) on the "remote" side.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSshd } from './helpers/sshd.mjs';
import { BIN, cleanup, Follow, pythonWriter, runWriter, summary, tempDir } from './helpers/writers/follow-harness.js';
import { seqLine } from './helpers/writers/seq-line.mjs';
import { sh, tmuxSessions } from './e2e-tui-harness.js';

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

const url = (path: string) => `ssh://127.0.0.1${path}`;
const { logview } = tmuxSessions();

/** The command lines of the remote followers reading `path` (processes under sshd). */
function followerArgs(path: string): string[] {
  return execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(` lvf follow ${path} `));
}

/** The pids of the remote followers reading `path`. */
function followerPids(path: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(` lvf follow ${path} `))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

async function until(what: string, ok: () => boolean, timeoutMs = 20000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `logview -p -f -o json` on the sources: each record's source and sequence number as it arrives. */
class JsonFollow {
  readonly rows: { source: string; seq: number }[] = [];
  stderr = '';
  private carry = '';
  private readonly proc;
  private readonly exit: Promise<number | null>;

  constructor(sources: string[], childEnv: NodeJS.ProcessEnv) {
    this.proc = spawn(process.execPath, [BIN, '-p', '-f', '-o', 'json', ...sources], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d: Buffer) => {
      const lines = (this.carry + d.toString()).split('\n');
      this.carry = lines.pop()!;
      for (const l of lines) {
        const r = JSON.parse(l) as { source: string; message: string };
        const m = /seq=(\d+)/.exec(r.message);
        if (m) this.rows.push({ source: r.source, seq: Number(m[1]) });
      }
    });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exit = new Promise((resolve) => this.proc.on('close', (code) => resolve(code)));
  }

  seqsOf(source: string): number[] {
    return this.rows.filter((r) => r.source === source).map((r) => r.seq);
  }

  async stop(): Promise<number | null> {
    this.proc.kill('SIGINT');
    return this.exit;
  }
}

/**
 * RotatingFileHandler in bursts: 60 records 2 ms apart (two rollovers of 2 KB
 * files within ~120 ms, so a file lives ~60 ms), then a pause. Every rollover
 * renames all backups (.1 -> .2 ...): a missed file must be found by identity.
 * Enough backups that none is deleted. usage: PATH COUNT
 */
const ROTATING_BURSTS = `
import json, logging, logging.handlers, os, sys, time
path, count = sys.argv[1], int(sys.argv[2])
h = logging.handlers.RotatingFileHandler(path, maxBytes=2000, backupCount=100)
h.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(name)s %(message)s'))
log = logging.getLogger('writer')
log.setLevel(logging.INFO)
log.addHandler(h)
log.propagate = False
print(json.dumps({'pid': os.getpid()}), flush=True)
for seq in range(1, count + 1):
    log.info('seq=%09d t=%d', seq, int(time.time() * 1000))
    time.sleep(0.5 if seq % 60 == 0 else 0.002)
h.close()
print(json.dumps({'first': 1, 'last': count}), flush=True)
`;

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

describe.each(['sh', 'python'])('the %s remote follower', (kind) => {
  const kindEnv = () => ({ ...env, LOGVIEW_SSH_FOLLOWER: kind });

  it('reads generations that appear and are rotated away within one poll (WatchedFileHandler, renamed every ~50 ms): every sequence number once, in order', async () => {
    const dir = tempDir(`ssh-gen-${kind}`);
    const file = join(dir, 'app.log');
    // Missing at start: the first generations come and go while the follower waits.
    const lv = new Follow([url(file)], { env: kindEnv() });
    await lv.waitForStderr(/waiting for the file to appear/, 20000);
    // 25 records per file, 2 ms apart: a file lives ~50-70 ms, 3-4 of them per 0.2 s poll.
    const w = pythonWriter(['watched', file, '1', '600', '2', '25']);
    const r = await w.done;
    await lv.settle(r.last as number, 20000);
    const exit = await lv.stop();
    const v = lv.verify({ first: 1, last: r.last as number, maxLatencyMs: 5000 });
    summary(`ssh ${kind}: generations within one poll`, v, v.problems.slice(0, 5).join('; '));
    expect(v.problems).toEqual([]);
    expect(exit.code).toBe(0);
  }, 60000);

  it('reads generations that appear and are rotated away within one poll while rollovers shift the backups\' names (RotatingFileHandler in bursts)', async () => {
    const dir = tempDir(`ssh-gen-rotating-${kind}`);
    const file = join(dir, 'app.log');
    appendFileSync(file, seqLine(0));
    const lv = new Follow([url(file)], { env: kindEnv() });
    await lv.waitForSeq(0, 20000);
    const w = runWriter('python3', ['-c', ROTATING_BURSTS, file, '600']);
    const r = await w.done;
    await lv.settle(r.last as number, 20000);
    const exit = await lv.stop();
    const v = lv.verify({ first: 0, last: r.last as number, liveFrom: 1, maxLatencyMs: 5000 });
    summary(`ssh ${kind}: rollovers within one poll`, v, v.problems.slice(0, 5).join('; '));
    expect(v.problems).toEqual([]);
    expect(exit.code).toBe(0);
  }, 60000);

  it('resumes after the remote follower is killed while generations come and go: the one it read, then those born since, then the new one', async () => {
    const dir = tempDir(`ssh-gen-kill-${kind}`);
    const file = join(dir, 'app.log');
    appendFileSync(file, seqLine(0));
    const lv = new Follow([url(file)], { env: kindEnv() });
    await lv.waitForSeq(0, 20000);
    // A file every 25 records, 4 ms apart (~0.1 s each): a reconnect (>= 0.25 s) misses several.
    const w = pythonWriter(['watched', file, '1', '1500', '4', '25']);
    await w.ready;
    // Each kill is a loss of its own only once the connection before it
    // delivered: while it reconnects logview says "connection lost" once.
    let newer = 0;
    for (let k = 1; k <= 3; k++) {
      await lv.waitForSeq(Math.max(k * 350, newer), 30000);
      await until('one follower', () => followerPids(file).length === 1);
      const [pid] = followerPids(file);
      process.kill(pid!, 'SIGKILL');
      await until('the follower gone', () => !followerPids(file).includes(pid!));
      await until('the loss noticed', () => (lv.stderr.match(/connection lost/g)?.length ?? 0) >= k, 30000);
      // A record past what came before the notice: the new connection's.
      newer = lv.maxSeq + 1;
    }
    const r = await w.done;
    await lv.settle(r.last as number, 30000);
    const exit = await lv.stop();
    const v = lv.verify({ first: 0, last: r.last as number, liveFrom: 1, maxLatencyMs: 15000 });
    summary(`ssh ${kind}: killed while rotating`, v, v.problems.slice(0, 5).join('; '));
    expect(v.problems).toEqual([]);
    expect(lv.stderr.match(/connection lost/g)?.length).toBe(3);
    expect(exit.code).toBe(0);
  }, 90000);

  it('follows files that appear under a remote pattern after the start, and never a rotated name of a file already followed', async () => {
    const dir = tempDir(`ssh-newfiles-${kind}`);
    const a = join(dir, 'nova-api.log');
    appendFileSync(a, seqLine(0));
    // `*.log*` matches the rotated names (nova-api.log.1...) too: they are read as nova-api.log's, once.
    const pattern = `127.0.0.1:${dir}/*.log*`;
    const lv = new JsonFollow([pattern], kindEnv());
    const apiName = `127.0.0.1:${a}`;
    await until('nova-api.log seq 0', () => lv.seqsOf(apiName).length > 0);
    // RotatingFileHandler rollovers on the file there at start; new files after it.
    const wa = pythonWriter(['rotating', a, '1', '600', '3', '8192']);
    await new Promise((r) => setTimeout(r, 1000));
    const b = join(dir, 'nova-compute.log');
    const wb = pythonWriter(['hup', b, '10001', '300', '3']);
    await wb.ready;
    await new Promise((r) => setTimeout(r, 1500));
    // And one written whole at once, two records.
    const c = join(dir, 'nova-scheduler.log');
    writeFileSync(c, seqLine(20001) + seqLine(20002));
    await Promise.all([wa.done, wb.done]);
    const bName = `127.0.0.1:${b}`;
    const cName = `127.0.0.1:${c}`;
    await until('every record', () => lv.seqsOf(apiName).length >= 601 && lv.seqsOf(bName).length >= 300 && lv.seqsOf(cName).length >= 2, 30000).catch(() => {});
    // A little longer: nothing more may come (a rotated name read twice would).
    await new Promise((r) => setTimeout(r, 1500));
    const code = await lv.stop();
    console.log(`[follow] ssh ${kind}: new files under a pattern: sources ${[...new Set(lv.rows.map((r) => r.source))].join(', ')}; rows ${lv.rows.length}`);
    expect([...new Set(lv.rows.map((r) => r.source))].sort()).toEqual([apiName, bName, cName].sort());
    expect(lv.seqsOf(apiName)).toEqual(range(0, 600));
    expect(lv.seqsOf(bName)).toEqual(range(10001, 10300));
    expect(lv.seqsOf(cName)).toEqual([20001, 20002]);
    expect(code).toBe(0);
  }, 90000);
});

describe('which remote follower runs', () => {
  it('python3 where the remote side has it, the sh one where it has not (a remote PATH without python3), both following', async () => {
    const dir = tempDir('ssh-which');
    // A remote PATH with sh and the coreutils the sh follower uses, and no python3.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of ['sh', 'stat', 'head', 'dd', 'wc', 'mktemp', 'cat', 'tail', 'mv', 'rm', 'cksum', 'dirname', 'basename', 'sleep', 'sed', 'sort', 'date']) {
      symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
    }
    // LOGVIEW_SSH as a user would write a wrapper: the remote command runs with that PATH.
    const wrapper = join(dir, 'ssh-without-python');
    writeFileSync(wrapper, `#!/bin/sh\n# The last argument is the remote command.\nn=$#\ni=0\nfor a do\n  i=$((i + 1))\n  if [ $i -eq $n ]; then set -- "$@" "PATH=${bin}; export PATH; $a"; else set -- "$@" "$a"; fi\n  shift\ndone\nexec ssh "$@"\n`);
    chmodSync(wrapper, 0o755);
    const cases = [
      { name: 'python3 present', file: join(dir, 'with.log'), ssh: sshd.sshCommand, runs: /^\S*python3 -c / },
      { name: 'python3 absent', file: join(dir, 'without.log'), ssh: sshd.sshCommand.replace(/^ssh /, `${wrapper} `), runs: /^sh -c / },
    ];
    for (const c of cases) {
      appendFileSync(c.file, seqLine(0));
      const lv = new Follow([url(c.file)], { env: { ...env, LOGVIEW_SSH: c.ssh, LOGVIEW_SSH_FOLLOWER: undefined } });
      await lv.waitForSeq(0, 20000);
      await until(`one follower of ${c.file}`, () => followerArgs(c.file).length === 1);
      expect([c.name, followerArgs(c.file)[0]]).toEqual([c.name, expect.stringMatching(c.runs)]);
      for (let k = 1; k <= 20; k++) appendFileSync(c.file, seqLine(k));
      await lv.settle(20, 20000);
      const exit = await lv.stop();
      const v = lv.verify({ first: 0, last: 20, liveFrom: 1, maxLatencyMs: 5000 });
      expect([c.name, v.problems]).toEqual([c.name, []]);
      expect(exit.code).toBe(0);
    }
  }, 90000);
});

describe('new files under a remote pattern, in the viewer', () => {
  it('a file that appears under the pattern shows its rows, and every row carries its source tag from then on', async () => {
    const dir = tempDir('ssh-newfile-tui');
    writeFileSync(join(dir, 'nova-api.log'), '2026-12-01 10:00:00,000 INFO nova.api: api first\n');
    const t = logview(sh(`127.0.0.1:${dir}/*.log`), { env: `LOGVIEW_SSH=${sh(sshd.sshCommand)}`, cols: 120, rows: 20 });
    await t.waitFor('api first', 20000);
    // One source: no tag column.
    expect(t.lines().find((l) => l.includes('api first'))).not.toMatch(/^127\.0\.0\.1/);
    writeFileSync(join(dir, 'nova-compute.log'), '2026-12-01 10:00:01,000 WARNING nova.compute: compute appeared\n');
    await t.waitFor('compute appeared', 20000);
    // Two sources now: every row has the tag column, the first file's rows too (cut to 10 columns: `127.0.0.1#1`).
    await t.waitFor((s) => /^127\.0\.0\.1\S* +10:00:00\.000 .*api first/m.test(s) && /^127\.0\.0\.1\S* +10:00:01\.000 .*compute appeared/m.test(s), 20000);
    t.send('q');
    await t.waitFor('EXITED 0', 20000);
    // Nothing left on the remote side: neither the followers nor the pattern's watcher.
    const remote = () => execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(` lvf follow ${dir}/`) || l.includes(` lvf watch ${dir}/`));
    await until('the remote side to stop', () => remote().length === 0).catch(() => {});
    expect(remote()).toEqual([]);
  }, 60000);
});
