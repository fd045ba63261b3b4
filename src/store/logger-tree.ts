/**
 * One node of the dotted logger hierarchy: a logger or a prefix between
 * loggers. A view over the tree's arrays, made when first asked for and the
 * same object every time after (the UI keys caches on it).
 */
export interface LoggerNode {
  /** Full dotted name; "" for the root. */
  readonly name: string;
  /** Last component (`send` for `kamaki.clients.send`). */
  readonly label: string;
  readonly parent: LoggerNode | undefined;
  /** Children by label. */
  readonly children: ReadonlyMap<string, LoggerNode>;
  /** Records logged by exactly this logger. */
  readonly own: number;
  /** Records in this subtree. */
  readonly total: number;
}

const NONE = -1;

/**
 * Interned logger names (name <-> small integer id) and the hierarchy with
 * record counts. A name costs one map entry and a few typed-array slots per
 * new node (a million distinct names must not cost an object and a map each):
 * nodes are indices, parents and child lists are Int32Array links, and the
 * node objects the tree pane walks are made only for the nodes it visits.
 */
export class LoggerTree {
  /** Node index by full name, for every node (loggers and the prefixes between them). */
  private readonly byName = new Map<string, number>([['', 0]]);
  private readonly nodeNames: string[] = [''];
  private parents = new Int32Array(1024).fill(NONE);
  /** Children as a linked list, newest first: first child and next sibling per node. */
  private firstChild = new Int32Array(1024).fill(NONE);
  private nextSibling = new Int32Array(1024).fill(NONE);
  private childCounts = new Uint32Array(1024);
  private owns = new Uint32Array(1024);
  private totals = new Uint32Array(1024);
  /** Logger id of a node, NONE for a prefix that no record names. */
  private idOfNode = new Int32Array(1024).fill(NONE);
  /** Node of each logger id. */
  private nodeOfId = new Int32Array(1024);
  private readonly names: string[] = [];
  private readonly views = new Map<number, NodeView>();
  /** Bumped whenever a new logger appears. */
  shapeVersion = 0;

  get root(): LoggerNode {
    return this.view(0);
  }

  /** Id for a name, creating the node (and its ancestors) on first sight. */
  intern(name: string): number {
    let node = this.byName.get(name);
    if (node !== undefined) {
      const id = this.idOfNode[node]!;
      if (id !== NONE) return id;
    } else node = this.addNode(name);
    const id = this.names.length;
    if (id >= this.nodeOfId.length) this.nodeOfId = grow(this.nodeOfId, id + 1, 0);
    this.names.push(name);
    this.nodeOfId[id] = node;
    this.idOfNode[node] = id;
    this.shapeVersion++;
    return id;
  }

  name(id: number): string {
    return this.names[id]!;
  }

  idOf(name: string): number | undefined {
    const node = this.byName.get(name);
    if (node === undefined) return undefined;
    const id = this.idOfNode[node]!;
    return id === NONE ? undefined : id;
  }

  /** Loggers interned (ids are 0 .. size-1). */
  get size(): number {
    return this.names.length;
  }

  /** Nodes, loggers and prefixes, the root included. */
  get nodeCount(): number {
    return this.nodeNames.length;
  }

  allNames(): readonly string[] {
    return this.names;
  }

  /** Take back one count(id) (a record replaced by a longer version of itself). */
  uncount(id: number): void {
    const node = this.nodeOfId[id]!;
    for (let n = node; n !== NONE; n = this.parents[n]!) this.totals[n]!--;
    this.owns[node]!--;
  }

  /** `times` more records of logger `id` (one by default). */
  count(id: number, times = 1): void {
    const node = this.nodeOfId[id]!;
    for (let n = node; n !== NONE; n = this.parents[n]!) this.totals[n]! += times;
    this.owns[node]! += times;
  }

  node(name: string): LoggerNode | undefined {
    const n = this.byName.get(name);
    return n === undefined ? undefined : this.view(n);
  }

  /** @internal The view of node `n`, made once. */
  view(n: number): NodeView {
    let v = this.views.get(n);
    if (!v) {
      v = new NodeView(this, n);
      this.views.set(n, v);
    }
    return v;
  }

  /** @internal */
  nodeName(n: number): string {
    return this.nodeNames[n]!;
  }

  /** @internal */
  parentOf(n: number): number {
    return this.parents[n]!;
  }

  /** @internal */
  ownOf(n: number): number {
    return this.owns[n]!;
  }

  /** @internal */
  totalOf(n: number): number {
    return this.totals[n]!;
  }

  /** @internal */
  childCount(n: number): number {
    return this.childCounts[n]!;
  }

  /** @internal Children of `n`, newest first. */
  *childNodes(n: number): Generator<number> {
    for (let c = this.firstChild[n]!; c !== NONE; c = this.nextSibling[c]!) yield c;
  }

  /** The node for `name` and each missing ancestor; the nearest existing one is found walking up. */
  private addNode(name: string): number {
    // Missing prefixes, deepest first; no recursion (a name may have thousands of parts).
    const missing: string[] = [name];
    let above = 0;
    for (let dot = name.lastIndexOf('.'); dot >= 0; dot = name.lastIndexOf('.', dot - 1)) {
      const prefix = name.slice(0, dot);
      const found = this.byName.get(prefix);
      if (found !== undefined) {
        above = found;
        break;
      }
      missing.push(prefix);
    }
    for (let k = missing.length - 1; k >= 0; k--) above = this.link(missing[k]!, above);
    return above;
  }

  private link(name: string, parent: number): number {
    const n = this.nodeNames.length;
    if (n >= this.parents.length) this.reserve(n + 1);
    this.nodeNames.push(name);
    this.byName.set(name, n);
    this.parents[n] = parent;
    this.nextSibling[n] = this.firstChild[parent]!;
    this.firstChild[parent] = n;
    this.childCounts[parent]!++;
    return n;
  }

  private reserve(min: number): void {
    this.parents = grow(this.parents, min, NONE);
    this.firstChild = grow(this.firstChild, min, NONE);
    this.nextSibling = grow(this.nextSibling, min, NONE);
    this.idOfNode = grow(this.idOfNode, min, NONE);
    this.childCounts = grow(this.childCounts, min, 0);
    this.owns = grow(this.owns, min, 0);
    this.totals = grow(this.totals, min, 0);
  }
}

function grow<T extends Int32Array | Uint32Array>(a: T, min: number, fill: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** A node's view (see LoggerNode): reads the tree's arrays, so counts are always live. */
class NodeView implements LoggerNode {
  private kids: ChildMap | undefined;

  constructor(
    private readonly tree: LoggerTree,
    private readonly n: number,
  ) {}

  get name(): string {
    return this.tree.nodeName(this.n);
  }

  get label(): string {
    // What follows the parent's name and its dot: `` for `a.`, and for a
    // name that starts with a dot (`.a`, a child of the root) the whole name.
    const p = this.tree.parentOf(this.n);
    const name = this.name;
    return p <= 0 ? name : name.slice(this.tree.nodeName(p).length + 1);
  }

  get parent(): LoggerNode | undefined {
    const p = this.tree.parentOf(this.n);
    return p === NONE ? undefined : this.tree.view(p);
  }

  get children(): ReadonlyMap<string, LoggerNode> {
    this.kids ??= new ChildMap(this.tree, this.n);
    return this.kids;
  }

  get own(): number {
    return this.tree.ownOf(this.n);
  }

  get total(): number {
    return this.tree.totalOf(this.n);
  }
}

/**
 * A node's children by label. `size` reads the count; the map of views is
 * made on the first other use and then takes in only the children added since.
 */
class ChildMap implements ReadonlyMap<string, LoggerNode> {
  private readonly map = new Map<string, LoggerNode>();

  constructor(
    private readonly tree: LoggerTree,
    private readonly n: number,
  ) {}

  get size(): number {
    return this.tree.childCount(this.n);
  }

  private current(): Map<string, LoggerNode> {
    const missing = this.size - this.map.size;
    if (missing > 0) {
      // The list is newest first: the first `missing` entries are the new ones.
      const fresh: LoggerNode[] = [];
      for (const c of this.tree.childNodes(this.n)) {
        fresh.push(this.tree.view(c));
        if (fresh.length === missing) break;
      }
      for (let k = fresh.length - 1; k >= 0; k--) this.map.set(fresh[k]!.label, fresh[k]!);
    }
    return this.map;
  }

  get(label: string): LoggerNode | undefined {
    return this.current().get(label);
  }

  has(label: string): boolean {
    return this.current().has(label);
  }

  forEach(cb: (value: LoggerNode, key: string, map: ReadonlyMap<string, LoggerNode>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.current()) cb.call(thisArg, v, k, this);
  }

  entries(): MapIterator<[string, LoggerNode]> {
    return this.current().entries();
  }

  keys(): MapIterator<string> {
    return this.current().keys();
  }

  values(): MapIterator<LoggerNode> {
    return this.current().values();
  }

  [Symbol.iterator](): MapIterator<[string, LoggerNode]> {
    return this.current().entries();
  }
}
