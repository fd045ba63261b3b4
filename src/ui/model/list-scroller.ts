/** What the scroller scrolls over: a list that may still be growing. */
export interface ScrollSource {
  readonly length: number;
  /** False while the list is still being built (it may grow below). */
  readonly complete: boolean;
}

export interface ScrollerOptions {
  /** Screen lines a row takes when wrapping (1 when cutting). */
  rowHeight?: (pos: number) => number;
  /** Heard when following starts or stops. */
  onFollow?: (on: boolean) => void;
}

/**
 * Selection and scrolling of a list of rows, like bubbles' viewport: the
 * selected position, the first row on screen, follow (sticky bottom), wrap
 * and sideways scroll. Knows nothing of records: positions only.
 */
export class ListScroller {
  /** Selected position, and the first one on screen. */
  sel = 0;
  top = 0;
  follow = true;
  /** `g` was the last move: the first row stays selected while rows are indexed in front (as follow keeps the last). */
  private atStart = false;
  wrap = false;
  /** Columns of the message scrolled off to the left. */
  hscroll = 0;
  /** Rows on screen, and the list's width (for the sideways step). */
  height = 1;
  width = 80;
  private readonly rowHeight: (pos: number) => number;
  private readonly onFollow: (on: boolean) => void;

  constructor(
    private readonly source: ScrollSource,
    o: ScrollerOptions = {},
  ) {
    this.rowHeight = o.rowHeight ?? (() => 1);
    this.onFollow = o.onFollow ?? (() => {});
  }

  private get length(): number {
    return this.source.length;
  }

  private heightOf(pos: number): number {
    return this.wrap ? this.rowHeight(pos) : 1;
  }

  resize(width: number, height: number): void {
    this.width = Math.max(0, width);
    this.height = Math.max(1, height);
    this.ensureVisible();
  }

  /** The last row is selected and nothing more is coming from below. */
  atBottom(): boolean {
    return this.length === 0 || (this.sel >= this.length - 1 && this.source.complete);
  }

  private setFollow(on: boolean): void {
    if (on === this.follow) return;
    this.follow = on;
    this.onFollow(on);
  }

  /** Select a position; reaching the last row resumes following, like tail. */
  select(pos: number, o: { center?: boolean } = {}): void {
    const len = this.length;
    if (len === 0) return;
    const p = Math.max(0, Math.min(len - 1, pos));
    this.atStart = false;
    this.setFollow(p === len - 1 && this.source.complete && p >= this.sel);
    this.sel = p;
    if (o.center && !this.follow && (p < this.top || p >= this.top + this.height)) this.center();
    else this.ensureVisible();
  }

  moveBy(delta: number): void {
    if (this.length > 0) this.select(this.sel + delta);
  }

  /** The first row, and keep it while a file's start is indexed in front of it. */
  gotoTop(): void {
    this.select(0);
    this.atStart = true;
  }

  /** The last row, and follow from now on. */
  gotoBottom(): void {
    this.atStart = false;
    this.setFollow(true);
    this.ensureVisible();
  }

  private get page(): number {
    return Math.max(1, this.height - 1);
  }

  pageDown(): void {
    this.pageBy(this.page);
  }

  pageUp(): void {
    this.pageBy(-this.page);
  }

  halfPageDown(): void {
    this.pageBy(Math.ceil(this.height / 2));
  }

  halfPageUp(): void {
    this.pageBy(-Math.ceil(this.height / 2));
  }

  /** Scroll the view and the selection together, like less; at an end, go to the end. */
  private pageBy(delta: number): void {
    const len = this.length;
    if (len === 0) return;
    if (this.wrap) return this.moveBy(delta);
    const maxTop = Math.max(0, len - this.height);
    const top = Math.max(0, Math.min(maxTop, this.top + delta));
    const sel = top === this.top ? (delta > 0 ? len - 1 : 0) : this.sel + (top - this.top);
    this.top = top;
    this.select(sel);
  }

  center(): void {
    this.top = Math.max(0, this.sel - Math.floor(this.height / 2));
    this.ensureVisible();
  }

  /** Keep the selection in range and on screen (the bottom row when following). */
  ensureVisible(): void {
    const len = this.length;
    if (this.follow) return this.stickToBottom();
    this.sel = Math.max(0, Math.min(this.sel, len - 1));
    const h = this.height;
    if (this.sel < this.top) this.top = this.sel;
    if (!this.wrap) {
      if (this.sel >= this.top + h) this.top = this.sel - h + 1;
      this.top = Math.max(0, Math.min(this.top, Math.max(0, len - h)));
      return;
    }
    let used = 0;
    for (let p = this.top; p <= this.sel; p++) used += this.heightOf(p);
    while (this.top < this.sel && used > h) {
      used -= this.heightOf(this.top);
      this.top++;
    }
  }

  private stickToBottom(): void {
    const len = this.length;
    this.sel = Math.max(0, len - 1);
    const h = this.height;
    if (!this.wrap) {
      this.top = Math.max(0, len - h);
      return;
    }
    let top = this.sel;
    let used = len > 0 ? this.heightOf(top) : 0;
    while (top > 0 && used + this.heightOf(top - 1) <= h) {
      top--;
      used += this.heightOf(top);
    }
    this.top = top;
  }

  /**
   * `count` rows were inserted at position `at` (records indexed in front of
   * those shown): positions at or after it move down, so the selected row
   * and the rows on screen stay the same; after `g`, the first row stays.
   */
  shift(at: number, count: number): void {
    if (count <= 0) return;
    if (this.follow) return this.stickToBottom();
    if (this.atStart) return this.ensureVisible();
    if (this.sel >= at) this.sel += count;
    if (this.top >= at) this.top += count;
    this.ensureVisible();
  }

  toggleWrap(): boolean {
    this.wrap = !this.wrap;
    this.hscroll = 0;
    this.ensureVisible();
    return this.wrap;
  }

  private get hstep(): number {
    return Math.max(8, Math.floor(this.width / 4));
  }

  scrollRight(): void {
    if (!this.wrap) this.hscroll += this.hstep;
  }

  scrollLeft(): void {
    if (!this.wrap) this.hscroll = Math.max(0, this.hscroll - this.hstep);
  }

  scrollHome(): void {
    this.hscroll = 0;
  }
}
