import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { parseTimeRange } from '../src/query/time-range.js';
import { Theme } from '../src/render/theme.js';
import type { SaveRequest } from '../src/ui/actions.js';
import { promptBarLine, recordListLines, statusBarLine, timelinePaneLines } from '../src/ui/screen.js';
import { parseSaveTarget } from '../src/ui/view-commands.js';
import { expectGolden } from './golden.js';
import { KAMAKI, line, makeViewer, records, selectedMessage, shownMessages, stripAnsi, type } from './ui-helpers.js';

process.env.TZ = 'UTC';

/** 1,200 records, one a second from 00:00:00, every 40th an ERROR. */
const LONG = Array.from({ length: 1200 }, (_, i) => {
  const t = new Date(Date.UTC(2024, 4, 16, 0, 0, i)).toISOString().slice(0, 19).replace('T', ' ');
  return `${t},000 ${i % 40 === 0 ? 'ERROR' : i % 7 === 0 ? 'WARNING' : 'INFO'} app.worker message ${i}`;
});

describe('timeline (T)', () => {
  it('opens a full view with a bucket per column; the cursor moves; Enter jumps the list to its bucket', () => {
    const v = makeViewer(LONG, { columns: 100, rows: 20 });
    v.key('T');
    expect(v.timeline.open).toBe(true);
    let s = timelinePaneLines(v).map(stripAnsi);
    expect(s[0]).toContain('1 column = 15 s');
    expect(s[0]).toContain('1,200 records');
    expect(s.at(-1)).toBe('▲ 00:19:45 – 00:20:00  15 records: 2 WARN  13 INFO');
    for (let k = 0; k < 40; k++) v.key('h');
    s = timelinePaneLines(v).map(stripAnsi);
    expect(s.at(-1)).toMatch(/^▲ 00:09:45 – 00:10:00 {2}15 records/);
    v.key('enter');
    expect(v.timeline.open).toBe(false);
    expect(selectedMessage(v)).toBe('message 585');
    expect(v.list.follow).toBe(false);
    expect(v.message?.text).toBe('at 2024-05-16 00:09:45');
  });

  it('follows the filters and grows while following', () => {
    const v = makeViewer(LONG, { columns: 100, rows: 20 });
    expect(v.timeline.counts.timed).toBe(1200);
    v.key('6');
    v.drain();
    expect(v.timeline.counts.timed).toBe(30);
    v.key('1');
    v.store.append(records(['2024-05-16 00:30:00,000 ERROR app.worker later']));
    v.drain();
    expect(v.timeline.counts.timed).toBe(1201);
    v.key('T');
    expect(stripAnsi(timelinePaneLines(v).at(-1)!)).toMatch(/^▲ 00:30:00 – 00:30:30 {2}1 record: 1 ERROR$/);
  });

  it('the status bar carries a sparkline of the same counts', () => {
    const v = makeViewer(LONG, { columns: 120, rows: 10 });
    const bar = stripAnsi(statusBarLine(v));
    expect(bar).toMatch(/shown 1,200\/1,200 {2}[▁▂▃▄▅▆▇█]{20}/);
  });

  it('golden: timeline 80x16, no colour and 256 colours', () => {
    const v = makeViewer(LONG, { columns: 80, rows: 16 });
    v.key('T');
    v.key('h');
    expectGolden('timeline-80x16', timelinePaneLines(v));
    const c = makeViewer(LONG, { columns: 80, rows: 16, theme: new Theme(2) });
    c.key('T');
    expectGolden('timeline-color-80x16', timelinePaneLines(c));
  });
});

describe('marks (m, \', ", M, Ctrl-X)', () => {
  it('marks records, jumps between them, shows only them, and clears them', () => {
    const v = makeViewer(KAMAKI, { columns: 100, rows: 20 });
    v.key('g');
    v.key('j');
    v.key('m');
    expect(v.message?.text).toBe('marked (1 mark)');
    for (let k = 0; k < 4; k++) v.key('j');
    v.key('m');
    expect(stripAnsi(recordListLines(v)[1]!)).toContain('◆ Config file');
    expect(stripAnsi(statusBarLine(v))).toContain('2 marked');
    v.key('g');
    v.key("'");
    expect(selectedMessage(v)).toBe('Config file: /home/user/.kamakirc');
    v.key("'");
    expect(selectedMessage(v)).toBe('Command failed: boom');
    v.key("'");
    expect(v.message?.text).toBe('no more marks below');
    v.key('"');
    expect(selectedMessage(v)).toBe('Config file: /home/user/.kamakirc');
    v.key('M');
    v.drain();
    expect(shownMessages(v)).toEqual(['Config file: /home/user/.kamakirc', 'Command failed: boom']);
    expect(stripAnsi(statusBarLine(v))).toContain('2 marked (only)');
    // Unmarking while only marks show hides the record.
    v.key('m');
    v.drain();
    expect(shownMessages(v)).toHaveLength(1);
    v.key('ctrl-x');
    v.drain();
    expect(v.marks.size).toBe(0);
    expect(v.view.length).toBe(10);
  });

  it('says so when there are no marks', () => {
    const v = makeViewer(KAMAKI);
    v.key("'");
    expect(v.message).toEqual({ text: 'no marks: press m on a record first', error: true });
    v.key('M');
    expect(v.marks.only).toBe(false);
  });
});

describe('time range (@)', () => {
  const ref = Date.UTC(2024, 4, 16, 10, 30);
  it('parses FROM..TO, one start, and signed durations around the reference', () => {
    expect(parseTimeRange('10:00..10:05', ref)).toEqual({ since: Date.UTC(2024, 4, 16, 10), until: Date.UTC(2024, 4, 16, 10, 5) });
    expect(parseTimeRange('-15m', ref)).toEqual({ since: ref - 900_000, until: ref });
    expect(parseTimeRange('+5m', ref)).toEqual({ since: ref, until: ref + 300_000 });
    expect(parseTimeRange('10:00', ref)).toEqual({ since: Date.UTC(2024, 4, 16, 10) });
    expect(parseTimeRange('..10:05:30.5', ref)).toEqual({ until: Date.UTC(2024, 4, 16, 10, 5, 30, 500) });
    expect(parseTimeRange('2024-05-16T09:00..+1h', ref)).toEqual({ since: Date.UTC(2024, 4, 16, 9), until: Date.UTC(2024, 4, 16, 10) });
    expect(parseTimeRange('', ref)).toEqual({});
    expect(parseTimeRange('soon', ref)).toHaveProperty('error');
    expect(parseTimeRange('10:05..10:00', ref)).toEqual({ error: 'the range ends before it starts' });
    expect(parseTimeRange('25:00', ref)).toHaveProperty('error');
  });

  it('filters the list from a prompt, relative to the selected record; empty clears it', () => {
    const v = makeViewer(KAMAKI, { columns: 100, rows: 20 });
    v.key('g');
    for (let k = 0; k < 5; k++) v.key('j');
    v.key('@');
    expect(stripAnsi(promptBarLine(v))).toMatch(/^time range: +10:00\.\.10:05/);
    type(v, '-2s');
    v.key('enter');
    v.drain();
    expect(shownMessages(v)).toEqual(['200 OK', 'cloud.default.token is now empty', 'Command failed: boom']);
    expect(stripAnsi(statusBarLine(v))).toContain('time 2024-05-16 00:00:04..00:00:06');
    v.key('@');
    type(v, 'nonsense');
    v.key('enter');
    expect(v.prompt?.error).toMatch(/^not a time: 'nonsense'/);
    expect(stripAnsi(promptBarLine(v))).toContain("not a time: 'nonsense'");
    v.key('ctrl-u');
    v.key('enter');
    v.drain();
    expect(v.prompt).toBeUndefined();
    expect(v.view.length).toBe(10);
    expect(v.message?.text).toBe('time range cleared');
  });
});

describe('save (s) and copy (y)', () => {
  it('picks the format from a trailing word or the extension', () => {
    expect(parseSaveTarget('out.json')).toEqual({ path: 'out.json', format: 'json' });
    expect(parseSaveTarget('/tmp/a b.log text')).toEqual({ path: '/tmp/a b.log', format: 'text' });
    expect(parseSaveTarget('x.log')).toEqual({ path: 'x.log', format: 'raw' });
    expect(parseSaveTarget('  ')).toBeUndefined();
  });

  it('hands the shown records (or, with Tab, the marked ones) to the app and reports the count', async () => {
    const asked: SaveRequest[] = [];
    const v = makeViewer(KAMAKI, { save: async (req) => (asked.push(req), req.indices.length) });
    v.key('6');
    v.drain();
    v.key('s');
    expect(stripAnsi(promptBarLine(v))).toContain('save 2 shown records to: ');
    type(v, '/tmp/errors.json');
    v.key('enter');
    expect(asked[0]).toMatchObject({ path: '/tmp/errors.json', format: 'json' });
    expect([...asked[0]!.indices]).toEqual([5, 7]);
    await Promise.resolve();
    expect(v.message?.text).toBe('wrote 2 records to /tmp/errors.json (json)');
    v.key('1');
    v.drain();
    v.key('g');
    v.key('m');
    v.key('s');
    expect(stripAnsi(promptBarLine(v))).toContain('save 1 marked records to: ');
    v.key('tab');
    expect(stripAnsi(promptBarLine(v))).toContain('save 10 shown records to: ');
    v.key('tab');
    type(v, 'one.log');
    v.key('enter');
    expect([...asked[1]!.indices]).toEqual([0]);
    expect(asked[1]!.format).toBe('raw');
  });

  it('reports a failed save as an error', async () => {
    const v = makeViewer(KAMAKI, { save: () => Promise.reject(new Error('/nope/x.log: no such directory')) });
    v.key('s');
    type(v, '/nope/x.log');
    v.key('enter');
    await new Promise((r) => setImmediate(r));
    expect(v.message).toEqual({ text: 'cannot save: /nope/x.log: no such directory', error: true });
  });

  it('copies the selected record through the app and says so, or why not', () => {
    const copied: string[] = [];
    const v = makeViewer(KAMAKI, { copy: (text) => (copied.push(text), 'copied') });
    v.key('y');
    expect(copied).toEqual(['2024-05-16 00:00:10,000 INFO kamaki done']);
    expect(v.message?.text).toBe('copied the record (40 bytes) to the clipboard (OSC 52)');
    const w = makeViewer(KAMAKI, { copy: () => 'unsupported' });
    w.key('y');
    expect(w.message?.error).toBe(true);
    expect(w.message?.text).toMatch(/takes no clipboard writes/);
  });
});

describe('levels in the timeline', () => {
  it('counts per level match the store', () => {
    const v = makeViewer(LONG, { columns: 100, rows: 20 });
    const h = v.timeline.counts.histogram(50);
    const errors = h.counts.reduce((a, r) => a + r[Level.error]!, 0);
    expect(errors).toBe(v.store.countOfLevel(Level.error));
  });
});
