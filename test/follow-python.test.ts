// Following files written by Python's own logging.handlers, through the built
// bin/logview.js: every sequence number exactly once, in order, within 2 s.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Follow, pythonWriter, summary, tempDir, cleanup } from './helpers/writers/follow-harness.js';
import { seqLine as line } from './helpers/writers/seq-line.mjs';

afterAll(cleanup);

describe.sequential('follow: Python logging.handlers', () => {
  it('RotatingFileHandler with a small maxBytes and many rollovers', async () => {
    const file = join(tempDir('rotating'), 'app.log');
    appendFileSync(file, line(1));
    const lv = new Follow([file]);
    await lv.waitForSeq(1);
    // ~66-byte lines, 8 kB files: ~120 records per file, a rollover every ~300 ms, ~16 in all.
    const w = pythonWriter(['rotating', file, '2', '2000', '2.5', '8000']);
    const r = await w.done;
    await lv.settle(r.last as number);
    const exit = await lv.stop();
    const v = lv.verify({ first: 1, last: r.last as number, liveFrom: 2 });
    summary('RotatingFileHandler', v);
    expect(v.problems).toEqual([]);
    expect(exit.code).toBe(0);
  }, 30000);

  it('TimedRotatingFileHandler(delay=True): the file appears with the first record, then rolls every second', async () => {
    const file = join(tempDir('timed'), 'app.log');
    const lv = new Follow([file]);
    await lv.waitForStderr(/waiting for .*app\.log/);
    const w = pythonWriter(['timed', file, '1', '700', '5']);
    const r = await w.done;
    await lv.settle(r.last as number);
    const exit = await lv.stop();
    const v = lv.verify({ first: 1, last: r.last as number });
    summary('TimedRotatingFileHandler', v);
    expect(v.problems).toEqual([]);
    expect(lv.stderr.match(/waiting for/g)?.length).toBe(1);
    expect(exit.code).toBe(0);
  }, 30000);

  it('WatchedFileHandler with the file renamed away (the handler reopens the name)', async () => {
    const file = join(tempDir('watched'), 'app.log');
    appendFileSync(file, line(1));
    const lv = new Follow([file]);
    await lv.waitForSeq(1);
    const w = pythonWriter(['watched', file, '2', '900', '3', '150']);
    const r = await w.done;
    await lv.settle(r.last as number);
    const exit = await lv.stop();
    const v = lv.verify({ first: 1, last: r.last as number, liveFrom: 2 });
    summary('WatchedFileHandler', v);
    expect(v.problems).toEqual([]);
    expect(exit.code).toBe(0);
  }, 30000);
});
