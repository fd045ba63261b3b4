import { Level } from '../model/level.js';
import { groupDigits } from '../render/group-digits.js';
import { httpLines } from '../render/http-lines.js';
import { listLines } from '../render/list-lines.js';
import { overlayLines } from '../render/overlay-lines.js';
import { promptLine } from '../render/prompt-line.js';
import { screenLines } from '../render/screen-lines.js';
import { statusLine } from '../render/status-line.js';
import { chartColumns, sparklineSegs, timelineLines } from '../render/timeline-lines.js';
import { treeLines } from '../render/tree-lines.js';
import { rangeText } from './view-commands.js';
import type { Viewer } from './viewer.js';

/*
 * The viewer's models as the render functions' inputs: each pane gets its
 * own state, never the Viewer. One function per pane, and frameLines puts
 * their lines where the layout says.
 */

/** The whole screen (Layout.frameHeight lines): the open pane or panes, the prompt, the status bar. */
export function frameLines(v: Viewer): string[] {
  const lay = v.layout;
  let main: string[];
  let left: { lines: string[]; width: number } | undefined;
  if (v.overlay) main = overlayPaneLines(v);
  else if (v.httpPane) main = httpPaneLines(v);
  else if (v.timeline.open) main = timelinePaneLines(v);
  else if (lay.tree && lay.list.width === 0) main = treePaneLines(v);
  else {
    if (lay.tree) left = { lines: treePaneLines(v), width: lay.tree.width };
    main = recordListLines(v);
  }
  return screenLines({ bodyHeight: lay.bodyHeight, left, main, prompt: v.prompt ? promptBarLine(v) : undefined, status: statusBarLine(v), theme: v.theme });
}

export function recordListLines(v: Viewer): string[] {
  const l = v.list;
  const empty = v.store.size === 0 ? (v.view.complete ? 'no records yet' : 'loading…') : v.view.complete ? 'no records match the filters' : 'filtering…';
  const { width } = v.layout.list;
  return listLines({ width, height: l.height, length: v.view.length, top: l.top, sel: l.sel, wrap: l.wrap, hscroll: l.hscroll, row: (pos) => v.row(pos), empty, theme: v.theme });
}

export function treePaneLines(v: Viewer): string[] {
  const lay = v.layout;
  const t = v.tree;
  const f = t.finder;
  return treeLines({
    width: lay.tree?.width ?? 0,
    height: lay.bodyHeight,
    rows: t.model.rows(),
    top: t.model.top,
    cursor: t.model.cursor,
    focused: t.focus === 'tree' || lay.list.width === 0,
    rules: v.rules,
    ...(v.prompt?.kind === 'find' ? { finder: { query: f.query, results: f.results, cursor: f.cursor, busy: f.pending() } } : {}),
    theme: v.theme,
  });
}

export function overlayPaneLines(v: Viewer): string[] {
  const o = v.overlay;
  if (!o) return [];
  return overlayLines({ title: o.title, lines: o.wrappedLines(v.columns), scroll: o.scroll, width: v.columns, height: v.layout.bodyHeight, theme: v.theme });
}

export function httpPaneLines(v: Viewer): string[] {
  const p = v.httpPane;
  if (!p) return [];
  return httpLines({ rows: p.rows(), cursor: p.cursor, top: p.top, width: v.columns, height: v.layout.bodyHeight, busy: p.index.pending(), theme: v.theme });
}

export function promptBarLine(v: Viewer): string {
  const p = v.prompt;
  if (!p) return '';
  return promptLine({ kind: p.kind, text: p.editor.text, error: p.error, width: v.columns, theme: v.theme, ...promptLead(v) });
}

/** The time and save prompts say what they take. */
function promptLead(v: Viewer): { lead?: string; hint?: string } {
  const p = v.prompt!;
  if (p.kind === 'time') return { lead: 'time range: ', hint: '10:00..10:05  -15m  +5m (around the selected record)  empty: all times' };
  if (p.kind !== 'save') return {};
  const n = p.marked ? v.marks.size : v.view.length;
  return { lead: `save ${groupDigits(n)} ${p.marked ? 'marked' : 'shown'} records to: `, hint: `PATH [raw|text|json]${v.marks.size > 0 ? '  Tab: shown/marked' : ''}` };
}

export function timelinePaneLines(v: Viewer): string[] {
  const t = v.timeline;
  const hist = t.counts.histogram(chartColumns(v.columns));
  return timelineLines({ width: v.columns, height: v.layout.bodyHeight, hist, cursor: t.cursorColumn(hist), timed: t.counts.timed, untimed: t.counts.untimed, busy: t.job.pending() || !v.view.complete, theme: v.theme });
}

/** Buckets of the status bar's sparkline. */
const SPARK_COLUMNS = 20;

export function statusBarLine(v: Viewer): string {
  let hiddenRules = 0;
  let levelRules = 0;
  for (const [, r] of v.rules.entries()) {
    if (r.hidden === true) hiddenRules++;
    if (r.minLevel !== undefined) levelRules++;
  }
  const s = v.search;
  return statusLine({
    width: v.columns,
    theme: v.theme,
    follow: v.list.follow,
    newCount: v.newCount,
    sel: v.list.sel,
    shown: v.view.length,
    complete: v.view.complete,
    total: v.store.size,
    progress: v.store.progress,
    sources: v.sourceNames,
    globalLevel: v.rules.globalLevel as Level,
    hiddenRules,
    levelRules,
    grep: v.grep?.source,
    where: v.filters.recordTests.where?.text,
    requests: v.filters.recordTests.requests ? [...v.filters.recordTests.requests] : undefined,
    search: s.pattern?.test ? { text: s.pattern.text, count: s.matchCount, complete: s.countComplete, only: s.matchesOnly } : undefined,
    hscroll: v.list.wrap ? 0 : v.list.hscroll,
    message: v.message,
    spark: sparklineSegs(v.timeline.counts.histogram(SPARK_COLUMNS), v.theme),
    marks: v.marks.size > 0 ? { count: v.marks.size, only: v.marks.only } : undefined,
    range: v.filters.range.since !== undefined || v.filters.range.until !== undefined ? rangeText(v.filters.range) : undefined,
    notices: [...v.notices.values()],
  });
}
