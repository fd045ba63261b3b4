import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogRecord } from '../src/model/record.js';
import { BacklogMerge, TimeMerger } from '../src/pipeline/time-merge.js';
import { parseText } from './helpers/records.js';
import { BIN, jsonLines, ROOT, runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'logview-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TimeMerger', () => {
  it('interleaves sources by time, pulling one batch at a time from each', async () => {
    const a = parseText('2024-01-01 00:00:01,000 INFO a a1\n2024-01-01 00:00:03,000 INFO a a3\n2024-01-01 00:00:05,000 INFO a a5\n');
    const b = parseText('2024-01-01 00:00:02,000 INFO b b2\n2024-01-01 00:00:04,000 INFO b b4\n');
    const out: string[] = [];
    const m = new TimeMerger(2, (rs) => {
      out.push(...rs.map((r) => r.message));
    });
    const feed = async (id: number, recs: LogRecord[]) => {
      for (const r of recs) await m.push(id, [r]);
      await m.end(id);
    };
    await Promise.all([feed(0, a), feed(1, b)]);
    expect(out).toEqual(['a1', 'b2', 'a3', 'b4', 'a5']);
  });

  it('keeps untimed records after their predecessor and survives an empty source', async () => {
    const a = parseText('2024-01-01 00:00:01,000 INFO a a1\n2024-01-01 00:00:09,000 INFO a a9\n');
    const b = parseText('plain first\n');
    const c = parseText('2024-01-01 00:00:05,000 INFO c c5\n');
    const out: string[] = [];
    const m = new TimeMerger(4, (rs) => {
      out.push(...rs.map((r) => r.message));
    });
    await Promise.all([
      m.push(0, a).then(() => m.end(0)),
      m.push(1, b).then(() => m.end(1)),
      m.push(2, c).then(() => m.end(2)),
      m.end(3),
    ]);
    expect(out).toEqual(['plain first', 'a1', 'c5', 'a9']);
  });
});

describe('logview with several files', () => {
  it('prints them merged by time, each record naming its source', async () => {
    const f1 = join(dir, 'one.log');
    const f2 = join(dir, 'two.log');
    writeFileSync(f1, '2024-01-01 00:00:01,000 INFO nova.api first\n2024-01-01 00:00:03,000 ERROR nova.api third\nTraceback (most recent call last):\n  File "x", line 1\nValueError: v\n');
    writeFileSync(f2, '{"time":"2024-01-01T00:00:02","level":"info","name":"swift","msg":"second"}\n{"time":"2024-01-01T00:00:04","level":"warn","name":"swift","msg":"fourth"}\n');
    const r = await runCli(['-o', 'json', f1, f2]);
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => x.message)).toEqual(['first', 'second', 'third', 'fourth']);
    expect(recs.map((x) => x.source)).toEqual([f1, f2, f1, f2]);
    expect((recs[2]!.body as string[]).at(-1)).toBe('ValueError: v');
  });
});

describe('following several files', () => {
  it('shows what they hold at start merged by time, then new lines as they come', async () => {
    const f1 = join(dir, 'f1.log');
    const f2 = join(dir, 'f2.log');
    writeFileSync(f1, '2024-01-01 00:00:01,000 INFO a one\n2024-01-01 00:00:05,000 INFO a five\n2024-01-01 00:00:06,000 INFO a six\n');
    writeFileSync(f2, '2024-01-01 00:00:02,000 INFO b two\n2024-01-01 00:00:03,000 INFO b three\n2024-01-01 00:00:04,000 INFO b four\n');
    const child = spawn(process.execPath, [BIN, '--print', '--follow', '-o', 'json', f1, f2], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const messages = () => jsonLines(Buffer.from(out)).map((r) => r.message);
    const waitFor = async (n: number) => {
      const until = Date.now() + 5000;
      while (messages().length < n) {
        if (Date.now() > until) throw new Error(`timed out; got ${JSON.stringify(messages())}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    try {
      await waitFor(6);
      expect(messages()).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
      appendFileSync(f2, '2024-01-01 00:00:07,000 INFO b seven\n');
      await waitFor(7);
      expect(messages()[6]).toBe('seven');
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('close', r));
    }
  });
});

describe('BacklogMerge', () => {
  it('keeps a source in order when it sends more while the merge is still delivering', async () => {
    const rec = (m: string): LogRecord => parseText(`2024-01-01 00:00:01,000 INFO a ${m}\n`)[0]!;
    const out: string[] = [];
    // A slow reader: every delivery takes a while (print mode waiting on stdout).
    const slow = async (rs: LogRecord[]) => {
      await new Promise((r) => setTimeout(r, 20));
      out.push(...rs.map((r) => r.message));
    };
    const m = new BacklogMerge(2, slow);
    const a = m.sink(0);
    await m.caughtUp(0); // source 0 has no backlog
    const p1 = a([rec('P1')]);
    const p2 = Promise.resolve(p1).then(() => a([rec('P2')]));
    const merged = m.caughtUp(1); // the last lane ends: held batches flow
    await p2;
    await new Promise((r) => setTimeout(r, 5));
    await a([rec('P3')]);
    await merged;
    expect(out).toEqual(['P1', 'P2', 'P3']);
  });
});

describe('a pipe beside files', () => {
  it('does not hold the files back until the pipe ends', async () => {
    const f = join(dir, 'beside.log');
    writeFileSync(f, '2024-01-01 00:00:01,000 INFO a from the file\n');
    const child = spawn(process.execPath, [BIN, '--print', '-o', 'json', '-', f], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const messages = () => jsonLines(Buffer.from(out)).map((r) => r.message);
    const until = Date.now() + 5000;
    while (!messages().includes('from the file')) {
      if (Date.now() > until) throw new Error(`the file was held back: ${JSON.stringify(messages())}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    child.stdin.end('2024-01-01 00:00:00,000 INFO p from the pipe\n');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(messages()).toEqual(['from the file', 'from the pipe']);
  });
});
