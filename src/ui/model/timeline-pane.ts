import type { RecordView } from '../../query/record-view.js';
import { TimelineCounts, type Histogram, type TimeLevelSource } from '../../query/timeline.js';
import type { SlicedJob } from './scheduler.js';

/**
 * The timeline pane: whether it is open, the bucket under its cursor, and
 * the counting job that keeps the histogram up with the view (it runs while
 * the pane is closed too: the status bar's sparkline reads the same counts).
 */
export class TimelinePane {
  open = false;
  /** Epoch ms of the start of the bucket under the cursor; undefined: the last bucket (it follows). */
  cursorTime: number | undefined;
  readonly counts: TimelineCounts;
  readonly job: SlicedJob;

  constructor(store: TimeLevelSource, view: RecordView) {
    this.counts = new TimelineCounts(store);
    this.job = {
      pending: () => this.counts.pending(view.shownLists(), view.generation),
      step: (deadline) => void this.counts.update(view.shownLists(), view.generation, deadline),
      quiet: () => !this.open,
    };
  }

  /** The column under the cursor in a histogram. */
  cursorColumn(h: Histogram): number {
    const n = h.counts.length;
    if (n === 0) return -1;
    if (this.cursorTime === undefined) return n - 1;
    return Math.max(0, Math.min(n - 1, Math.floor((this.cursorTime - h.start) / h.size)));
  }

  /** Move the cursor by `by` columns (clamped); the last column follows new buckets. */
  move(h: Histogram, by: number): void {
    const n = h.counts.length;
    if (n === 0) return;
    const col = Math.max(0, Math.min(n - 1, this.cursorColumn(h) + by));
    this.cursorTime = col === n - 1 ? undefined : h.start + col * h.size;
  }

  /** Cursor to the first (0) or last column. */
  moveTo(h: Histogram, end: 'first' | 'last'): void {
    if (h.counts.length === 0) return;
    this.cursorTime = end === 'last' || h.counts.length === 1 ? undefined : h.start;
  }
}
