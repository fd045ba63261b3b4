import { wrapSegments, type Seg } from '../../render/text-fit.js';

/**
 * A scrollable full-width pane over the body: a record's details or the
 * help. Its lines are wrapped once per width.
 */
export class OverlayPane {
  scroll = 0;
  private wrapped: { columns: number; lines: Seg[][] } | undefined;

  constructor(
    readonly kind: 'details' | 'help',
    readonly title: string,
    readonly lines: readonly Seg[][],
  ) {}

  /** The lines wrapped to `columns` (cached). */
  wrappedLines(columns: number): Seg[][] {
    if (this.wrapped?.columns !== columns) {
      const out: Seg[][] = [];
      for (const l of this.lines) {
        if (l.length === 0) out.push([]);
        else out.push(...wrapSegments(l, columns));
      }
      this.wrapped = { columns, lines: out };
    }
    return this.wrapped.lines;
  }

  /** Scroll to a line, keeping a screen's worth in sight; `rows` lines show below the title. */
  scrollTo(line: number, columns: number, rows: number): void {
    const max = Math.max(0, this.wrappedLines(columns).length - rows);
    this.scroll = Math.max(0, Math.min(max, line));
  }
}
