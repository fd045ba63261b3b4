import { describe, expect, it, vi } from 'vitest';
import { Level } from '../src/model/level.js';
import { LoggerRules, nextThreshold } from '../src/query/logger-rules.js';
import { LoggerTree } from '../src/store/logger-tree.js';
import { commandFor, helpText, KEY_TABLE, keyLabel } from '../src/ui/key-table.js';
import { decodeKeys } from '../src/ui/keys.js';
import { fuzzyScore } from '../src/ui/model/fuzzy.js';
import { layout } from '../src/ui/model/layout.js';
import { LineEditor } from '../src/ui/model/line-editor.js';
import { ListScroller } from '../src/ui/model/list-scroller.js';
import { LoggerFinder } from '../src/ui/model/logger-finder.js';
import { Scheduler } from '../src/ui/model/scheduler.js';
import { noKey } from './ui-helpers.js';

function scroller(length: number, height = 10, complete = true) {
  const src = { length, complete };
  const s = new ListScroller(src);
  s.resize(80, height);
  return { s, src };
}

describe('ListScroller', () => {
  it('follows the bottom, pauses when moved up, resumes at the last row', () => {
    const onFollow = vi.fn();
    const src = { length: 100, complete: true };
    const s = new ListScroller(src, { onFollow });
    s.resize(80, 10);
    expect([s.sel, s.top, s.follow, s.atBottom()]).toEqual([99, 90, true, true]);
    s.moveBy(-1);
    expect([s.sel, s.follow, s.atBottom()]).toEqual([98, false, false]);
    expect(onFollow).toHaveBeenLastCalledWith(false);
    src.length = 120;
    s.ensureVisible();
    expect(s.sel).toBe(98); // paused: growth below does not move it
    s.gotoBottom();
    expect([s.sel, s.top, s.follow]).toEqual([119, 110, true]);
  });

  it('pages like less and keeps the selection on screen', () => {
    const { s } = scroller(100);
    s.gotoTop();
    s.pageDown();
    expect([s.sel, s.top]).toEqual([9, 9]);
    s.halfPageDown();
    expect([s.sel, s.top]).toEqual([14, 14]);
    s.pageUp();
    s.pageUp();
    expect([s.sel, s.top]).toEqual([0, 0]);
    s.select(57, { center: true });
    expect(s.top).toBe(52);
    s.resize(80, 4);
    expect(s.sel - s.top).toBeLessThan(4);
  });

  it('does not follow a list still being built when the last row so far is reached', () => {
    const { s } = scroller(20, 10, false);
    s.gotoTop();
    s.select(19);
    expect(s.follow).toBe(false);
  });

  it('shift: rows inserted in front keep the selected row and the screen where they are', () => {
    const { s, src } = scroller(100);
    s.select(40);
    s.moveBy(-1);
    const { sel, top } = s;
    src.length += 25;
    s.shift(0, 25);
    expect([s.sel, s.top]).toEqual([sel + 25, top + 25]);
    // Inserted below the selection and the top: nothing moves.
    src.length += 5;
    s.shift(sel + 26 + 30, 5);
    expect([s.sel, s.top]).toEqual([sel + 25, top + 25]);
    // Following stays at the bottom.
    s.gotoBottom();
    src.length += 10;
    s.shift(0, 10);
    expect(s.sel).toBe(src.length - 1);
  });

  it('shift after g: the first row stays selected (the file\'s start indexed in front), until another move', () => {
    const { s, src } = scroller(100);
    s.select(40);
    s.gotoTop();
    src.length += 25;
    s.shift(0, 25);
    expect([s.sel, s.top]).toEqual([0, 0]);
    // Reaching the first row by moving is not g: the row keeps its identity.
    s.moveBy(1);
    s.moveBy(-1);
    src.length += 5;
    s.shift(0, 5);
    expect(s.sel).toBe(5);
  });

  it('scrolls sideways by a quarter of the width (at least 8), not while wrapping', () => {
    const { s } = scroller(10);
    s.resize(100, 10);
    s.scrollRight();
    s.scrollRight();
    expect(s.hscroll).toBe(50);
    s.scrollLeft();
    expect(s.hscroll).toBe(25);
    s.scrollHome();
    expect(s.hscroll).toBe(0);
    s.scrollRight();
    expect(s.toggleWrap()).toBe(true);
    expect(s.hscroll).toBe(0);
    s.scrollRight();
    expect(s.hscroll).toBe(0);
  });

  it('wrap: the bottom row fits whole, by the rows\' own heights', () => {
    const src = { length: 10, complete: true };
    const s = new ListScroller(src, { rowHeight: (p) => (p === 9 ? 4 : 2) });
    s.resize(80, 7);
    s.toggleWrap();
    expect([s.sel, s.top]).toEqual([9, 8]); // 2 + 4 <= 7, 2 + 2 + 4 > 7
  });
});

describe('layout', () => {
  it('puts the tree beside the list from 100 columns, over it below', () => {
    const wide = layout({ columns: 120, rows: 30, treeOpen: true, prompt: false });
    expect(wide).toEqual({ columns: 120, frameHeight: 29, bodyHeight: 28, tree: { x: 0, width: 42 }, separator: 42, list: { x: 43, width: 77 } });
    const narrow = layout({ columns: 80, rows: 24, treeOpen: true, prompt: true });
    expect(narrow.list.width).toBe(0);
    expect(narrow.tree).toEqual({ x: 0, width: 80 });
    expect(narrow.bodyHeight).toBe(21);
    expect(layout({ columns: 1, rows: 1, treeOpen: false, prompt: true }).bodyHeight).toBe(1);
  });
});

describe('LineEditor', () => {
  it('types, deletes characters and words, clears, cancels on an empty line', () => {
    const e = new LineEditor();
    for (const k of ['f', 'o', 'o', ' ', 'b', 'a', 'r']) e.edit(k);
    expect(e.text).toBe('foo bar');
    expect(e.edit('ctrl-w')).toBe('edited');
    expect(e.text).toBe('foo ');
    e.edit('漢');
    e.edit('backspace');
    expect(e.text).toBe('foo ');
    expect(e.edit('up')).toBe('ignored');
    e.edit('ctrl-u');
    expect(e.text).toBe('');
    expect(e.edit('backspace')).toBe('cancel');
  });
});

describe('Scheduler', () => {
  it('runs every pending job in slices and reports progress once when done', () => {
    const queue: Array<() => void> = [];
    const onProgress = vi.fn();
    const sch = new Scheduler({ schedule: (fn) => queue.push(fn), onProgress, progressMs: 1e9 });
    let a = 3;
    let b = 2;
    sch.add({ pending: () => a > 0, step: () => void a-- });
    sch.add({ pending: () => b > 0, step: () => void b-- });
    sch.kick();
    sch.kick(); // one turn at a time
    expect(queue.length).toBe(1);
    while (queue.length > 0) queue.shift()!();
    expect([a, b]).toEqual([0, 0]);
    expect(onProgress).toHaveBeenCalledTimes(1);
    sch.stop();
    a = 1;
    sch.kick();
    expect(queue.length).toBe(0);
  });

  it('a quiet job (nothing on screen waits for it) reports progress only when it is done', () => {
    const queue: Array<() => void> = [];
    const onProgress = vi.fn();
    // Progress may be reported after every slice: only quietness holds it back.
    const sch = new Scheduler({ schedule: (fn) => queue.push(fn), onProgress, progressMs: 0 });
    let left = 5;
    let open = false;
    sch.add({ pending: () => left > 0, step: () => void left--, quiet: () => !open });
    sch.kick();
    for (let k = 0; k < 3; k++) queue.shift()!();
    expect(onProgress).toHaveBeenCalledTimes(0);
    open = true; // the timeline opened: its counts show now
    queue.shift()!();
    expect(onProgress).toHaveBeenCalledTimes(1);
    open = false;
    while (queue.length > 0) queue.shift()!();
    expect(left).toBe(0);
    expect(onProgress).toHaveBeenCalledTimes(2); // the last slice: done
  });
});

describe('LoggerRules edits', () => {
  it('toggleHidden, showOnly', () => {
    const r = new LoggerRules();
    expect(r.toggleHidden('a.b')).toBe(true);
    expect(r.isHidden('a.b.c')).toBe(true);
    expect(r.toggleHidden('a.b')).toBe(false);
    expect(r.rule('a.b')).toBeUndefined();
    r.set('a', { hidden: true });
    expect(r.toggleHidden('a.b')).toBe(false); // shown under a hidden parent: an explicit "shown"
    expect(r.rule('a.b')).toEqual({ hidden: false });
    r.showOnly('x');
    expect(r.isHidden('a.b')).toBe(true);
    expect(r.isHidden('x.y')).toBe(false);
  });

  it('level steps skip levels the log does not have', () => {
    const present = [Level.debug, Level.info, Level.warning, Level.error];
    expect(nextThreshold(Level.none, 1, present)).toBe(Level.info);
    expect(nextThreshold(Level.info, 1, present)).toBe(Level.warning);
    expect(nextThreshold(Level.warning, 1, present)).toBe(Level.error);
    expect(nextThreshold(Level.error, 1, present)).toBe(Level.error);
    expect(nextThreshold(Level.error, -1, present)).toBe(Level.warning);
    expect(nextThreshold(Level.info, -1, present)).toBe(Level.none);
    expect(nextThreshold(Level.none, 1, [])).toBe(Level.trace);
    const r = new LoggerRules();
    expect(r.stepLevel('nova', 1, present)).toBe(Level.info);
    expect(r.rule('nova')).toEqual({ minLevel: Level.info });
    expect(r.stepGlobalLevel(1, present)).toBe(Level.info);
  });
});

describe('key table', () => {
  it('lists every bound key in the help, once per binding', () => {
    const help = helpText().join('\n');
    for (const b of KEY_TABLE) expect(help).toContain(`  ${b.keys.map(keyLabel).join(' ')}`.padEnd(26).trimEnd());
    // Keys that once worked without being in the help.
    for (const k of ['0', 'f', 'F', 'Ctrl-E', 'Ctrl-Y', '1', '7']) expect(help).toMatch(new RegExp(`(^|\\s)${k}(\\s|$)`, 'm'));
  });

  it('has no key bound twice in a mode', () => {
    const seen = new Set<string>();
    for (const b of KEY_TABLE) {
      for (const k of b.keys) {
        const id = `${b.mode} ${k}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
    expect(commandFor('list', '3')).toBe('level3');
    expect(commandFor('list', 'm')).toBe('mark');
    expect(commandFor('list', 'z')).toBeUndefined();
  });
});

describe('decodeKeys: Esc then a key', () => {
  it('reads an "Alt-key" sequence as Esc followed by the key', () => {
    // Ink gives "\x1bj" (Esc, then j within the same read) as meta + "j".
    expect(decodeKeys('j', noKey({ meta: true }))).toEqual(['escape', 'j']);
    expect(decodeKeys('', noKey({ escape: true, meta: true }))).toEqual(['escape']);
  });
});

describe('LoggerFinder', () => {
  function tree(names: readonly string[]): LoggerTree {
    const t = new LoggerTree();
    for (const n of names) t.intern(n);
    return t;
  }

  it('scores subsequences, substrings and segment starts', () => {
    expect(fuzzyScore('nova.scheduler', 'schedlr')).toBeGreaterThan(0);
    expect(fuzzyScore('nova.scheduler', 'xyz')).toBe(-1);
    expect(fuzzyScore('nova.scheduler', 'sched')).toBeGreaterThan(fuzzyScore('kamaki.clients.send.header', 'sched'));
  });

  it('finds loggers and the prefixes between them', () => {
    const f = new LoggerFinder(tree(['kamaki.clients.send', 'nova.scheduler', 'nova.compute.manager']));
    f.setQuery('kcl');
    expect(f.results[0]).toBe('kamaki.clients');
    f.setQuery('schedlr');
    expect(f.results).toEqual(['nova.scheduler']);
  });

  it('caps the work per keystroke over many loggers; narrowing rescans only the matches', () => {
    const names = Array.from({ length: 200_000 }, (_, i) => `svc${i % 1000}.mod${i}`);
    const t = tree(names);
    const f = new LoggerFinder(t);
    f.setQuery('mod1999');
    expect(f.pending()).toBe(true); // the rest runs in slices
    let slices = 0;
    for (; f.pending(); slices++) f.step(performance.now() + 8);
    expect(slices).toBeGreaterThan(1);
    expect(f.results[0]).toBe('svc999.mod1999');
    const indexed = f.indexed;
    const previous = f.matches;
    expect(previous).toBeLessThan(indexed / 4);
    f.setQuery('mod19999');
    while (f.pending()) f.step(performance.now() + 8);
    // Only the previous matches are scored again.
    expect(f.scored).toBe(previous);
    expect(f.results[0]).toBe('svc999.mod19999');
    expect(f.indexed).toBe(indexed);
    // A logger that appears later is found too.
    t.intern('late.mod19999x');
    while (f.pending()) f.step(performance.now() + 8);
    expect(f.results).toContain('late.mod19999x');
  });
});

describe('TreeModel with a huge fan-out (issue 11 item 10)', () => {
  it('keeps a node with thousands of children closed until asked, so the rows stay few', async () => {
    const { TreeModel } = await import('../src/ui/model/tree-model.js');
    const t = new LoggerTree();
    for (let k = 0; k < 10_000; k++) t.intern(`svc.mod${k}`);
    t.intern('small.a');
    t.intern('small.b');
    const m = new TreeModel(t);
    expect(m.rows().map((r) => r.node.name)).toEqual(['', 'small', 'small.a', 'small.b', 'svc']);
    expect(m.reveal('svc.mod5', 20)).toBe(true);
    expect(m.rows().length).toBe(5 + 10_000);
    expect(m.current()?.node.name).toBe('svc.mod5');
  });
});

describe('TreeModel rebuilds', () => {
  it('a big open tree is flattened again at most once a second while loggers arrive; opening a node rebuilds at once', async () => {
    const { TreeModel } = await import('../src/ui/model/tree-model.js');
    const t = new LoggerTree();
    for (let k = 0; k < 60_000; k++) t.intern(`m${k}`);
    let clock = 0;
    const m = new TreeModel(t, () => clock);
    const n = m.rows().length;
    expect(n).toBe(60_001);
    t.intern('zz.new');
    clock += 10;
    expect(m.rows().length).toBe(n); // stale for now
    clock += 1000;
    expect(m.rows().length).toBe(n + 2); // zz and zz.new
    t.intern('zz.newer');
    m.setExpanded('zz', false);
    expect(m.rows().length).toBe(n + 1); // zz closed: its children gone at once
  });

  it('reveals a logger thousands of levels deep without overflowing the stack', async () => {
    const { TreeModel } = await import('../src/ui/model/tree-model.js');
    const t = new LoggerTree();
    const deep = Array.from({ length: 20_000 }, (_, k) => `p${k}`).join('.');
    t.intern(deep);
    const m = new TreeModel(t);
    expect(m.reveal(deep, 20)).toBe(true);
    expect(m.current()?.node.name).toBe(deep);
  });
});
