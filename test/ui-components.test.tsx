import { render } from 'ink-testing-library';
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../src/ui/App.js';
import { INK_OPTIONS } from '../src/ui/ink-options.js';
import { frameText, LineSlots, slotStream } from '../src/ui/line-slots.js';
import { Lines } from '../src/ui/Lines.js';
import { frameLines, promptBarLine, statusBarLine, treePaneLines } from '../src/ui/screen.js';
import { KAMAKI, line, makeViewer, records, stripAnsi } from './ui-helpers.js';

// ink-testing-library's terminal is 100 columns wide.
const COLS = 100;

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function frame(r: { lastFrame(): string | undefined }): string {
  return stripAnsi(r.lastFrame() ?? '');
}

/** One line as Ink draws it. */
function OneLine({ line }: { line: string }): React.JSX.Element {
  return <Lines lines={[line]} width={COLS} height={1} />;
}

afterEach(() => cleanup());

describe('App', () => {
  it('draws the visible rows and the status bar, one row shorter than the terminal', () => {
    const v = makeViewer(KAMAKI, { columns: COLS, rows: 10 });
    const r = render(<App viewer={v} />);
    const lines = frame(r).split('\n');
    expect(lines.length).toBe(9);
    expect(lines[7]).toMatch(/INFO\s+kamaki\s+done/);
    expect(lines[8]).toMatch(/FOLLOW\s+test\.log\s+10 of 10\s+100%\s+shown 10\/10/);
    expect(lines[8]).toContain('? help');
    // Only the rows that fit are rendered.
    expect(frame(r)).not.toContain('kamaki server list -v');
  });

  it('handles every key of a batched input event', async () => {
    const v = makeViewer(Array.from({ length: 40 }, (_, i) => line(i)), { columns: COLS, rows: 12 });
    const r = render(<App viewer={v} />);
    r.stdin.write('g');
    await tick();
    r.stdin.write('jjj');
    await tick();
    expect(v.list.sel).toBe(3);
    expect(frame(r)).toContain('PAUSED');
  });

  it('marks the selected row in inverse video even without colour', async () => {
    const v = makeViewer(KAMAKI, { columns: COLS, rows: 12 });
    const r = render(<App viewer={v} />);
    r.stdin.write('k');
    await tick();
    const raw = r.lastFrame()!.split('\n');
    const selected = raw.findIndex((l) => l.includes('Filtered hosts'));
    expect(selected).toBeGreaterThan(0);
    expect(raw[selected]).toContain('\x1b[7m');
    expect(raw[selected - 1]).not.toContain('\x1b[7m');
  });

  it('opens the tree pane, the details and the help', async () => {
    const v = makeViewer(KAMAKI, { columns: COLS, rows: 40 });
    const r = render(<App viewer={v} />);
    r.stdin.write('t');
    await tick();
    expect(frame(r)).toMatch(/▾ \(all loggers\)\s+10/);
    r.stdin.write('\x1b');
    await tick();
    r.stdin.write('\r');
    await tick();
    expect(frame(r)).toContain('record details');
    expect(frame(r)).toMatch(/logger\s+kamaki/);
    r.stdin.write('q');
    await tick();
    r.stdin.write('?');
    await tick();
    expect(frame(r)).toContain('show only matching records');
  });

  it('lays out at 40x10', () => {
    const v = makeViewer(KAMAKI, { columns: 40, rows: 10 });
    const r = render(<App viewer={v} />);
    const lines = frame(r).split('\n');
    expect(lines.length).toBe(9);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines[8]).toContain('FOLLOW');
  });
});

describe('the tree pane', () => {
  it('shows the hierarchy with counts and rules', () => {
    const v = makeViewer(KAMAKI, { columns: 60, rows: 16 });
    v.key('t');
    v.tree.model.moveTo(v.tree.model.rows().findIndex((x) => x.node.name === 'nova'), v.layout.bodyHeight);
    v.key(' ');
    v.drain();
    const r = render(<Lines lines={treePaneLines(v)} width={v.layout.tree!.width} height={v.layout.bodyHeight} />);
    const text = frame(r);
    expect(text).toMatch(/▾ \(all loggers\)\s+10/);
    expect(text).toMatch(/▾ kamaki\s+7/);
    expect(text).toMatch(/▾ nova hidden\s+3/);
    expect(text).toMatch(/▸ compute\s+2/);
  });
});

describe('the status bar', () => {
  it('shows sources, counts, filters, follow state and notices', () => {
    const v = makeViewer(KAMAKI, { columns: COLS, sourceNames: ['-'] });
    v.key('+');
    v.drain();
    v.notice(0, 'stdin closed', 'info');
    const text = frame(render(<OneLine line={statusBarLine(v)} />));
    expect(text).toContain('FOLLOW');
    expect(text).toContain('stdin');
    expect(text).toContain('6/10');
    expect(text).toContain('≥INFO');
    expect(text).toContain('stdin closed');
  });

  it('counts new records while paused', () => {
    const v = makeViewer(KAMAKI, { columns: COLS });
    v.key('g');
    v.store.append(records([line(1), line(2), line(3)]));
    v.catchUp();
    expect(frame(render(<OneLine line={statusBarLine(v)} />))).toContain('PAUSED +3');
  });
});

describe('the search prompt', () => {
  it('shows what is typed, and an invalid regex as an error', async () => {
    const v = makeViewer(KAMAKI, { columns: COLS, rows: 12 });
    const r = render(<App viewer={v} />);
    r.stdin.write('/');
    await tick();
    r.stdin.write('boom[');
    await tick();
    expect(frame(r)).toMatch(/\/boom\[\s+invalid regex: Unterminated character class/);
    const p = frame(render(<OneLine line={promptBarLine(v)} />));
    expect(p).toContain('/boom[');
    r.stdin.write('\x7f');
    await tick();
    v.drain();
    await tick();
    expect(frame(r)).not.toContain('invalid regex');
    expect(frame(r)).toMatch(/\/boom\/ 2 matches/);
  });
});

describe('LineSlots', () => {
  it('draws a frame from the top-left corner, each line erased first', () => {
    expect(frameText(['a', '', 'b'])).toBe('\x1b[H\x1b[2Ka\r\n\x1b[2K\r\n\x1b[2Kb');
  });

  it('round-trips a frame through one placeholder', () => {
    const s = new LineSlots();
    const t = s.frame(['\x1b[7mhello\x1b[0m', 'world']);
    expect(t).toMatch(/^[A-Z]{3}[0-9a-z]+~$/);
    expect(s.expand(`\x1b[2K${t}\n`)).toBe(`\x1b[2K${frameText(['\x1b[7mhello\x1b[0m', 'world'])}\n`);
  });

  it('gives the same frame as the last the same placeholder, so Ink writes nothing', () => {
    const s = new LineSlots();
    const a = s.frame(['one', 'two']);
    expect(s.frame(['one', 'two'])).toBe(a);
    expect(s.frame(['one', 'three'])).not.toBe(a);
  });

  it('keeps the last frames for a throttled write, and no more', () => {
    const s = new LineSlots();
    const first = s.frame(['frame 0']);
    for (let i = 1; i < 16; i++) s.frame([`frame ${i}`]);
    expect(s.expand(first)).toBe(frameText(['frame 0']));
    for (let i = 16; i < 1000; i++) s.frame([`frame ${i}`]);
    expect(s.expand(first)).toBe('');
    expect(s.expand(s.frame(['frame 1000']))).toBe(frameText(['frame 1000']));
  });
});

describe('App with placeholders (as the TUI runs it)', () => {
  it('gives Ink one placeholder, which the stream turns into the whole screen', async () => {
    const v = makeViewer(KAMAKI, { columns: COLS, rows: 12 });
    const slots = new LineSlots();
    const r = render(<App viewer={v} slots={slots} />);
    expect(r.lastFrame()).toMatch(/^[A-Z]{3}[0-9a-z]+~$/);
    expect(slots.expand(r.lastFrame()!)).toBe(frameText(frameLines(v)));
    r.stdin.write('t');
    await tick();
    expect(r.lastFrame()).toMatch(/^[A-Z]{3}[0-9a-z]+~$/);
    const screen = slots.expand(r.lastFrame()!);
    expect(screen).toBe(frameText(frameLines(v)));
    expect(stripAnsi(screen)).toMatch(/▾ \(all loggers\)\s+10│INFO\s+kamaki/);
    expect(screen.split('\r\n')).toHaveLength(v.layout.frameHeight);
  });

  it('keeps placeholder characters from a file name or a log line out of the frame', () => {
    const v = makeViewer([...KAMAKI, '2024-05-16 00:00:11,000 INFO kamaki x\uE000\uE100\uE001y'], { columns: COLS, rows: 14, sourceNames: ['a\uE000\uE100\uE001.log'] });
    const slots = new LineSlots();
    const r = render(<App viewer={v} slots={slots} />);
    const screen = slots.expand(r.lastFrame()!);
    expect(screen).not.toMatch(/[\uE000-\uF8FF]/);
    expect(screen).toContain('a\\ue000\\ue100\\ue001.log');
    expect(screen).toContain('x\\ue000\\ue100\\ue001y');
  });

  it('writes the real frame to the terminal stream', async () => {
    const written: string[] = [];
    const out = Object.assign(new EventEmitter(), { columns: COLS, rows: 12, isTTY: true, write: (s: string) => (written.push(s), true) });
    const slots = new LineSlots();
    const v = makeViewer(KAMAKI, { columns: COLS, rows: 12 });
    const stdin = Object.assign(new EventEmitter(), { isTTY: true, setRawMode() {}, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null });
    const ink = inkRender(<App viewer={v} slots={slots} keys={false} />, { ...INK_OPTIONS, stdout: slotStream(out as unknown as NodeJS.WriteStream, slots), stdin: stdin as unknown as NodeJS.ReadStream });
    await tick();
    ink.unmount();
    const all = written.join('');
    expect(all).toContain(frameText(frameLines(v)));
    expect(all).not.toMatch(/[\uE000-\uF8FF]/);
  });
});
