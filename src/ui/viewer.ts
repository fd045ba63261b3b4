import { Level, LEVEL_NAMES } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import type { ColumnsPart } from '../model/record-columns.js';
import { LoggerRules, ThresholdTable } from '../query/logger-rules.js';
import { RecordView, type ViewFilter } from '../query/record-view.js';
import { textMatches } from '../query/record-filter.js';
import { compileSearch, MatchIndex, RecordMemo, type SearchPattern } from '../query/text-search.js';
import type { Theme } from '../render/theme.js';
import type { RecordStore } from '../store/record-store.js';
import type { NoticeKind } from '../pipeline/ingest.js';
import { detailLines } from './details-lines.js';
import { helpText } from './help-lines.js';
import type { KeyName } from './keys.js';
import { RowCache, rowLayout, rowSegments, type RowLayout } from './row-format.js';
import { wrapSegments, type Seg } from './text-fit.js';
import { LoggerFinder, TreeModel } from './tree-model.js';

export interface ViewerOptions {
  store: RecordStore;
  sourceNames: readonly string[];
  theme: Theme;
  rules?: LoggerRules;
  since?: number;
  until?: number;
  /** `--grep`: only records whose message or a body line matches (as in print mode). */
  grep?: RegExp;
  columns: number;
  rows: number;
  onQuit?: () => void;
  /** Runs background work soon; setImmediate by default. */
  schedule?: (fn: () => void) => void;
  /** How long records wait to be appended in one batch while streaming in. */
  appendDelayMs?: number;
}

export interface Overlay {
  kind: 'details' | 'help';
  title: string;
  lines: Seg[][];
  scroll: number;
}

export interface Prompt {
  kind: 'search' | 'find';
  text: string;
  /** The search text's regex error, set as it is typed. */
  error?: string;
}

interface FindRange {
  pos: number;
  /** Exclusive bound going forward (undefined: the view's end, which may grow); inclusive going back. */
  end: number | undefined;
  dir: 1 | -1;
}

interface FindJob {
  ranges: FindRange[];
  /** Where to go back to when nothing matches (incremental search). */
  fallback?: number;
  notFound: string;
}

interface SearchSession {
  origin: number;
  originTop: number;
  previous: SearchPattern | undefined;
  previousOnly: boolean;
}

/** Time slice for background work between keys (ms). */
const SLICE_MS = 8;
/** While work goes on in the background, redraw at most this often (ms). */
const PROGRESS_MS = 80;
/** Side-by-side tree pane from this width; narrower, it takes the whole body. */
const SIDE_TREE_MIN_COLS = 100;

const now = (): number => performance.now();

/**
 * The viewer's whole state and behaviour, outside React: records in the
 * store, the filtered view, selection and scrolling, follow, search, the
 * logger tree pane, overlays and prompts. Keys come in through `key()`;
 * components read the state and subscribe to `version`.
 */
export class Viewer {
  readonly store: RecordStore;
  readonly theme: Theme;
  readonly rules: LoggerRules;
  readonly view: RecordView;
  readonly rows: RowCache;
  readonly tree: TreeModel;
  readonly finder: LoggerFinder;
  readonly sourceNames: readonly string[];

  columns: number;
  height: number;
  /** Selected view position, and the first one on screen. */
  sel = 0;
  top = 0;
  follow = true;
  wrap = false;
  hscroll = 0;
  treeOpen = false;
  focus: 'list' | 'tree' = 'list';
  overlay: Overlay | undefined;
  prompt: Prompt | undefined;
  /** A one-key message in the status bar ("no more matches"). */
  message: { text: string; error: boolean } | undefined;
  search: SearchPattern | undefined;
  matches: MatchIndex | undefined;
  matchesOnly = false;
  /** The --grep filter, fixed for the session. */
  readonly grep: RegExp | undefined;
  private readonly grepMatches: RecordMemo | undefined;
  readonly notices = new Map<number, { text: string; kind: NoticeKind }>();
  /** Matches among view positions [0, countedTo). */
  matchCount = 0;
  countedTo = 0;

  version = 0;
  private listeners = new Set<() => void>();
  private readonly thresholds: ThresholdTable;
  private readonly since: number | undefined;
  private readonly until: number | undefined;
  private readonly schedule: (fn: () => void) => void;
  private readonly appendDelay: number;
  private readonly onQuit: () => void;
  /** Records went into the store since the view last caught up. */
  private appended = false;
  private appendTimer: ReturnType<typeof setTimeout> | undefined;
  private workScheduled = false;
  private lastNotify = 0;
  private dirty = false;
  private pendingAnchor: number | undefined;
  private storeSizeAtPause = 0;
  private find: FindJob | undefined;
  private searchSession: SearchSession | undefined;
  private layoutCache: { key: string; layout: RowLayout } | undefined;
  private heightCache: { width: number; layout: RowLayout | undefined; heights: Map<number, number> } = { width: 0, layout: undefined, heights: new Map() };
  private wrapCache: { overlay: Overlay; columns: number; lines: Seg[][] } | undefined;
  private quitting = false;

  constructor(o: ViewerOptions) {
    this.store = o.store;
    this.theme = o.theme;
    this.sourceNames = o.sourceNames;
    this.rules = o.rules ?? new LoggerRules();
    this.since = o.since;
    this.until = o.until;
    this.columns = o.columns;
    this.height = o.rows;
    this.schedule = o.schedule ?? ((fn) => void setImmediate(fn));
    this.appendDelay = o.appendDelayMs ?? 60;
    this.onQuit = o.onQuit ?? (() => {});
    this.thresholds = new ThresholdTable(this.rules, this.store.loggers);
    this.rows = new RowCache(this.store);
    this.tree = new TreeModel(this.store.loggers);
    this.finder = new LoggerFinder(this.store.loggers);
    const grep = o.grep;
    if (grep) {
      this.grep = grep;
      this.grepMatches = new RecordMemo((i) => {
        const r = this.store.get(i);
        return textMatches(grep, r.message, r.body);
      });
    }
    this.view = new RecordView(this.store, this.makeFilter());
    this.scheduleWork();
  }

  // ---- subscription -------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private notify(): void {
    this.version++;
    this.dirty = false;
    this.lastNotify = now();
    for (const l of this.listeners) l();
  }

  // ---- layout -------------------------------------------------------------

  /** Ink's root is one row shorter than the terminal: a full-height frame makes Ink clear and redraw. */
  get frameHeight(): number {
    return Math.max(2, this.height - 1);
  }

  get bodyHeight(): number {
    return Math.max(1, this.frameHeight - 1 - (this.prompt ? 1 : 0));
  }

  get treeSideBySide(): boolean {
    return this.treeOpen && this.columns >= SIDE_TREE_MIN_COLS;
  }

  get treeWidth(): number {
    if (!this.treeOpen) return 0;
    return this.treeSideBySide ? Math.min(48, Math.floor(this.columns * 0.35)) : this.columns;
  }

  /** Width of the record list (0 when the tree pane covers it). */
  get listWidth(): number {
    if (!this.treeOpen) return this.columns;
    return this.treeSideBySide ? this.columns - this.treeWidth - 1 : 0;
  }

  resize(columns: number, rows: number): void {
    this.columns = Math.max(1, columns);
    this.height = Math.max(2, rows);
    this.ensureVisible();
    this.tree.scrollIntoView(this.bodyHeight);
    this.notify();
  }

  rowLayout(): RowLayout {
    const width = this.listWidth;
    const key = `${width}:${this.store.loggers.shapeVersion}`;
    if (this.layoutCache?.key !== key) {
      let longest = 0;
      for (const n of this.store.loggers.allNames()) longest = Math.max(longest, n.length);
      this.layoutCache = { key, layout: rowLayout(width, longest) };
    }
    return this.layoutCache.layout;
  }

  /** Segments of the record at a view position. */
  rowSegs(pos: number): Seg[] {
    const i = this.view.at(pos);
    const highlight = this.search?.all;
    return rowSegments(
      { time: this.store.time(i), level: this.store.level(i), logger: this.store.logger(i) },
      this.rows.get(i),
      this.rowLayout(),
      this.theme,
      highlight,
    );
  }

  /**
   * Screen lines a row takes (1 unless wrapping): exactly as many as the list
   * draws (wrapSegments never splits a wide character, so width / columns
   * would undercount). Remembered per record for the current width and layout.
   */
  rowHeight(pos: number): number {
    if (!this.wrap) return 1;
    const w = Math.max(1, this.listWidth);
    const layout = this.rowLayout();
    const c = this.heightCache;
    if (c.width !== w || c.layout !== layout || c.heights.size > 4096) this.heightCache = { width: w, layout, heights: new Map() };
    const i = this.view.at(pos);
    let h = this.heightCache.heights.get(i);
    if (h === undefined) {
      h = Math.max(1, wrapSegments(this.rowSegs(pos), w).length);
      this.heightCache.heights.set(i, h);
    }
    return h;
  }

  // ---- records coming in -------------------------------------------------

  /**
   * Records from ingest go into the store's columns at once (held as objects
   * until a timer, they would outlive V8's young generation and cost major
   * GCs); the view and the screen catch up a few times a second.
   */
  enqueue(records: LogRecord[]): void {
    if (records.length === 0) return;
    this.store.append(records);
    this.appended = true;
    if (this.appendTimer === undefined) this.appendTimer = setTimeout(() => this.flushAppends(), this.appendDelay);
  }

  /** A live source's last record grew (its unterminated last line got more bytes): show the new version in place. */
  replaceLast(record: LogRecord): void {
    const i = this.store.replaceLast(record);
    if (i === undefined) return;
    this.rows.forget(i);
    this.heightCache.heights.delete(i);
    this.progressChanged();
  }

  /** Records of a big file's start, indexed after its tail: they go in front of every other record. */
  enqueueFront(records: LogRecord[]): void {
    if (records.length === 0) return;
    this.store.insertFront(records);
    this.appended = true;
    if (this.appendTimer === undefined) this.appendTimer = setTimeout(() => this.flushAppends(), this.appendDelay);
  }

  /** The same from worker threads, as columns. */
  enqueueFrontColumns(part: ColumnsPart): void {
    this.store.insertFrontColumns(part);
    this.progressChanged();
  }

  /** Indexing progress changed (or ended): the status bar shows it on the next frame. */
  progressChanged(): void {
    this.appended = true;
    if (this.appendTimer === undefined) this.appendTimer = setTimeout(() => this.flushAppends(), this.appendDelay);
  }

  /** Bring the view and the screen up to the store now (tests, and the end of input). */
  flushAppends(): void {
    if (this.appendTimer !== undefined) clearTimeout(this.appendTimer);
    this.appendTimer = undefined;
    if (!this.appended) return;
    this.appended = false;
    // Column-only filters take microseconds for a batch: extend the view at once.
    if (!this.view.hasTextTest) this.view.advance(now() + SLICE_MS);
    this.afterViewProgress();
    this.scheduleWork();
    this.notify();
  }

  /** The latest notice per source shows: a follower reports recovery ("file appeared") too. */
  notice(sourceId: number, text: string, kind: NoticeKind): void {
    this.notices.set(sourceId, { text, kind });
    this.notify();
  }

  /** Records that arrived below while paused (in the view). */
  get newCount(): number {
    if (this.follow) return 0;
    return this.view.length - this.view.positionOf(this.storeSizeAtPause);
  }

  // ---- filters ------------------------------------------------------------

  private makeFilter(): ViewFilter {
    const f: ViewFilter = { thresholds: () => this.thresholds.current() };
    if (this.since !== undefined) f.since = this.since;
    if (this.until !== undefined) f.until = this.until;
    const m = this.matchesOnly ? this.matches : undefined;
    const g = this.grepMatches;
    if (m && g) f.text = (i) => g.test(i) && m.test(i);
    else if (m || g) f.text = (i) => (m ?? g)!.test(i);
    return f;
  }

  /** Filters changed: rebuild the view over all records, keeping the selected record in sight. */
  private refilter(): void {
    const anchor = this.follow || this.view.length === 0 ? undefined : this.view.at(Math.min(this.sel, this.view.length - 1));
    this.view.reset(this.makeFilter());
    this.resetCount();
    this.find = undefined;
    this.pendingAnchor = anchor;
    this.view.advance(now() + SLICE_MS);
    this.afterViewProgress();
    this.scheduleWork();
  }

  private afterViewProgress(): void {
    // Records of a big file's start indexed in front of the tail on screen:
    // the selected record stays the same record.
    for (const ins of this.view.takeInserts()) {
      if (this.follow) continue;
      if (this.sel >= ins.at) this.sel += ins.count;
      if (this.top >= ins.at) this.top += ins.count;
    }
    const len = this.view.length;
    if (this.follow) {
      this.toBottomPosition();
      return;
    }
    if (this.pendingAnchor !== undefined && (this.view.examined(this.pendingAnchor) || this.view.complete)) {
      const pos = Math.min(this.view.positionOf(this.pendingAnchor), Math.max(0, len - 1));
      this.pendingAnchor = undefined;
      this.sel = pos;
      this.center();
      return;
    }
    this.sel = Math.max(0, Math.min(this.sel, len - 1));
    this.ensureVisible();
  }

  setGlobalLevel(delta: 1 | -1): void {
    const next = Math.max(Level.none, Math.min(Level.critical, this.rules.globalLevel + delta)) as Level;
    if (next === this.rules.globalLevel) return;
    this.rules.globalLevel = next;
    this.say(next === Level.none ? 'all levels' : `level ≥ ${LEVEL_NAMES[next].toUpperCase()}`);
    this.refilter();
  }

  // ---- selection and scrolling -------------------------------------------

  private toBottomPosition(): void {
    const len = this.view.length;
    this.sel = Math.max(0, len - 1);
    const h = this.bodyHeight;
    if (!this.wrap) {
      this.top = Math.max(0, len - h);
      return;
    }
    let top = this.sel;
    let used = len > 0 ? this.rowHeight(top) : 0;
    while (top > 0 && used + this.rowHeight(top - 1) <= h) {
      top--;
      used += this.rowHeight(top);
    }
    this.top = top;
  }

  ensureVisible(): void {
    const len = this.view.length;
    if (this.follow) {
      this.toBottomPosition();
      return;
    }
    this.sel = Math.max(0, Math.min(this.sel, len - 1));
    const h = this.bodyHeight;
    if (this.sel < this.top) this.top = this.sel;
    if (!this.wrap) {
      if (this.sel >= this.top + h) this.top = this.sel - h + 1;
      this.top = Math.max(0, Math.min(this.top, Math.max(0, len - h)));
      return;
    }
    let used = 0;
    for (let p = this.top; p <= this.sel; p++) used += this.rowHeight(p);
    while (this.top < this.sel && used > h) {
      used -= this.rowHeight(this.top);
      this.top++;
    }
  }

  private center(): void {
    this.top = Math.max(0, this.sel - Math.floor(this.bodyHeight / 2));
    this.ensureVisible();
  }

  private setFollow(on: boolean): void {
    if (on === this.follow) return;
    this.follow = on;
    if (!on) this.storeSizeAtPause = this.store.size;
  }

  /** Select a view position; reaching the last record resumes following, like tail. */
  select(pos: number, opts: { center?: boolean } = {}): void {
    const len = this.view.length;
    this.pendingAnchor = undefined;
    if (len === 0) return;
    const p = Math.max(0, Math.min(len - 1, pos));
    this.setFollow(p === len - 1 && this.view.complete && p >= this.sel);
    this.sel = p;
    if (opts.center && !this.follow && (p < this.top || p >= this.top + this.bodyHeight)) this.center();
    else this.ensureVisible();
  }

  private moveBy(delta: number): void {
    if (this.view.length === 0) return;
    this.select(this.sel + delta);
  }

  /** Scroll the view and the selection together, like less; at an end, go to the end. */
  private pageBy(delta: number): void {
    const len = this.view.length;
    if (len === 0) return;
    if (this.wrap) return this.moveBy(delta);
    const maxTop = Math.max(0, len - this.bodyHeight);
    const top = Math.max(0, Math.min(maxTop, this.top + delta));
    const sel = top === this.top ? (delta > 0 ? len - 1 : 0) : this.sel + (top - this.top);
    this.top = top;
    this.select(sel);
  }

  private toBottom(): void {
    this.pendingAnchor = undefined;
    this.follow = true;
    this.toBottomPosition();
  }

  private nextLevel(dir: 1 | -1, min: Level): void {
    const len = this.view.length;
    for (let p = this.sel + dir; p >= 0 && p < len; p += dir) {
      if (this.store.level(this.view.at(p)) >= min) {
        this.select(p, { center: true });
        return;
      }
    }
    this.say(dir > 0 ? 'no more errors below' : 'no more errors above');
  }

  // ---- search ---------------------------------------------------------------

  /** Change the search; `only` keeps (or sets) matches-only when there is a pattern. */
  private setSearch(p: SearchPattern | undefined, only = this.matchesOnly): void {
    const wasOnly = this.matchesOnly;
    this.search = p;
    this.matches = p?.test ? new MatchIndex(p, this.store) : undefined;
    this.matchesOnly = only && this.matches !== undefined;
    this.resetCount();
    if (wasOnly || this.matchesOnly) this.refilter();
  }

  private openSearch(): void {
    this.searchSession = {
      origin: this.sel,
      originTop: this.top,
      previous: this.search,
      previousOnly: this.matchesOnly,
    };
    this.prompt = { kind: 'search', text: '' };
    this.ensureVisible();
  }

  private searchTyped(text: string): void {
    const s = this.searchSession!;
    const p = compileSearch(text);
    this.prompt = { kind: 'search', text, ...(p.error !== undefined ? { error: p.error } : {}) };
    if (p.error) {
      // Keep the last good highlight; the prompt shows the error.
      return;
    }
    this.setSearch(p.test ? p : undefined, s.previousOnly || this.matchesOnly);
    if (!this.matches) return;
    if (this.matchesOnly) return; // the view itself shows the matches
    this.startFind(
      [
        { pos: s.origin, end: undefined, dir: 1 },
        { pos: 0, end: s.origin, dir: 1 },
      ],
      'no match',
      s.origin,
    );
  }

  private closeSearch(commit: boolean): void {
    const s = this.searchSession;
    this.prompt = undefined;
    this.searchSession = undefined;
    if (!s || commit) {
      // An invalid pattern at Enter leaves the last good one in force.
      this.ensureVisible();
      return;
    }
    this.find = undefined;
    this.setSearch(s.previous, s.previousOnly);
    if (!this.matchesOnly) {
      this.sel = s.origin;
      this.top = s.originTop;
      this.ensureVisible();
    }
  }

  private findNext(dir: 1 | -1): void {
    if (!this.matches) {
      this.say('no search: press / first', true);
      return;
    }
    const len = this.view.length;
    if (len === 0) return;
    this.startFind(
      [dir > 0 ? { pos: this.sel + 1, end: undefined, dir: 1 } : { pos: this.sel - 1, end: 0, dir: -1 }],
      dir > 0 ? 'no more matches below' : 'no more matches above',
    );
  }

  private startFind(ranges: FindRange[], notFound: string, fallback?: number): void {
    this.find = { ranges, notFound, ...(fallback !== undefined ? { fallback } : {}) };
    this.stepFind(now() + SLICE_MS);
    this.scheduleWork();
  }

  /** Look for the next match within the time slice; true when the job is over. */
  private stepFind(deadline: number): boolean {
    const job = this.find;
    const m = this.matches;
    if (!job || !m) {
      this.find = undefined;
      return true;
    }
    let checked = 0;
    while (job.ranges.length > 0) {
      const r = job.ranges[0]!;
      const end = r.end ?? this.view.length;
      while (r.dir > 0 ? r.pos < end : r.pos >= end) {
        if (m.test(this.view.at(r.pos))) {
          this.find = undefined;
          this.select(r.pos, { center: true });
          return true;
        }
        r.pos += r.dir;
        if (++checked % 256 === 0 && now() > deadline) return false;
      }
      job.ranges.shift();
    }
    this.find = undefined;
    if (job.fallback !== undefined) {
      this.sel = job.fallback;
      this.ensureVisible();
    }
    this.say(job.notFound, true);
    return true;
  }

  private toggleMatchesOnly(): void {
    if (!this.matches) {
      this.say('no search: press / first', true);
      return;
    }
    this.matchesOnly = !this.matchesOnly;
    this.say(this.matchesOnly ? 'showing only matches' : 'showing all records');
    this.refilter();
  }

  /** The view or the search changed: count matches again from the top. */
  private resetCount(): void {
    this.matchCount = 0;
    this.countedTo = 0;
  }

  /** Count matches in the view, in slices; true when up to date. */
  private stepCount(deadline: number): boolean {
    const m = this.matches;
    if (!m) return true;
    const len = this.view.length;
    let k = 0;
    while (this.countedTo < len) {
      if (m.test(this.view.at(this.countedTo))) this.matchCount++;
      this.countedTo++;
      if (++k % 256 === 0 && now() > deadline) return false;
    }
    return this.view.complete;
  }

  get countComplete(): boolean {
    return this.matches !== undefined && this.countedTo >= this.view.length && this.view.complete;
  }

  // ---- background work ----------------------------------------------------

  private hasWork(): boolean {
    return !this.view.complete || this.find !== undefined || (this.matches !== undefined && !this.countComplete);
  }

  private scheduleWork(): void {
    if (this.workScheduled || !this.hasWork()) return;
    this.workScheduled = true;
    this.schedule(() => this.runWork());
  }

  private runWork(): void {
    this.workScheduled = false;
    if (this.quitting) return;
    if (this.step(now() + SLICE_MS)) this.dirty = true;
    const more = this.hasWork();
    if (this.dirty && (!more || now() - this.lastNotify >= PROGRESS_MS)) this.notify();
    if (more) this.scheduleWork();
  }

  /** One slice of background work (view, logger find, match count) until the deadline; true if any ran. */
  private step(deadline: number): boolean {
    let ran = false;
    if (!this.view.complete) {
      this.view.advance(deadline);
      this.afterViewProgress();
      ran = true;
    }
    if (this.find && now() < deadline) {
      this.stepFind(deadline);
      ran = true;
    }
    if (this.matches && !this.countComplete && now() < deadline) {
      this.stepCount(deadline);
      ran = true;
    }
    return ran;
  }

  /** Do all pending work now (tests, benchmarks). */
  drain(): void {
    this.flushAppends();
    for (let guard = 0; this.hasWork() && guard < 1e7; guard++) this.step(now() + 1000);
    this.notify();
  }

  stop(): void {
    this.quitting = true;
    if (this.appendTimer !== undefined) clearTimeout(this.appendTimer);
    this.appendTimer = undefined;
  }

  // ---- messages -----------------------------------------------------------

  say(text: string, error = false): void {
    this.message = { text, error };
  }

  // ---- overlays -------------------------------------------------------------

  private openDetails(): void {
    if (this.view.length === 0) return;
    const i = this.view.at(this.sel);
    const rec = this.store.get(i);
    this.overlay = {
      kind: 'details',
      title: 'record details',
      lines: detailLines(rec, this.sourceNames[rec.sourceId] ?? '', this.theme),
      scroll: 0,
    };
  }

  private openHelp(): void {
    const bold = this.theme.enabled ? '\x1b[1m' : '';
    this.overlay = {
      kind: 'help',
      title: 'keys',
      lines: helpText().map((l) => [{ text: l, open: l.startsWith(' ') || l === '' ? '' : bold }]),
      scroll: 0,
    };
  }

  /** The overlay's lines wrapped to the screen width (cached). */
  overlayLines(): Seg[][] {
    const o = this.overlay;
    if (!o) return [];
    // Keyed on the overlay itself: each opening builds a new one.
    if (this.wrapCache?.overlay !== o || this.wrapCache.columns !== this.columns) {
      const out: Seg[][] = [];
      for (const l of o.lines) {
        if (l.length === 0) out.push([]);
        else out.push(...wrapSegments(l, this.columns));
      }
      this.wrapCache = { overlay: o, columns: this.columns, lines: out };
    }
    return this.wrapCache.lines;
  }

  private scrollOverlay(to: number): void {
    const o = this.overlay!;
    const max = Math.max(0, this.overlayLines().length - (this.bodyHeight - 1));
    o.scroll = Math.max(0, Math.min(max, to));
  }

  // ---- keys ------------------------------------------------------------------

  /** One key. Listeners hear about it once. */
  key(k: KeyName): void {
    this.keyNoNotify(k);
    this.notify();
  }

  /** Several keys (typed quickly, or pasted), one redraw. */
  keys(ks: readonly KeyName[]): void {
    for (const k of ks) this.keyNoNotify(k);
    this.notify();
  }

  private keyNoNotify(k: KeyName): void {
    if (this.quitting) return;
    this.message = undefined;
    if (k === 'ctrl-c') return this.quit();
    if (this.prompt) return this.promptKey(k);
    if (this.overlay) return this.overlayKey(k);
    if (this.treeOpen && (this.focus === 'tree' || this.listWidth === 0)) return this.treeKey(k);
    return this.listKey(k);
  }

  private quit(): void {
    this.quitting = true;
    this.stop();
    this.onQuit();
  }

  private page(): number {
    return Math.max(1, this.bodyHeight - 1);
  }

  private listKey(k: KeyName): void {
    switch (k) {
      case 'q':
        return this.quit();
      case 'j':
      case 'down':
      case 'ctrl-n':
      case 'ctrl-e':
        return this.moveBy(1);
      case 'k':
      case 'up':
      case 'ctrl-p':
      case 'ctrl-y':
        return this.moveBy(-1);
      case 'pagedown':
      case ' ':
      case 'ctrl-f':
      case 'f':
        return this.pageBy(this.page());
      case 'pageup':
      case 'b':
      case 'ctrl-b':
        return this.pageBy(-this.page());
      case 'ctrl-d':
        return this.pageBy(Math.ceil(this.bodyHeight / 2));
      case 'ctrl-u':
        return this.pageBy(-Math.ceil(this.bodyHeight / 2));
      case 'g':
      case 'home':
        return this.select(0);
      case 'G':
      case 'end':
      case 'F':
        return this.toBottom();
      case '/':
        return this.openSearch();
      case 'n':
        return this.findNext(1);
      case 'N':
        return this.findNext(-1);
      case '&':
        return this.toggleMatchesOnly();
      case 't':
        return this.toggleTree();
      case 'tab':
      case 'shift-tab':
        if (this.treeOpen) this.focus = 'tree';
        return;
      case '+':
      case '=':
        return this.setGlobalLevel(1);
      case '-':
      case '_':
        return this.setGlobalLevel(-1);
      case 'e':
        return this.nextLevel(1, Level.error);
      case 'E':
        return this.nextLevel(-1, Level.error);
      case 'enter':
        return this.openDetails();
      case '?':
        return this.openHelp();
      case 'escape':
        if (this.treeOpen) this.toggleTree();
        return;
      case 'w':
        this.wrap = !this.wrap;
        this.hscroll = 0;
        this.say(this.wrap ? 'wrapping long lines' : 'cutting long lines');
        return this.ensureVisible();
      case 'left':
      case 'h':
        if (!this.wrap) this.hscroll = Math.max(0, this.hscroll - this.hstep());
        return;
      case 'right':
      case 'l':
        if (!this.wrap) this.hscroll += this.hstep();
        return;
      case '0':
        this.hscroll = 0;
        return;
      default:
        return;
    }
  }

  private hstep(): number {
    return Math.max(8, Math.floor(this.listWidth / 4));
  }

  private toggleTree(): void {
    this.treeOpen = !this.treeOpen;
    this.focus = this.treeOpen ? 'tree' : 'list';
    if (this.treeOpen) this.tree.scrollIntoView(this.bodyHeight);
    this.ensureVisible();
  }

  private overlayKey(k: KeyName): void {
    const o = this.overlay!;
    const page = Math.max(1, this.bodyHeight - 2);
    switch (k) {
      case 'escape':
      case 'q':
      case 'enter':
        this.overlay = undefined;
        return;
      case '?':
        if (o.kind === 'help') this.overlay = undefined;
        return;
      case 'j':
      case 'down':
        return this.scrollOverlay(o.scroll + 1);
      case 'k':
      case 'up':
        return this.scrollOverlay(o.scroll - 1);
      case 'pagedown':
      case ' ':
      case 'ctrl-f':
      case 'ctrl-d':
        return this.scrollOverlay(o.scroll + page);
      case 'pageup':
      case 'b':
      case 'ctrl-b':
      case 'ctrl-u':
        return this.scrollOverlay(o.scroll - page);
      case 'g':
      case 'home':
        return this.scrollOverlay(0);
      case 'G':
      case 'end':
        return this.scrollOverlay(Number.MAX_SAFE_INTEGER);
      default:
        return;
    }
  }

  private treeKey(k: KeyName): void {
    const h = this.bodyHeight;
    const row = this.tree.current();
    const name = row?.node.name ?? '';
    switch (k) {
      case 'q':
        return this.quit();
      case 'escape':
      case 't':
        return this.toggleTree();
      case 'tab':
      case 'shift-tab':
        if (this.treeSideBySide) this.focus = 'list';
        return;
      case 'j':
      case 'down':
        return this.tree.move(1, h);
      case 'k':
      case 'up':
        return this.tree.move(-1, h);
      case 'pagedown':
      case 'ctrl-f':
        return this.tree.move(h - 1, h);
      case 'pageup':
      case 'ctrl-b':
        return this.tree.move(-(h - 1), h);
      case 'g':
      case 'home':
        return this.tree.moveTo(0, h);
      case 'G':
      case 'end':
        return this.tree.moveTo(this.tree.rows().length - 1, h);
      case 'enter':
      case 'right':
      case 'l':
        if (row?.hasChildren) this.tree.setExpanded(name, !(row.expanded && k === 'enter'));
        return this.tree.scrollIntoView(h);
      case 'left':
      case 'h':
        this.tree.collapseOrParent(h);
        return this.tree.scrollIntoView(h);
      case ' ': {
        const hide = !this.rules.isHidden(name);
        const { hidden: _own, ...rest } = this.rules.rule(name) ?? {};
        // Showing drops our own "hidden" first; only if an ancestor still hides it, say "shown".
        this.rules.set(name, hide ? { ...rest, hidden: true } : rest);
        if (!hide && this.rules.isHidden(name)) this.rules.set(name, { ...rest, hidden: false });
        this.say(`${hide ? 'hiding' : 'showing'} ${name === '' ? 'all loggers' : name}`);
        return this.refilter();
      }
      case '+':
      case '=':
      case '-':
      case '_': {
        const up = k === '+' || k === '=';
        const cur = this.rules.effectiveLevel(name);
        const next = Math.max(Level.none, Math.min(Level.critical, cur + (up ? 1 : -1))) as Level;
        this.rules.set(name, { ...this.rules.rule(name), minLevel: next });
        this.say(`${name === '' ? 'all loggers' : name}: ${next === Level.none ? 'all levels' : `level ≥ ${LEVEL_NAMES[next].toUpperCase()}`}`);
        return this.refilter();
      }
      case 'o':
        for (const [p, r] of [...this.rules.entries()]) {
          const { hidden: _h, ...rest } = r;
          this.rules.set(p, rest);
        }
        this.rules.set('', { ...this.rules.rule(''), hidden: true });
        this.rules.set(name, { ...this.rules.rule(name), hidden: false });
        this.say(`only ${name === '' ? 'all loggers' : name}`);
        return this.refilter();
      case 'x':
      case 'backspace':
        this.rules.clear(name);
        return this.refilter();
      case 'X': {
        this.rules.clearSubtrees();
        this.say('logger rules cleared');
        return this.refilter();
      }
      case '/':
        this.finder.setQuery('');
        this.prompt = { kind: 'find', text: '' };
        return;
      default:
        return;
    }
  }

  private promptKey(k: KeyName): void {
    const p = this.prompt!;
    if (p.kind === 'find') return this.finderKey(k);
    switch (k) {
      case 'enter':
        return this.closeSearch(true);
      case 'escape':
        return this.closeSearch(false);
      case 'backspace':
        if (p.text === '') return this.closeSearch(false);
        return this.searchTyped([...p.text].slice(0, -1).join(''));
      case 'ctrl-u':
        return this.searchTyped('');
      case 'ctrl-w':
        return this.searchTyped(p.text.replace(/\S*\s*$/, ''));
      default:
        if ([...k].length === 1) return this.searchTyped(p.text + k);
        return;
    }
  }

  private finderKey(k: KeyName): void {
    const p = this.prompt!;
    switch (k) {
      case 'enter': {
        const name = this.finder.selected();
        this.prompt = undefined;
        if (name !== undefined) this.tree.reveal(name, this.bodyHeight);
        return;
      }
      case 'escape':
        this.prompt = undefined;
        return;
      case 'down':
      case 'ctrl-n':
      case 'tab':
        return this.finder.move(1);
      case 'up':
      case 'ctrl-p':
      case 'shift-tab':
        return this.finder.move(-1);
      case 'backspace':
        if (p.text === '') {
          this.prompt = undefined;
          return;
        }
        p.text = [...p.text].slice(0, -1).join('');
        return this.finder.setQuery(p.text);
      case 'ctrl-u':
        p.text = '';
        return this.finder.setQuery('');
      default:
        if ([...k].length === 1) {
          p.text += k;
          this.finder.setQuery(p.text);
        }
        return;
    }
  }

}

