import { RowCache, rowLayout, rowSegments, sourceTags, type ColumnChoices, type RowLayout, type RowSegs } from '../render/row-format.js';
import { wrapSegments } from '../render/text-fit.js';
import type { Theme } from '../render/theme.js';
import type { RecordStore } from '../store/record-store.js';

/** What the rows need to know from the viewer at draw time. */
export interface RowContext {
  /** The list's width in columns. */
  width(): number;
  /** Search matches to highlight. */
  highlight(): RegExp | undefined;
  /** The config's column choices. */
  columns?: ColumnChoices | undefined;
}

/**
 * Records as list rows: the column layout for the list's width (cached per
 * logger shape), each row's segments, and its height when wrapping, exactly
 * as the list draws it (wrapSegments never splits a wide character, so
 * width / columns would undercount), remembered per record.
 */
export class RecordRows {
  private tagged: { count: number; tags: readonly string[] } = { count: -1, tags: [] };
  private readonly cache: RowCache;
  private layoutCache: { key: string; layout: RowLayout } | undefined;
  private heights: { width: number; layout: RowLayout | undefined; map: Map<number, number> } = { width: 0, layout: undefined, map: new Map() };

  constructor(
    private readonly store: RecordStore,
    private readonly sourceNames: readonly string[],
    private readonly theme: Theme,
    private readonly ctx: RowContext,
  ) {
    this.cache = new RowCache(store);
  }

  /** Each source's tag; made again when a source is added (a new file under a remote pattern). */
  get tags(): readonly string[] {
    if (this.tagged.count !== this.sourceNames.length) this.tagged = { count: this.sourceNames.length, tags: sourceTags(this.sourceNames) };
    return this.tagged.tags;
  }

  layout(): RowLayout {
    const width = this.ctx.width();
    const key = `${width}:${this.store.loggers.shapeVersion}:${this.sourceNames.length}`;
    if (this.layoutCache?.key !== key) {
      let longest = 0;
      for (const n of this.store.loggers.allNames()) longest = Math.max(longest, n.length);
      const longestTag = Math.max(0, ...this.tags.map((t) => t.length));
      this.layoutCache = { key, layout: rowLayout(width, longest, longestTag, this.ctx.columns) };
    }
    return this.layoutCache.layout;
  }

  /** Record i changed in the store (its unterminated last line grew): forget its row and height. */
  forget(i: number): void {
    this.cache.forget(i);
    this.heights.map.delete(i);
  }

  /** Segments of the record at store index i. */
  row(i: number): RowSegs {
    const s = this.store;
    const source = s.sourceId(i);
    const cols = { time: s.time(i), level: s.level(i), logger: s.logger(i), source, tag: this.tags[source] ?? '' };
    return rowSegments(cols, this.cache.get(i), this.layout(), this.theme, this.ctx.highlight());
  }

  /** Screen lines the record at store index i takes when wrapped to the list's width. */
  height(i: number): number {
    const w = Math.max(1, this.ctx.width());
    const rl = this.layout();
    if (this.heights.width !== w || this.heights.layout !== rl || this.heights.map.size > 4096) this.heights = { width: w, layout: rl, map: new Map() };
    let h = this.heights.map.get(i);
    if (h === undefined) {
      const { fixed, message } = this.row(i);
      h = Math.max(1, wrapSegments([...fixed, ...message], w).length);
      this.heights.map.set(i, h);
    }
    return h;
  }
}
