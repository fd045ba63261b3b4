/** One node of the dotted logger hierarchy. */
export interface LoggerNode {
  /** Full dotted name; "" for the root. */
  name: string;
  /** Last component (`send` for `kamaki.clients.send`). */
  label: string;
  parent: LoggerNode | undefined;
  children: Map<string, LoggerNode>;
  /** Records logged by exactly this logger. */
  own: number;
  /** Records in this subtree. */
  total: number;
}

/**
 * Interned logger names (name <-> small integer id) and the hierarchy with
 * record counts. Ancestor chains are cached per id, so counting a record is a
 * walk over a short array.
 */
export class LoggerTree {
  readonly root: LoggerNode = { name: '', label: '', parent: undefined, children: new Map(), own: 0, total: 0 };
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly chains: LoggerNode[][] = [];
  /** Bumped whenever a new logger appears. */
  shapeVersion = 0;

  /** Id for a name, creating the node (and its ancestors) on first sight. */
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id !== undefined) return id;
    id = this.names.length;
    this.ids.set(name, id);
    this.names.push(name);
    this.chains.push(this.chainFor(name));
    this.shapeVersion++;
    return id;
  }

  name(id: number): string {
    return this.names[id]!;
  }

  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  get size(): number {
    return this.names.length;
  }

  allNames(): readonly string[] {
    return this.names;
  }

  /** Take back one count(id) (a record replaced by a longer version of itself). */
  uncount(id: number): void {
    const chain = this.chains[id]!;
    for (let i = 0; i < chain.length; i++) chain[i]!.total--;
    chain[chain.length - 1]!.own--;
  }

  count(id: number): void {
    const chain = this.chains[id]!;
    for (let i = 0; i < chain.length; i++) chain[i]!.total++;
    chain[chain.length - 1]!.own++;
  }

  node(name: string): LoggerNode | undefined {
    if (name === '') return this.root;
    let n: LoggerNode | undefined = this.root;
    for (const part of name.split('.')) {
      n = n.children.get(part);
      if (!n) return undefined;
    }
    return n;
  }

  /** root, then each ancestor, then the node itself. */
  private chainFor(name: string): LoggerNode[] {
    const chain = [this.root];
    if (name === '') return chain;
    let n = this.root;
    let full = '';
    for (const part of name.split('.')) {
      full = full === '' ? part : `${full}.${part}`;
      let c = n.children.get(part);
      if (!c) {
        c = { name: full, label: part, parent: n, children: new Map(), own: 0, total: 0 };
        n.children.set(part, c);
      }
      chain.push(c);
      n = c;
    }
    return chain;
  }
}
