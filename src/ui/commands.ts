import { Level, LEVEL_NAMES } from '../model/level.js';
import { detailLines } from '../render/details-lines.js';
import type { Seg } from '../render/text-fit.js';
import { commandFor, helpSections, keyLabel, type Command, type Mode } from './key-table.js';
import type { KeyName } from './keys.js';
import { newPrompt } from './model/line-editor.js';
import { OverlayPane } from './model/overlay.js';
import { closeHttpView, correlate, openHttpExchange, openHttpView, openWhere, uncorrelate, whereEdited, whereSubmit } from './query-commands.js';
import { SAVE_PROMPT, TIME_PROMPT, TIMELINE, VIEW_LIST } from './view-commands.js';
import type { Viewer } from './viewer.js';

/*
 * What each command of the key table does, per mode: a verb on a pane model,
 * then the coordination it needs (refilter, a message).
 */

type Handlers = Partial<Record<Command, (v: Viewer) => void>>;

/** Which table the keys go to now. */
export function modeOf(v: Viewer): Mode {
  if (v.prompt) return v.prompt.kind;
  if (v.overlay) return 'overlay';
  if (v.httpPane) return 'http';
  if (v.timeline.open) return 'timeline';
  if (v.tree.open && (v.tree.focus === 'tree' || v.layout.list.width === 0)) return 'tree';
  return 'list';
}

/** Levels present in the log, ascending (what + and - step over). */
function presentLevels(v: Viewer): Level[] {
  return (Object.values(Level) as Level[]).filter((l) => l !== Level.none && v.store.countOfLevel(l) > 0);
}

function levelWord(level: Level): string {
  return level === Level.none ? 'all levels' : `level ≥ ${LEVEL_NAMES[level].toUpperCase()}`;
}

function setGlobalLevel(v: Viewer, level: Level): void {
  v.rules.globalLevel = level;
  v.say(levelWord(level));
  v.refilter();
}

function nextLevel(v: Viewer, dir: 1 | -1, min: Level): void {
  const len = v.view.length;
  for (let p = v.list.sel + dir; p >= 0 && p < len; p += dir) {
    if (v.store.level(v.view.at(p)) >= min) return v.list.select(p, { center: true });
  }
  v.say(dir > 0 ? 'no more errors below' : 'no more errors above');
}

function toggleTree(v: Viewer): void {
  v.tree.toggle(v.layout.bodyHeight);
  v.resizeModels();
}

function openSearch(v: Viewer): void {
  v.search.begin(v.list.sel, v.list.top);
  v.prompt = newPrompt('search');
  v.resizeModels();
}

function closePrompt(v: Viewer): void {
  v.prompt = undefined;
  v.resizeModels();
}

function endSearch(v: Viewer, commit: boolean): void {
  closePrompt(v);
  const r = v.search.end(commit);
  if (r.refilter) v.refilter();
  if (r.restore) {
    v.list.sel = r.restore.sel;
    v.list.top = r.restore.top;
  }
  v.list.ensureVisible();
}

function openDetails(v: Viewer): void {
  if (v.view.length === 0) return;
  const rec = v.store.get(v.view.at(v.list.sel));
  v.overlay = new OverlayPane('details', 'record details', detailLines(rec, v.sourceNames[rec.sourceId] ?? '', v.theme));
}

function helpLines(v: Viewer): Seg[][] {
  const lines: Seg[][] = [];
  for (const s of helpSections()) {
    if (lines.length > 0) lines.push([]);
    lines.push([{ text: s.title, open: v.theme.heading.open }]);
    for (const [k, what] of s.rows) lines.push([{ text: `  ${k.padEnd(24)}` }, { text: what }]);
  }
  return lines;
}

function scrollOverlay(v: Viewer, to: (scroll: number, page: number) => number): void {
  const o = v.overlay!;
  const rows = Math.max(1, v.layout.bodyHeight - 1);
  o.scrollTo(to(o.scroll, Math.max(1, rows - 1)), v.columns, rows);
}

/** A tree rule changed: say what, rebuild the view. */
function treeRule(v: Viewer, edit: (name: string) => string): void {
  const name = v.tree.current;
  v.say(edit(name));
  v.refilter();
}

/** Open or close the node under the cursor. */
function expand(v: Viewer, next: (open: boolean) => boolean): void {
  const row = v.tree.model.current();
  if (row?.hasChildren) v.tree.model.setExpanded(row.node.name, next(row.expanded));
  v.tree.model.scrollIntoView(v.layout.bodyHeight);
}

const who = (name: string): string => (name === '' ? 'all loggers' : name);

const list: Handlers = {
  quit: (v) => v.quit(),
  down: (v) => v.list.moveBy(1),
  up: (v) => v.list.moveBy(-1),
  pageDown: (v) => v.list.pageDown(),
  pageUp: (v) => v.list.pageUp(),
  halfDown: (v) => v.list.halfPageDown(),
  halfUp: (v) => v.list.halfPageUp(),
  top: (v) => v.list.gotoTop(),
  bottom: (v) => v.list.gotoBottom(),
  nextError: (v) => nextLevel(v, 1, Level.error),
  prevError: (v) => nextLevel(v, -1, Level.error),
  scrollRight: (v) => v.list.scrollRight(),
  scrollLeft: (v) => v.list.scrollLeft(),
  scrollHome: (v) => v.list.scrollHome(),
  wrap: (v) => v.say(v.list.toggleWrap() ? 'wrapping long lines' : 'cutting long lines'),
  levelUp: (v) => setGlobalLevel(v, v.rules.stepGlobalLevel(1, presentLevels(v))),
  levelDown: (v) => setGlobalLevel(v, v.rules.stepGlobalLevel(-1, presentLevels(v))),
  search: openSearch,
  nextMatch: (v) => {
    if (!v.search.next(v.list.sel, 1)) v.say('no search: press / first', true);
  },
  prevMatch: (v) => {
    if (!v.search.next(v.list.sel, -1)) v.say('no search: press / first', true);
  },
  matchesOnly: (v) => {
    const only = v.search.toggleOnly();
    if (only === undefined) return v.say('no search: press / first', true);
    v.say(only ? 'showing only matches' : 'showing all records');
    v.refilter();
  },
  tree: toggleTree,
  focus: (v) => {
    if (v.tree.open) v.tree.focus = 'tree';
  },
  details: openDetails,
  where: openWhere,
  correlate,
  uncorrelate,
  httpView: openHttpView,
  help: (v) => {
    v.overlay = new OverlayPane('help', 'keys', helpLines(v));
  },
  close: (v) => {
    if (v.tree.open) toggleTree(v);
  },
  ...VIEW_LIST,
};
for (let n = 1; n <= 7; n++) list[`level${n}` as Command] = (v) => setGlobalLevel(v, n as Level);

const tree: Handlers = {
  quit: (v) => v.quit(),
  tree: toggleTree,
  focus: (v) => {
    if (v.layout.list.width > 0) v.tree.focus = 'list';
  },
  down: (v) => v.tree.model.move(1, v.layout.bodyHeight),
  up: (v) => v.tree.model.move(-1, v.layout.bodyHeight),
  pageDown: (v) => v.tree.model.move(v.layout.bodyHeight - 1, v.layout.bodyHeight),
  pageUp: (v) => v.tree.model.move(-(v.layout.bodyHeight - 1), v.layout.bodyHeight),
  top: (v) => v.tree.model.moveTo(0, v.layout.bodyHeight),
  bottom: (v) => v.tree.model.moveTo(v.tree.model.rows().length - 1, v.layout.bodyHeight),
  treeToggle: (v) => expand(v, (open) => !open),
  treeOpen: (v) => expand(v, () => true),
  treeClose: (v) => {
    v.tree.model.collapseOrParent(v.layout.bodyHeight);
    v.tree.model.scrollIntoView(v.layout.bodyHeight);
  },
  treeToggleHidden: (v) => treeRule(v, (n) => `${v.rules.toggleHidden(n) ? 'hiding' : 'showing'} ${who(n)}`),
  treeLevelUp: (v) => treeRule(v, (n) => `${who(n)}: ${levelWord(v.rules.stepLevel(n, 1, presentLevels(v)))}`),
  treeLevelDown: (v) => treeRule(v, (n) => `${who(n)}: ${levelWord(v.rules.stepLevel(n, -1, presentLevels(v)))}`),
  treeOnly: (v) =>
    treeRule(v, (n) => {
      v.rules.showOnly(n);
      return `only ${who(n)}`;
    }),
  treeClear: (v) =>
    treeRule(v, (n) => {
      v.rules.clear(n);
      return `rules of ${who(n)} cleared`;
    }),
  treeClearAll: (v) =>
    treeRule(v, () => {
      v.rules.clearSubtrees();
      return 'logger rules cleared';
    }),
  find: (v) => {
    v.tree.finder.setQuery('');
    v.prompt = newPrompt('find');
    v.resizeModels();
  },
};

const overlay: Handlers = {
  quit: (v) => v.quit(),
  close: (v) => {
    v.overlay = undefined;
  },
  down: (v) => scrollOverlay(v, (s) => s + 1),
  up: (v) => scrollOverlay(v, (s) => s - 1),
  pageDown: (v) => scrollOverlay(v, (s, page) => s + page),
  pageUp: (v) => scrollOverlay(v, (s, page) => s - page),
  top: (v) => scrollOverlay(v, () => 0),
  bottom: (v) => scrollOverlay(v, () => Number.MAX_SAFE_INTEGER),
};

const search: Handlers = {
  quit: (v) => v.quit(),
  submit: (v) => endSearch(v, true),
  cancel: (v) => endSearch(v, false),
};

const find: Handlers = {
  quit: (v) => v.quit(),
  submit: (v) => {
    const name = v.tree.finder.selected();
    closePrompt(v);
    if (name !== undefined) v.tree.model.reveal(name, v.layout.bodyHeight);
  },
  cancel: closePrompt,
  down: (v) => v.tree.finder.move(1),
  up: (v) => v.tree.finder.move(-1),
};

const where: Handlers = {
  quit: (v) => v.quit(),
  submit: whereSubmit,
  cancel: closePrompt,
};

const httpHeight = (v: Viewer): number => Math.max(1, v.layout.bodyHeight - 2);
const http: Handlers = {
  quit: (v) => v.quit(),
  httpView: closeHttpView,
  httpOpen: openHttpExchange,
  down: (v) => v.httpPane!.move(1, httpHeight(v)),
  up: (v) => v.httpPane!.move(-1, httpHeight(v)),
  pageDown: (v) => v.httpPane!.move(httpHeight(v) - 1, httpHeight(v)),
  pageUp: (v) => v.httpPane!.move(-(httpHeight(v) - 1), httpHeight(v)),
  top: (v) => v.httpPane!.moveTo(0, httpHeight(v)),
  bottom: (v) => v.httpPane!.moveTo(Number.MAX_SAFE_INTEGER, httpHeight(v)),
};

const HANDLERS: Record<Mode, Handlers> = { list, tree, overlay, search, find, where, http, timeline: TIMELINE, time: TIME_PROMPT, save: SAVE_PROMPT };

/** A key typed into the open prompt's line editor. */
function edit(v: Viewer, k: KeyName): void {
  const p = v.prompt!;
  const r = p.editor.edit(k);
  if (r === 'ignored') return;
  if (r === 'cancel') return p.kind === 'search' ? endSearch(v, false) : closePrompt(v);
  const text = p.editor.text;
  if (p.kind === 'time' || p.kind === 'save') return void delete p.error;
  if (p.kind === 'find') return v.tree.finder.setQuery(text);
  if (p.kind === 'where') return whereEdited(v, p);
  const t = v.search.typed(text);
  if (t.error !== undefined) p.error = t.error;
  else delete p.error;
  if (t.refilter) v.refilter();
}

/** One key: its command in the current mode, typing in a prompt, or a word that it does nothing. */
export function runKey(v: Viewer, k: KeyName): void {
  v.message = undefined;
  const mode = modeOf(v);
  const cmd = commandFor(mode, k);
  // A move of the user's wins over keeping the record selected across a refilter.
  if (mode === 'list') v.dropAnchor();
  if (cmd !== undefined) return HANDLERS[mode][cmd]!(v);
  if (v.prompt) return edit(v, k);
  v.say(`${keyLabel(k)}: not a key -- ? for help`, true);
}
