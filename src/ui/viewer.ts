import { LoggerRules } from '../query/logger-rules.js';
import { RecordView } from '../query/record-view.js';
import { ViewFilters } from '../query/view-filters.js';
import type { RowSegs } from '../render/row-format.js';
import type { Theme } from '../render/theme.js';
import type { RecordStore } from '../store/record-store.js';
import { markRow, type ColumnChoices } from '../render/row-format.js';
import type { ViewerActions } from './actions.js';
import { runKey } from './commands.js';
import type { KeyName } from './keys.js';
import { layout, type Layout } from './model/layout.js';
import type { Prompt } from './model/line-editor.js';
import { ListScroller } from './model/list-scroller.js';
import type { OverlayPane } from './model/overlay.js';
import { Scheduler } from './model/scheduler.js';
import { SearchModel } from './model/search-model.js';
import { Marks, onlyTest } from './model/marks.js';
import { TimelinePane } from './model/timeline-pane.js';
import { TreePane } from './model/tree-pane.js';
import { RecordRows } from './record-rows.js';

/** How a source's problem or recovery is reported (as ingest's notices). */
export type NoticeKind = 'info' | 'warning' | 'error';

export interface ViewerOptions extends ViewerActions {
  store: RecordStore;
  sourceNames: readonly string[];
  theme: Theme;
  rules?: LoggerRules;
  since?: number;
  until?: number;
  /** `--grep`: only records whose text matches (as in print mode); `listColumns`: the config's column choices. */
  grep?: RegExp;
  listColumns?: ColumnChoices;
  columns: number;
  rows: number;
  onQuit?: () => void;
  /** Runs background work soon; setImmediate by default. */
  schedule?: (fn: () => void) => void;
  /** How long the view waits after the store grew before catching up (ms). */
  refreshDelayMs?: number;
}

/**
 * Coordinates the pane models: the filtered view of the store, the list
 * scroller, the search, the tree pane, overlays and prompts, and the
 * background jobs. Keys go through the key table (commands.ts); components
 * read the models and subscribe to `version`. Never writes the store.
 */
export class Viewer {
  readonly store: RecordStore;
  readonly theme: Theme;
  readonly rules: LoggerRules;
  readonly view: RecordView;
  readonly list: ListScroller;
  readonly search: SearchModel;
  readonly tree: TreePane;
  readonly jobs: Scheduler;
  readonly sourceNames: readonly string[];
  readonly rows: RecordRows;
  readonly grep: RegExp | undefined;
  readonly timeline: TimelinePane;
  readonly marks = new Marks();
  readonly actions: ViewerActions;
  overlay: OverlayPane | undefined;
  httpPane: import('./model/http-pane.js').HttpPane | undefined;
  prompt: Prompt | undefined;
  /** A one-key message in the status bar ("no more matches"). */
  message: { text: string; error: boolean } | undefined;
  readonly notices = new Map<number, { text: string; kind: NoticeKind }>();
  columns: number;
  height: number;
  version = 0;
  quitting = false;
  readonly onQuit: () => void;
  private readonly listeners = new Set<() => void>();
  readonly filters: ViewFilters;
  private readonly refreshDelay: number;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private storeSizeAtPause = 0;
  /** A store index to select once the rebuilt view reaches it (filters changed). */
  private anchor: number | undefined;
  private readonly unsubscribe: () => void;
  private layoutCache: { key: string; layout: Layout } | undefined;

  constructor(o: ViewerOptions) {
    this.store = o.store;
    this.theme = o.theme;
    this.sourceNames = o.sourceNames;
    this.rules = o.rules ?? new LoggerRules();
    this.columns = Math.max(1, o.columns);
    this.height = Math.max(2, o.rows);
    this.onQuit = o.onQuit ?? (() => {});
    this.actions = { ...(o.save ? { save: o.save } : {}), ...(o.copy ? { copy: o.copy } : {}) };
    this.refreshDelay = o.refreshDelayMs ?? 60;
    this.rows = new RecordRows(this.store, o.sourceNames, this.theme, { width: () => this.layout.list.width, highlight: () => this.search.pattern?.all, columns: o.listColumns });
    this.tree = new TreePane(this.store.loggers);
    this.filters = new ViewFilters(this.store, { rules: this.rules, since: o.since, until: o.until, grep: o.grep, sourceNames: o.sourceNames });
    this.grep = o.grep;
    this.view = new RecordView(this.store, this.filters.build());
    this.list = new ListScroller(this.view, {
      rowHeight: (pos) => this.rows.height(this.view.at(pos)),
      onFollow: (on) => void (on || (this.storeSizeAtPause = this.store.size)),
    });
    this.search = new SearchModel(this.store, this.view, {
      found: (pos) => this.list.select(pos, { center: true }),
      notFound: (text, fallback) => {
        if (fallback !== undefined) {
          this.list.sel = fallback;
          this.list.ensureVisible();
        }
        this.say(text, true);
      },
    });
    this.jobs = new Scheduler({ ...(o.schedule ? { schedule: o.schedule } : {}), onProgress: () => this.notify() });
    this.timeline = new TimelinePane(this.store, this.view);
    const viewJob = { pending: () => !this.view.complete, step: (d: number) => this.advanceView(d) };
    for (const job of [viewJob, this.search.findJob, this.search.countJob, this.tree.finder, this.timeline.job]) this.jobs.add(job);
    this.resizeModels();
    this.unsubscribe = this.store.subscribe(() => this.storeGrew());
    this.jobs.kick();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  notify(): void {
    this.version++;
    this.jobs.reported();
    for (const l of this.listeners) l();
  }

  /** Where the panes go now (computed again only when its inputs change). */
  get layout(): Layout {
    const key = `${this.columns}x${this.height}:${this.tree.open ? 1 : 0}${this.prompt ? 1 : 0}`;
    if (this.layoutCache?.key !== key) this.layoutCache = { key, layout: layout({ columns: this.columns, rows: this.height, treeOpen: this.tree.open, prompt: this.prompt !== undefined }) };
    return this.layoutCache.layout;
  }

  resize(columns: number, rows: number): void {
    this.columns = Math.max(1, columns);
    this.height = Math.max(2, rows);
    this.resizeModels();
    this.notify();
  }

  /** Panes opened or closed, or the terminal resized: tell the models their size. */
  resizeModels(): void {
    this.list.resize(this.layout.list.width, this.layout.bodyHeight);
    this.tree.model.scrollIntoView(this.layout.bodyHeight);
  }

  /** The store grew: the view and the screen catch up a few times a second. */
  private storeGrew(): void {
    if (this.refreshTimer === undefined && !this.quitting) this.refreshTimer = setTimeout(() => this.catchUp(), this.refreshDelay);
  }

  /** Bring the view and the screen up to the store now (tests, and the end of input). */
  catchUp(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    // Column-only filters take microseconds for a batch: extend the view at once.
    if (!this.view.hasTextTest) this.advanceView(this.jobs.deadline());
    this.jobs.kick();
    this.notify();
  }

  /** The latest notice per source shows: a follower reports recovery ("file appeared") too. */
  notice(sourceId: number, text: string, kind: NoticeKind): void {
    this.notices.set(sourceId, { text, kind });
    this.notify();
  }

  /** Records that arrived below while paused (in the view). */
  get newCount(): number {
    return this.list.follow ? 0 : this.view.shownSince(this.storeSizeAtPause);
  }

  /** Filters changed: rebuild the view over all records, keeping the selected record in sight. */
  refilter(): void {
    this.anchor = this.list.follow || this.view.length === 0 ? undefined : this.view.at(Math.min(this.list.sel, this.view.length - 1));
    this.view.reset(this.filters.build(onlyTest(this.search.matchesOnly ? this.search.matches : undefined, this.marks)));
    this.search.listReset();
    this.advanceView(this.jobs.deadline());
    this.jobs.kick();
  }

  /** `count` view positions appeared at `at` (records indexed in front of those shown): the selection keeps its record. */
  inserted(at: number, count: number): void {
    this.list.shift(at, count);
    this.search.listReset();
  }

  /** The user moved: a pending anchor no longer applies. */
  dropAnchor(): void {
    this.anchor = undefined;
  }

  /** Record i changed (a live source's last line grew): draw it again. */
  recordChanged(i: number): void {
    this.rows.forget(i);
    this.storeGrew();
  }

  private advanceView(deadline: number): void {
    this.view.advance(deadline);
    // Positions above others: a big file's start indexed in front of its tail, a rebuild working up.
    for (const ins of this.view.takeInserts()) this.inserted(ins.at, ins.count);
    const a = this.anchor;
    if (a !== undefined && !this.list.follow && (this.view.examined(a) || this.view.complete)) {
      this.anchor = undefined;
      this.list.sel = Math.min(this.view.positionOf(a), Math.max(0, this.view.length - 1));
      this.list.center();
      return;
    }
    this.list.ensureVisible();
  }

  /** Segments of the record at a view position. */
  row(pos: number): RowSegs {
    const i = this.view.at(pos);
    return this.marks.has(i) ? markRow(this.rows.row(i), this.theme) : this.rows.row(i);
  }

  say = (text: string, error = false): void => void (this.message = { text, error });

  /** One key. Listeners hear about it once. */
  key = (k: KeyName): void => this.keys([k]);

  /** Several keys (typed quickly, or pasted), one redraw. */
  keys(ks: readonly KeyName[]): void {
    for (const k of ks) if (!this.quitting) runKey(this, k);
    this.jobs.kick();
    this.notify();
  }

  /** Do all pending work now (tests, benchmarks). */
  drain(): void {
    this.catchUp();
    this.jobs.drain();
    this.notify();
  }

  stop(): void {
    this.quitting = true;
    this.jobs.stop();
    this.unsubscribe();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  quit(): void {
    if (!this.quitting) this.stop(), this.onQuit();
  }
}
