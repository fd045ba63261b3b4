// Following files through the built bin/logview.js while a Node writer does
// what logging libraries and admins do to them: every sequence number exactly
// once, in order, within 2 s of being written.
import { spawnSync, type SpawnOptions } from 'node:child_process';
import { appendFileSync, chmodSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, Follow, nodeWriter, summary, tempDir, type VerifyOptions, cleanup } from './helpers/writers/follow-harness.js';
import { seqLine as line } from './helpers/writers/seq-line.mjs';

async function primed(tag: string, spawnOpts: SpawnOptions = {}) {
  const dir = tempDir(tag);
  const file = join(dir, 'app.log');
  appendFileSync(file, line(1));
  const lv = new Follow([file], spawnOpts);
  await lv.waitForSeq(1);
  return { dir, file, lv };
}

async function finish(name: string, lv: Follow, last: number, opts: Partial<VerifyOptions> = {}) {
  await lv.settle(last);
  const exit = await lv.stop();
  const v = lv.verify({ first: 1, last, liveFrom: 2, ...opts });
  summary(name, v);
  expect(v.problems).toEqual([]);
  expect(exit.code).toBe(0);
  return v;
}

/** As root, chmod stops no one: the unreadable cases run logview as `nobody` when it can. */
function unprivileged(): SpawnOptions | undefined {
  if (process.getuid?.() !== 0) return {};
  const opts = { uid: 65534, gid: 65534 };
  const r = spawnSync(process.execPath, [BIN, '--version'], { ...opts, stdio: 'ignore' });
  return r.status === 0 ? opts : undefined;
}

afterAll(cleanup);

describe.sequential('follow: file operations (Node writer)', () => {
  it('rename + recreate + write inside one poll interval (and a late line to the old file)', async () => {
    const { file, lv } = await primed('rename');
    const r = await nodeWriter('file-ops.mjs', ['rename-recreate', file, '2']).done;
    await finish('rename+recreate', lv, r.last as number);
  }, 30000);

  it('delete and immediate recreate of the name', async () => {
    const { file, lv } = await primed('delete');
    const r = await nodeWriter('file-ops.mjs', ['delete-recreate', file, '2']).done;
    await finish('delete+recreate', lv, r.last as number);
    console.log(`[follow] delete+recreate: the new file got the old inode in ${r.sameInode as number} of 5 cycles`);
  }, 30000);

  it('truncate, then at once a longer write (size never drops below the offset)', async () => {
    const { file, lv } = await primed('trunclong');
    const r = await nodeWriter('file-ops.mjs', ['truncate-longer', file, '2']).done;
    await finish('truncate+longer write', lv, r.last as number);
  }, 30000);

  it('truncate to 0, stay empty, write again', async () => {
    const { file, lv } = await primed('trunczero');
    const r = await nodeWriter('file-ops.mjs', ['truncate-zero', file, '2']).done;
    await finish('truncate to 0', lv, r.last as number);
  }, 30000);

  it('a partial line is held until its newline comes 500 ms later; an unterminated last line is printed at exit', async () => {
    const { file, lv } = await primed('partial');
    const r = await nodeWriter('file-ops.mjs', ['partial', file, '2']).done;
    const completedAt = r.completedAt as Record<string, number>;
    const last = r.last as number;
    // Everything but the unterminated line shows while logview runs.
    await lv.settle(last - 1);
    expect(lv.maxSeq).toBe(last - 1);
    const exit = await lv.stop();
    // Latency of a split line counts from its newline; the unterminated one has none.
    const v = lv.verify({
      first: 1,
      last,
      liveFrom: 2,
      latencyBase: (seq, t) => (seq === last ? Infinity : (completedAt[String(seq)] ?? t)),
    });
    summary('partial line', v);
    expect(v.problems).toEqual([]);
    expect(exit.code).toBe(0);
  }, 30000);

  it('a burst of 2,000 lines, then silence', async () => {
    const { file, lv } = await primed('burst');
    const r = await nodeWriter('file-ops.mjs', ['burst', file, '2']).done;
    await finish('burst of 2000', lv, r.last as number);
  }, 30000);

  it('symlink retargeted: the new target is read from 0', async () => {
    const dir = tempDir('symlink');
    const file = join(dir, 'app.log');
    appendFileSync(join(dir, 'a.log'), line(1));
    symlinkSync('a.log', file);
    const lv = new Follow([file]);
    await lv.waitForSeq(1);
    const r = await nodeWriter('file-ops.mjs', ['symlink', file, '2']).done;
    await finish('symlink retarget', lv, r.last as number);
  }, 30000);

  it('parent directory missing for 1 s, then the file; later deleted and missing for 1 s', async () => {
    const dir = tempDir('missing');
    const file = join(dir, 'logs', 'app.log');
    const lv = new Follow([file]);
    await lv.waitForStderr(/waiting for .*app\.log/);
    const r = await nodeWriter('file-ops.mjs', ['missing', file, '1']).done;
    await finish('missing file', lv, r.last as number, { liveFrom: 1 });
    // Once per time it went missing, not once per retry.
    expect(lv.stderr.match(/logview: waiting for .*app\.log/g)?.length).toBe(2);
  }, 30000);

  it('the name becomes a directory for 1 s: reported once, lines shown so far kept, then followed again', async () => {
    const { file, lv } = await primed('directory');
    const r = await nodeWriter('file-ops.mjs', ['directory', file, '2']).done;
    await finish('path becomes a directory', lv, r.last as number);
    expect(lv.stderr.match(/logview: .*app\.log: Is a directory/g)?.length).toBe(1);
  }, 30000);

  it('permission removed on the followed file, then a rotation into an unreadable file, restored 1 s later', async () => {
    const as = unprivileged();
    const dir = tempDir('permission');
    const file = join(dir, 'app.log');
    chmodSync(dir, 0o755);
    appendFileSync(file, line(1), { mode: 0o644 });
    // As root with no usable unprivileged user, logview runs as root: the
    // modes then stop nothing and only "no line lost or repeated" is checked.
    const lv = new Follow([file], as ?? {});
    await lv.waitForSeq(1);
    const r = await nodeWriter('file-ops.mjs', ['permission', file, '2']).done;
    await finish('permission removed/restored', lv, r.last as number);
    if (as) expect(lv.stderr).toMatch(/logview: .*app\.log: Permission denied/);
    else console.log('[follow] permission: ran as root without an unprivileged user; denial not exercised');
  }, 30000);

  it('a 500 MB backlog replaced by a new file while it is being read', async () => {
    const dir = tempDir('backlog');
    const file = join(dir, 'app.log');
    const made = await nodeWriter('file-ops.mjs', ['backlog-make', file, '1']).done;
    const backlogLast = made.last as number;
    const lv = new Follow([file]);
    await lv.waitForSeq(1, 10000);
    const r = await nodeWriter('file-ops.mjs', ['backlog-replace', file, String(backlogLast + 1)]).done;
    const last = r.last as number;
    await lv.settle(last, 90000);
    // The new file's lines wait for the old file to be drained first; their
    // latency counts from when the backlog's last line was printed.
    let drainedAt = 0;
    for (let i = 0; i < lv.seqs.length; i++) if (lv.seqs.data[i] === backlogLast) drainedAt = lv.arrivals.data[i]!;
    const v = await finish('500 MB backlog replaced', lv, last, {
      liveFrom: backlogLast + 1,
      latencyBase: (_seq, t) => Math.max(t, drainedAt),
    });
    console.log(`[follow] backlog: ${(made.bytes as number) / 1048576} MB, ${backlogLast} lines`);
    expect(v.printed).toBe(last);
  }, 150000);
});
