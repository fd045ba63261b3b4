import type { Exchange, HttpIndex } from '../../query/http-index.js';

/**
 * The HTTP view (`H`): one row per exchange of the index, those `keep`
 * keeps, with a cursor. Rows are taken again when the index grows or what
 * `keep` looks at changes (`keepVersion`).
 */
export class HttpPane {
  cursor = 0;
  top = 0;
  private cache: { key: string; rows: Exchange[] } | undefined;

  constructor(
    readonly index: HttpIndex,
    private readonly keep: (x: Exchange) => boolean,
    private readonly keepVersion: () => number = () => 0,
  ) {}

  rows(): readonly Exchange[] {
    const key = `${this.index.version}:${this.keepVersion()}`;
    if (this.cache?.key !== key) this.cache = { key, rows: this.index.exchanges.filter(this.keep) };
    return this.cache.rows;
  }

  /** The exchange under the cursor. */
  current(): Exchange | undefined {
    return this.rows()[this.cursor];
  }

  /** Move the cursor by delta rows (a page is height - 1), keeping it in the `height` rows shown. */
  move(delta: number, height: number): void {
    this.moveTo(this.cursor + delta, height);
  }

  moveTo(pos: number, height: number): void {
    const n = this.rows().length;
    this.cursor = Math.max(0, Math.min(n - 1, pos));
    const rows = Math.max(1, height);
    if (this.cursor < this.top) this.top = this.cursor;
    else if (this.cursor >= this.top + rows) this.top = this.cursor - rows + 1;
    this.top = Math.max(0, Math.min(this.top, Math.max(0, n - rows)));
  }
}
