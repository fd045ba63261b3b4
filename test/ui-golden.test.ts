import { describe, it } from 'vitest';
import { Theme } from '../src/render/theme.js';
import { overlayPaneLines, promptBarLine, recordListLines, statusBarLine, treePaneLines } from '../src/ui/screen.js';
import { expectGolden } from './golden.js';
import { KAMAKI, makeViewer } from './ui-helpers.js';

// Times print in local time: the golden files are written for UTC.
process.env.TZ = 'UTC';

describe('golden screens (model + size -> exact lines)', () => {
  it('record list, 100x12, selection moved up, no colour', () => {
    const v = makeViewer(KAMAKI, { columns: 100, rows: 12 });
    v.key('k');
    v.key('k');
    expectGolden('list-100x12', [...recordListLines(v), statusBarLine(v)]);
  });

  it('record list, 80x10, 256 colours, a search highlighted', () => {
    const v = makeViewer(KAMAKI, { columns: 80, rows: 10, theme: new Theme(2) });
    v.key('/');
    for (const ch of 'boom') v.key(ch);
    v.drain();
    expectGolden('list-search-80x10', [...recordListLines(v), promptBarLine(v), statusBarLine(v)]);
  });

  it('record list, scrolled sideways: time, level and logger stay put', () => {
    const v = makeViewer(KAMAKI, { columns: 72, rows: 8 });
    v.key('l');
    expectGolden('list-hscroll-72x8', [...recordListLines(v), statusBarLine(v)]);
  });

  it('tree pane beside the list, 120x14, nova hidden', () => {
    const v = makeViewer(KAMAKI, { columns: 120, rows: 14 });
    v.key('t');
    v.tree.model.moveTo(v.tree.model.rows().findIndex((r) => r.node.name === 'nova'), v.layout.bodyHeight);
    v.key(' ');
    v.drain();
    expectGolden('tree-120x14', [...treePaneLines(v), statusBarLine(v)]);
  });

  it('details of a record, 80x16', () => {
    const v = makeViewer(KAMAKI, { columns: 80, rows: 16 });
    v.key('enter');
    expectGolden('details-80x16', overlayPaneLines(v));
  });

  it('help, 80x60', () => {
    const v = makeViewer(KAMAKI, { columns: 80, rows: 60 });
    v.key('?');
    expectGolden('help-80x60', overlayPaneLines(v));
  });
});
