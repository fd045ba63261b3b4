import type { LoggerNode, LoggerTree } from '../../store/logger-tree.js';

export interface TreeRow {
  node: LoggerNode;
  depth: number;
  expanded: boolean;
  hasChildren: boolean;
}

/** Children sorted by label, remembered per node: children are only ever added, so the count tells when to sort again. */
const sorted = new WeakMap<LoggerNode, { size: number; nodes: LoggerNode[] }>();

function sortedChildren(n: LoggerNode): LoggerNode[] {
  const c = sorted.get(n);
  if (c && c.size === n.children.size) return c.nodes;
  const nodes = [...n.children.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  sorted.set(n, { size: n.children.size, nodes });
  return nodes;
}

/** Rows from which a tree counts as big, and how often a big one is rebuilt while loggers arrive (ms). */
const BIG_TREE = 50_000;
const REBUILD_MS = 1000;

/** A node opens by itself (depth 1) only with at most this many children: a huge fan-out stays closed. */
const AUTO_OPEN_CHILDREN = 200;

/**
 * The logger tree pane's state: which nodes are open, where the cursor is,
 * and the tree flattened into rows. Counts are read live from the nodes.
 */
export class TreeModel {
  /** Nodes opened or closed by the user; others are open down to depth 1. */
  private readonly opened = new Set<string>();
  private readonly closed = new Set<string>();
  private cache: TreeRow[] = [];
  private cacheKey = '';
  private expandVersion = 0;
  private builtAt = 0;
  private builtFor = -1;
  cursor = 0;
  top = 0;

  constructor(
    private readonly tree: LoggerTree,
    /** Clock for the rebuild throttle (ms). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  isOpen(name: string, depth: number, children = 0): boolean {
    if (this.closed.has(name)) return false;
    return this.opened.has(name) || depth === 0 || (depth === 1 && children <= AUTO_OPEN_CHILDREN);
  }

  rows(): TreeRow[] {
    const key = `${this.tree.shapeVersion}:${this.expandVersion}`;
    if (key === this.cacheKey) return this.cache;
    // While loggers keep arriving, a big tree is flattened again at most once
    // a second (counts are read live from the nodes anyway); opening and
    // closing nodes always rebuilds.
    const now = this.now();
    if (this.cache.length > BIG_TREE && this.builtFor === this.expandVersion && now - this.builtAt < REBUILD_MS) return this.cache;
    const out: TreeRow[] = [];
    // Depth-first without recursion: a logger name may have thousands of parts.
    const stack: Array<[LoggerNode, number]> = [[this.tree.root, 0]];
    while (stack.length > 0) {
      const [n, depth] = stack.pop()!;
      const open = this.isOpen(n.name, depth, n.children.size);
      out.push({ node: n, depth, expanded: open, hasChildren: n.children.size > 0 });
      if (!open) continue;
      const kids = sortedChildren(n);
      for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k]!, depth + 1]);
    }
    // Keep the cursor on the same node when rows appear above it.
    const at = this.cache[this.cursor]?.node.name;
    this.cache = out;
    this.cacheKey = key;
    this.builtAt = now;
    this.builtFor = this.expandVersion;
    if (at !== undefined) {
      const k = out.findIndex((r) => r.node.name === at);
      if (k >= 0) this.cursor = k;
    }
    this.cursor = Math.min(this.cursor, out.length - 1);
    return out;
  }

  current(): TreeRow | undefined {
    return this.rows()[this.cursor];
  }

  move(delta: number, height: number): void {
    const n = this.rows().length;
    this.cursor = Math.max(0, Math.min(n - 1, this.cursor + delta));
    this.scrollIntoView(height);
  }

  moveTo(pos: number, height: number): void {
    this.move(pos - this.cursor, height);
  }

  scrollIntoView(height: number): void {
    const h = Math.max(1, height);
    if (this.cursor < this.top) this.top = this.cursor;
    if (this.cursor >= this.top + h) this.top = this.cursor - h + 1;
    const n = this.rows().length;
    this.top = Math.max(0, Math.min(this.top, Math.max(0, n - h)));
  }

  setExpanded(name: string, open: boolean): void {
    if (open) {
      this.closed.delete(name);
      this.opened.add(name);
    } else {
      this.opened.delete(name);
      this.closed.add(name);
    }
    this.expandVersion++;
  }

  /** Left: close an open node, else go to the parent. */
  collapseOrParent(height: number): void {
    const row = this.current();
    if (!row) return;
    if (row.expanded && row.hasChildren) {
      this.setExpanded(row.node.name, false);
      return;
    }
    const parent = row.node.parent;
    if (!parent) return;
    const k = this.rows().findIndex((r) => r.node === parent);
    if (k >= 0) this.moveTo(k, height);
  }

  /** Open every ancestor of a logger and put the cursor on it. */
  reveal(name: string, height: number): boolean {
    const node = this.tree.node(name);
    if (!node) return false;
    for (let p = node.parent; p; p = p.parent) this.setExpanded(p.name, true);
    const k = this.rows().findIndex((r) => r.node === node);
    if (k < 0) return false;
    this.cursor = k;
    // Centre it, so its surroundings show.
    this.top = Math.max(0, k - Math.floor(height / 2));
    this.scrollIntoView(height);
    return true;
  }
}
