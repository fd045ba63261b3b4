import { describe, expect, it, vi } from 'vitest';
import { RecordStore } from '../src/store/record-store.js';
import { SearchModel } from '../src/ui/model/search-model.js';
import { records } from './ui-helpers.js';

function model(lines: readonly string[]) {
  const store = new RecordStore();
  store.append(records(lines.map((m, k) => `2024-05-16 00:00:${String(k).padStart(2, '0')},000 INFO app ${m}`)));
  const list = { length: store.size, complete: true, at: (p: number) => p };
  const found = vi.fn();
  const notFound = vi.fn();
  return { m: new SearchModel(store, list, { found, notFound }), found, notFound };
}

const drain = (m: SearchModel): void => {
  while (m.findJob.pending() || m.countJob.pending()) {
    m.findJob.step(performance.now() + 100);
    m.countJob.step(performance.now() + 100);
  }
};

describe('SearchModel', () => {
  it('searches as typed from where the prompt opened, wrapping around', () => {
    const { m, found, notFound } = model(['alpha', 'beta', 'gamma', 'beta again']);
    m.begin(2, 0);
    m.typed('bet');
    drain(m);
    expect(found).toHaveBeenLastCalledWith(3); // from the origin down first
    m.typed('alp');
    drain(m);
    expect(found).toHaveBeenLastCalledWith(0); // then from the top
    m.typed('zzz');
    drain(m);
    expect(notFound).toHaveBeenLastCalledWith('no match', 2);
    expect(m.matchCount).toBe(0);
  });

  it('keeps the last good pattern while the text is not a regex', () => {
    const { m } = model(['a(b']);
    m.begin(0, 0);
    m.typed('a');
    expect(m.typed('a(').error).toMatch(/unterminated group/i);
    expect(m.pattern?.text).toBe('a');
  });

  it('counts matches, finds next/previous, and restores the previous search on cancel', () => {
    const { m, found, notFound } = model(['x1', 'y', 'x2', 'x3']);
    m.begin(0, 0);
    m.typed('x');
    m.end(true);
    drain(m);
    expect([m.matchCount, m.countComplete]).toEqual([3, true]);
    m.next(0, 1);
    drain(m);
    expect(found).toHaveBeenLastCalledWith(2);
    m.next(3, 1);
    drain(m);
    expect(notFound).toHaveBeenLastCalledWith('no more matches below', undefined);
    expect(m.toggleOnly()).toBe(true);
    m.begin(1, 0);
    m.typed('y');
    const r = m.end(false);
    expect(m.pattern?.text).toBe('x');
    expect(m.matchesOnly).toBe(true);
    expect(r.refilter).toBe(true);
  });

  it('without a search, n and & say there is none', () => {
    const { m } = model(['a']);
    expect(m.next(0, 1)).toBe(false);
    expect(m.toggleOnly()).toBeUndefined();
  });
});
