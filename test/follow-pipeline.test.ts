// The follow pieces on their own (live records, the watcher fallback) and the
// print-mode contract around them: several files, stdin, signals, `| head`.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { LogRecord } from '../src/model/record.js';
import { LiveRecords } from '../src/pipeline/live-records.js';
import { FileFollower } from '../src/source/follow/file-follower.js';
import { watchTrigger, type WatcherLike } from '../src/source/follow/triggers.js';
import { BIN, Follow, tempDir, cleanup } from './helpers/writers/follow-harness.js';
import { seqLine as line, sleep } from './helpers/writers/seq-line.mjs';

const texts = (rs: LogRecord[]) => rs.map((r) => Buffer.concat(r.raw).toString());

afterAll(cleanup);

describe('LiveRecords', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a partial line until its newline, across an idle flush', async () => {
    vi.useFakeTimers();
    const got: LogRecord[] = [];
    const live = new LiveRecords(0, (b) => void got.push(...b), 100);
    await live.data(0, 0, Buffer.from('2024-05-16 00:00:11,927 INFO a one\n2024-05-16 00:00:12,000 INFO a tw'));
    expect(texts(got)).toEqual([]); // "one" may still get continuation lines
    await vi.advanceTimersByTimeAsync(150);
    expect(texts(got)).toEqual(['2024-05-16 00:00:11,927 INFO a one\n']);
    await live.data(0, 66, Buffer.from('o\n'));
    await vi.advanceTimersByTimeAsync(150);
    expect(texts(got)).toEqual(['2024-05-16 00:00:11,927 INFO a one\n', '2024-05-16 00:00:12,000 INFO a two\n']);
  });

  it('holds a record open for its traceback while lines keep coming (no idle flush mid-record)', async () => {
    vi.useFakeTimers();
    const got: LogRecord[] = [];
    const live = new LiveRecords(0, (b) => void got.push(...b), 100);
    await live.data(0, 0, Buffer.from('2024-05-16 00:00:11,927 ERROR a boom\nTraceback (most recent call last):\n'));
    await vi.advanceTimersByTimeAsync(50);
    await live.data(0, 72, Buffer.from('  File "x.py", line 1, in <module>\nValueError: bad\n'));
    await vi.advanceTimersByTimeAsync(150);
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toEqual(['Traceback (most recent call last):', '  File "x.py", line 1, in <module>', 'ValueError: bad']);
  });

  it('with PartialLines, shows an unterminated last line after the idle flush and replaces it as it grows (issue 10)', async () => {
    vi.useFakeTimers();
    const got: LogRecord[] = [];
    const replaced: LogRecord[] = [];
    // A store-like consumer: a replacement takes the place of the last record.
    const live = new LiveRecords(0, (b) => void got.push(...b), 100, {}, {
      replaceLast: (r) => {
        replaced.push(r);
        expect(got[got.length - 1]!.offset).toBe(r.offset);
        got[got.length - 1] = r;
      },
    });
    await live.data(0, 0, Buffer.from('2024-05-16 00:00:11,927 INFO a only line'));
    await vi.advanceTimersByTimeAsync(150);
    expect(texts(got)).toEqual(['2024-05-16 00:00:11,927 INFO a only line']);
    await live.data(0, 40, Buffer.from(', longer'));
    await vi.advanceTimersByTimeAsync(150);
    expect(texts(got)).toEqual(['2024-05-16 00:00:11,927 INFO a only line, longer']);
    await live.data(0, 48, Buffer.from(' now\n2024-05-16 00:00:12,000 INFO a next\n'));
    await vi.advanceTimersByTimeAsync(150);
    expect(texts(got)).toEqual(['2024-05-16 00:00:11,927 INFO a only line, longer now\n', '2024-05-16 00:00:12,000 INFO a next\n']);
    expect(got.map((r) => r.message)).toEqual(['only line, longer now', 'next']);
    expect(replaced).toHaveLength(2);
    await live.finish();
    expect(got).toHaveLength(2);
  });

  it('with PartialLines, a traceback line left unterminated is shown in its record, and the record replaced when it ends', async () => {
    vi.useFakeTimers();
    const got: LogRecord[] = [];
    const live = new LiveRecords(0, (b) => void got.push(...b), 100, {}, {
      replaceLast: (r) => void (got[got.length - 1] = r),
    });
    await live.data(0, 0, Buffer.from('2024-05-16 00:00:11,927 ERROR a boom\nTraceback (most recent call last):\nValueE'));
    await vi.advanceTimersByTimeAsync(150);
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toEqual(['Traceback (most recent call last):', 'ValueE']);
    await live.data(0, 77, Buffer.from('rror: bad\n'));
    await live.finish();
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toEqual(['Traceback (most recent call last):', 'ValueError: bad']);
  });

  it('never joins bytes of two streams into one line; end() completes a stream', async () => {
    const got: LogRecord[] = [];
    const live = new LiveRecords(3, (b) => void got.push(...b), 100);
    await live.data(0, 0, Buffer.from('old fi'));
    await live.data(1, 0, Buffer.from('new file\n'));
    await live.end(0);
    await live.finish();
    expect(texts(got).sort()).toEqual(['new file\n', 'old fi']);
    expect(got.every((r) => r.sourceId === 3)).toBe(true);
  });
});

describe('watchTrigger', () => {
  it('falls back to polling with one warning when the inotify watch limit is hit', async () => {
    const fake = new EventEmitter() as WatcherLike;
    let closed = 0;
    fake.close = async () => {
      closed++;
    };
    const notices: string[] = [];
    let fired = 0;
    let onEvent: (event: string, name: string | null) => void = () => {};
    const t = watchTrigger('/tmp/x/app.log', () => fired++, (_l, m) => notices.push(m), (_dir, cb) => ((onEvent = cb), fake), 250);
    onEvent('change', 'app.log');
    onEvent('change', 'other.log');
    expect(fired).toBe(1);
    const err = Object.assign(new Error('watch limit'), { code: 'ENOSPC' });
    fake.emit('error', err);
    fake.emit('error', err);
    expect(notices).toEqual(['cannot watch /tmp/x/app.log (ENOSPC: inotify watch limit reached?); polling every 250 ms']);
    expect(closed).toBe(1);
    await t.close();
    expect(closed).toBe(1);
  });

  it('falls back when creating the watcher throws', () => {
    const notices: string[] = [];
    watchTrigger('/tmp/x/app.log', () => {}, (_l, m) => notices.push(m), () => {
      throw Object.assign(new Error('too many'), { code: 'EMFILE' });
    }, 500);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('polling every 500 ms');
  });
});

describe.sequential('print --follow', () => {
  it('follows several files independently', async () => {
    const dir = tempDir('multi');
    const a = join(dir, 'a.log');
    const b = join(dir, 'b.log');
    appendFileSync(a, line(1));
    appendFileSync(b, line(1001));
    const lv = new Follow([a, b]);
    await lv.waitForSeq(1001);
    for (let i = 0; i < 50; i++) {
      appendFileSync(a, line(2 + i));
      appendFileSync(b, line(1002 + i));
      await sleep(2);
    }
    await lv.settle(1051);
    await sleep(300);
    const exit = await lv.stop();
    expect(exit.code).toBe(0);
    const seen = Array.from(lv.seqs.data.subarray(0, lv.seqs.length));
    expect(seen.filter((s) => s < 1000)).toEqual(Array.from({ length: 51 }, (_, i) => 1 + i));
    expect(seen.filter((s) => s > 1000)).toEqual(Array.from({ length: 51 }, (_, i) => 1001 + i));
  }, 20000);

  it('SIGTERM flushes the unterminated last line and exits 0', async () => {
    const dir = tempDir('sigterm');
    const file = join(dir, 'app.log');
    appendFileSync(file, line(1) + line(2).slice(0, -1));
    const lv = new Follow([file]);
    await lv.waitForSeq(1);
    await sleep(300);
    expect(lv.maxSeq).toBe(1);
    const exit = await lv.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(lv.maxSeq).toBe(2);
    expect(lv.stderr).toBe('');
  }, 20000);

  it('stdin is read to EOF (with its partial last line) and then logview exits by itself', async () => {
    const p = spawn(process.execPath, [BIN, '--print', '--follow', '-o', 'raw', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.stdin.end('first line\nlast, no newline');
    const timer = setTimeout(() => p.kill('SIGKILL'), 10000);
    const code = await new Promise((r) => p.on('close', r));
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(out).toBe('first line\nlast, no newline');
    expect(err).toBe('');
  }, 20000);

  it('ends quietly when the reader of its output goes away (| head)', async () => {
    const dir = tempDir('epipe');
    const file = join(dir, 'app.log');
    appendFileSync(file, line(1));
    const p = spawn(process.execPath, [BIN, '--print', '--follow', '-o', 'raw', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise((r) => p.stdout.once('data', r));
    p.stdout.destroy();
    const closed = new Promise((r) => p.on('close', r));
    for (let i = 2; i < 200 && p.exitCode === null; i++) {
      appendFileSync(file, line(i));
      await sleep(10);
    }
    const timer = setTimeout(() => p.kill('SIGKILL'), 10000);
    expect(await closed).toBe(0);
    clearTimeout(timer);
    expect(err).toBe('');
  }, 20000);
});

describe('FileFollower notices', () => {
  it('says when a file waited for appears, so a status line does not keep "waiting for"', async () => {
    const dir = tempDir('notice');
    const path = join(dir, 'later.log');
    const notices: string[] = [];
    const follower = new FileFollower(path, (ev) => {
      if (ev.kind === 'notice') notices.push(`${ev.level}: ${ev.message}`);
    }, { pollMs: 50 });
    follower.start();
    try {
      await vi.waitFor(() => expect(notices).toEqual([`warning: waiting for ${path}`]), { timeout: 2000 });
      writeFileSync(path, 'hello\n');
      await vi.waitFor(() => expect(notices.at(-1)).toBe(`info: ${path}: file appeared; following it`), { timeout: 2000 });
    } finally {
      await follower.stop();
    }
  });
});
