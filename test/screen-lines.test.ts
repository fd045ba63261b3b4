import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { screenLines } from '../src/render/screen-lines.js';
import { displayWidth, fitSegments, lineWidth, padLine } from '../src/render/text-fit.js';
import { Theme } from '../src/render/theme.js';
import { frameLines } from '../src/ui/screen.js';
import { expectGolden } from './golden.js';
import { KAMAKI, makeViewer, stripAnsi } from './ui-helpers.js';

process.env.TZ = 'UTC';

describe('screen lines', () => {
  it('measure and pad a finished line by what it shows, not by its SGR bytes', () => {
    const t = new Theme(2);
    const line = fitSegments([{ text: 'ab', open: t.dim.open }, { text: '日本' }], 10);
    expect(lineWidth(line)).toBe(6);
    expect(stripAnsi(padLine(line, 9))).toBe('ab日本   ');
    expect(padLine(line, 6)).toBe(line);
  });

  it('box drawing and block glyphs take the one-column fast path, as wide as string-width says', () => {
    const glyphs = fc.constantFrom('a', ' ', '█', '▁', '─', '┤', '│', '▲', '日', 'e\u0301', '👍', '\u200b');
    fc.assert(
      fc.property(fc.array(glyphs, { maxLength: 40 }), fc.integer({ min: 0, max: 50 }), (parts, width) => {
        const s = parts.join('');
        expect(displayWidth(s)).toBe(stringWidth(s));
        const cut = fitSegments([{ text: s }], width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        expect(displayWidth(cut)).toBe(Math.min(width, stringWidth(s)));
      }),
    );
  });

  it('put the left pane, a bar and the main pane side by side, then the prompt and the status bar', () => {
    const lines = screenLines({ bodyHeight: 3, left: { lines: ['tree', 'x'], width: 6 }, main: ['m1', 'm2', 'm3'], prompt: '/q', status: 'status', theme: new Theme(0) });
    expect(lines).toEqual(['tree  │m1', 'x     │m2', '      │m3', '/q', 'status']);
    expect(screenLines({ bodyHeight: 2, main: ['only'], status: 's', theme: new Theme(0) })).toEqual(['only', '', 's']);
  });

  it('golden: the whole screen with the tree pane beside the list, 100x14, 256 colours', () => {
    const v = makeViewer(KAMAKI, { columns: 100, rows: 14, theme: new Theme(2) });
    v.key('t');
    v.key('j');
    const lines = frameLines(v);
    expect(lines).toHaveLength(v.layout.frameHeight);
    for (const l of lines) expect(lineWidth(l)).toBeLessThanOrEqual(100);
    expectGolden('screen-tree-list-100x14', lines);
  });
});
