import { render } from 'ink-testing-library';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../src/ui/App.js';
import { LineSlots } from '../src/ui/line-slots.js';
import { LoggerTreePane } from '../src/ui/LoggerTreePane.js';
import { SearchPrompt } from '../src/ui/SearchPrompt.js';
import { StatusBar } from '../src/ui/StatusBar.js';
import { promptBarLine, statusBarLine, treePaneLines } from '../src/ui/screen.js';
import { KAMAKI, line, makeViewer, records, stripAnsi } from './ui-helpers.js';

// ink-testing-library's terminal is 100 columns wide.
const COLS = 100;

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function frame(r: { lastFrame(): string | undefined }): string {
  return stripAnsi(r.lastFrame() ?? '');
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

describe('LoggerTreePane', () => {
  it('shows the hierarchy with counts and rules', () => {
    const v = makeViewer(KAMAKI, { columns: 60, rows: 16 });
    v.key('t');
    v.tree.model.moveTo(v.tree.model.rows().findIndex((x) => x.node.name === 'nova'), v.layout.bodyHeight);
    v.key(' ');
    v.drain();
    const r = render(<LoggerTreePane lines={treePaneLines(v)} width={v.layout.tree!.width} height={v.layout.bodyHeight} />);
    const text = frame(r);
    expect(text).toMatch(/▾ \(all loggers\)\s+10/);
    expect(text).toMatch(/▾ kamaki\s+7/);
    expect(text).toMatch(/▾ nova hidden\s+3/);
    expect(text).toMatch(/▸ compute\s+2/);
  });
});

describe('StatusBar', () => {
  it('shows sources, counts, filters, follow state and notices', () => {
    const v = makeViewer(KAMAKI, { columns: COLS, sourceNames: ['-'] });
    v.key('+');
    v.drain();
    v.notice(0, 'stdin closed', 'info');
    const text = frame(render(<StatusBar line={statusBarLine(v)} />));
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
    expect(frame(render(<StatusBar line={statusBarLine(v)} />))).toContain('PAUSED +3');
  });
});

describe('SearchPrompt', () => {
  it('shows what is typed, and an invalid regex as an error', async () => {
    const v = makeViewer(KAMAKI, { columns: COLS, rows: 12 });
    const r = render(<App viewer={v} />);
    r.stdin.write('/');
    await tick();
    r.stdin.write('boom[');
    await tick();
    expect(frame(r)).toMatch(/\/boom\[\s+invalid regex: Unterminated character class/);
    const p = frame(render(<SearchPrompt line={promptBarLine(v)} />));
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
  it('round-trips lines through placeholders', () => {
    const s = new LineSlots();
    const a = s.token('\x1b[7mhello\x1b[0m');
    const b = s.token('world');
    expect(s.token('world')).toBe(b);
    expect(s.expand(`x${a}\n${b}`)).toBe('x\x1b[7mhello\x1b[0m\nworld');
  });

  it('keeps the previous generation for frames written late', () => {
    const s = new LineSlots();
    const first = s.token('line 0');
    for (let i = 1; i < 9000; i++) s.token(`line ${i}`);
    expect(s.expand(first)).toBe('line 0');
  });
});
