import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { RecordStore } from '../src/store/record-store.js';
import { LoggerTree, type LoggerNode } from '../src/store/logger-tree.js';

function treeOf(names: readonly string[], counts = 1): LoggerTree {
  const t = new LoggerTree();
  for (const n of names) for (let k = 0; k < counts; k++) t.count(t.intern(n));
  return t;
}

describe('LoggerTree: Python logging hierarchy', () => {
  it('a logger covers the names below it by dots, not by string prefix', () => {
    const t = treeOf(['kamaki', 'kamaki.clients.send', 'kamaki.clients.send', 'kamakix', 'kamaki.cli']);
    expect(t.node('kamaki')!.total).toBe(4);
    expect(t.node('kamaki')!.own).toBe(1);
    expect(t.node('kamakix')!.total).toBe(1);
    expect(t.node('kamaki.clients')!.total).toBe(2);
    expect(t.node('kamaki.clients')!.own).toBe(0); // a prefix no record names
    expect(t.node('kamaki.clients.send')!.own).toBe(2);
    expect(t.root.total).toBe(5);
    expect([...t.root.children.keys()].sort()).toEqual(['kamaki', 'kamakix']);
    expect([...t.node('kamaki')!.children.keys()].sort()).toEqual(['cli', 'clients']);
    expect(t.node('kamaki.clients.send')!.parent).toBe(t.node('kamaki.clients'));
    expect(t.node('kamaki.clients.send')!.label).toBe('send');
    expect(t.root.parent).toBeUndefined();
    expect(t.node('kamaki.client')).toBeUndefined();
  });

  it('ids: one per logger, stable, never for a prefix alone', () => {
    const t = new LoggerTree();
    const a = t.intern('a.b.c');
    expect(t.intern('a.b.c')).toBe(a);
    expect(t.idOf('a.b')).toBeUndefined(); // exists as a node only
    const ab = t.intern('a.b');
    expect(ab).not.toBe(a);
    expect(t.idOf('a.b')).toBe(ab);
    expect(t.name(ab)).toBe('a.b');
    expect(t.size).toBe(2);
    expect(t.allNames()).toEqual(['a.b.c', 'a.b']);
    t.count(a);
    t.count(a);
    t.uncount(a);
    expect(t.node('a')!.total).toBe(1);
    expect(t.node('a.b.c')!.own).toBe(1);
  });

  it('node objects are made once; children keep up with names added later', () => {
    const t = treeOf(['x.a']);
    const x = t.node('x')!;
    expect(t.node('x')).toBe(x);
    expect(x.children.size).toBe(1);
    expect([...x.children.values()].map((n) => n.name)).toEqual(['x.a']);
    t.intern('x.b');
    t.intern('x.c.d');
    expect(x.children.size).toBe(3);
    expect([...x.children.keys()]).toEqual(['a', 'b', 'c']);
    expect(x.children.get('c')).toBe(t.node('x.c'));
    expect(x.children.has('d')).toBe(false);
  });

  it('odd names: empty parts, a leading dot, the empty name', () => {
    const t = treeOf(['a..b', 'a.', '.a', 'a', '']);
    expect(t.node('a.')!.parent).toBe(t.node('a'));
    expect(t.node('a.')!.label).toBe('');
    expect(t.node('a..b')!.parent).toBe(t.node('a.'));
    expect(t.node('a..b')!.label).toBe('b');
    // `.a` hangs off the root beside `a`, not merged with it.
    expect(t.node('.a')!.parent).toBe(t.root);
    expect(t.node('.a')!.label).toBe('.a');
    expect(t.root.children.size).toBe(2);
    expect(t.node('a')!.total).toBe(3);
    expect(t.root.own).toBe(1); // the '' logger is the root
    expect(t.root.total).toBe(5);
  });

  it('a name thousands of parts deep', () => {
    const deep = Array.from({ length: 20_000 }, (_, k) => `p${k}`).join('.');
    const t = treeOf([deep]);
    let n: LoggerNode | undefined = t.node(deep);
    let depth = 0;
    for (; n && n.name !== ''; n = n.parent) depth++;
    expect(depth).toBe(20_000);
    expect(t.node('p0')!.total).toBe(1);
  });
});

describe('LoggerTree at 300,000 distinct names (issue 11 item 10)', () => {
  // A deterministic mix of shapes: fan-outs, depths, shared prefixes.
  const names: string[] = [];
  let seed = 7;
  const rnd = (n: number): number => {
    // mulberry32: a seeded generator whose low bits are as good as its high ones.
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), seed | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
  for (let i = 0; i < 300_000; i++) {
    const parts = 1 + rnd(5);
    const p: string[] = [];
    for (let k = 0; k < parts; k++) p.push(`${'abcdefgh'[rnd(8)]}${rnd(k === parts - 1 ? 100_000 : 20)}`);
    names.push(p.join('.'));
  }

  it('counts every subtree as a naive prefix count does', () => {
    const t = new LoggerTree();
    for (const n of names) t.count(t.intern(n));
    // Reference: every dotted prefix of every record's logger, counted with plain strings.
    const totals = new Map<string, number>();
    const own = new Map<string, number>();
    for (const n of names) {
      own.set(n, (own.get(n) ?? 0) + 1);
      for (let end = n.length; end > 0; end = n.lastIndexOf('.', end - 1)) {
        const prefix = n.slice(0, end);
        totals.set(prefix, (totals.get(prefix) ?? 0) + 1);
      }
    }
    expect(t.size).toBe(own.size);
    expect(t.nodeCount).toBe(totals.size + 1);
    expect(t.root.total).toBe(names.length);
    // Mismatches collected, then one assertion (an expect per node would take longer than the tree).
    const wrong: unknown[] = [];
    for (const [name, total] of totals) {
      const node = t.node(name)!;
      if (node.name !== name || node.total !== total || node.own !== (own.get(name) ?? 0)) wrong.push({ name, total: node.total, own: node.own });
    }
    for (let id = 0; id < t.size; id++) if (t.idOf(t.name(id)) !== id) wrong.push({ id });
    // Every node is reached from the root exactly once through the children.
    let reached = 0;
    const stack: LoggerNode[] = [t.root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      reached++;
      for (const [label, c] of n.children) {
        if (c.parent !== n || c.label !== label) wrong.push({ child: c.name, of: n.name, label });
        stack.push(c);
      }
    }
    expect(wrong).toEqual([]);
    expect(reached).toBe(t.nodeCount);
  });

  it('the store keeps logger ids past 65,535 (its uint16 column widens per block)', () => {
    const store = new RecordStore();
    const distinct = [...new Set(names)].slice(0, 70_000);
    const record = (logger: string, i: number): LogRecord => {
      const raw = Buffer.from(`2024-05-16 00:00:00,000 INFO ${logger} m${i}\n`);
      return { sourceId: 0, line: i + 1, offset: 0, time: 0, level: Level.info, logger, message: `m${i}`, body: [], raw: [raw], format: 'python' };
    };
    for (let base = 0; base < distinct.length; base += 10_000) store.append(distinct.slice(base, base + 10_000).map((n, k) => record(n, base + k)));
    store.append([record(distinct[3]!, 70_000)]); // an old logger after the wide ones
    expect(store.loggers.size).toBe(70_000);
    const wrong: number[] = [];
    for (let i = 0; i < distinct.length; i++) if (store.logger(i) !== distinct[i]) wrong.push(i);
    expect(wrong).toEqual([]);
    expect(store.logger(70_000)).toBe(distinct[3]);
    expect(store.loggers.node(distinct[69_999]!)!.own).toBe(1);
  });
});
