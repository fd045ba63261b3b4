import type { KeyName } from './keys.js';

/** Where the keys go: the pane or prompt that has them. */
export type Mode = 'list' | 'tree' | 'overlay' | 'search' | 'find' | 'where' | 'http' | 'timeline' | 'time' | 'save';

/** Everything a key can do; the Viewer has one handler per command. */
export type Command =
  | 'quit'
  | 'down'
  | 'up'
  | 'pageDown'
  | 'pageUp'
  | 'halfDown'
  | 'halfUp'
  | 'top'
  | 'bottom'
  | 'nextError'
  | 'prevError'
  | 'scrollLeft'
  | 'scrollRight'
  | 'scrollHome'
  | 'wrap'
  | 'levelUp'
  | 'levelDown'
  | 'level1'
  | 'level2'
  | 'level3'
  | 'level4'
  | 'level5'
  | 'level6'
  | 'level7'
  | 'search'
  | 'nextMatch'
  | 'prevMatch'
  | 'matchesOnly'
  | 'tree'
  | 'focus'
  | 'details'
  | 'help'
  | 'close'
  | 'treeOpen'
  | 'treeToggle'
  | 'treeClose'
  | 'treeToggleHidden'
  | 'treeLevelUp'
  | 'treeLevelDown'
  | 'treeOnly'
  | 'treeClear'
  | 'treeClearAll'
  | 'find'
  | 'submit'
  | 'cancel'
  | 'where'
  | 'correlate'
  | 'uncorrelate'
  | 'httpView'
  | 'httpOpen'
  // The view half of issue 12: timeline, marks, time range, save, copy.
  | 'timeline'
  | 'mark'
  | 'nextMark'
  | 'prevMark'
  | 'marksOnly'
  | 'clearMarks'
  | 'timeRange'
  | 'save'
  | 'copy';

export interface Binding {
  mode: Mode;
  keys: readonly KeyName[];
  command: Command;
  /** What the `?` screen says it does. */
  help: string;
}

const b = (mode: Mode, keys: readonly KeyName[], command: Command, help: string): Binding => ({ mode, keys, command, help });
const levels = (['trace', 'debug', 'info', 'notice', 'warning', 'error', 'critical'] as const).map((name, k) =>
  b('list', [String(k + 1)], `level${k + 1}` as Command, `show ${name.toUpperCase()} and above`),
);

/** Every key of the viewer: dispatch and the help screen both read this table. */
export const KEY_TABLE: readonly Binding[] = [
  b('list', ['j', 'down', 'ctrl-n', 'ctrl-e'], 'down', 'next record'),
  b('list', ['k', 'up', 'ctrl-p', 'ctrl-y'], 'up', 'previous record'),
  b('list', ['pagedown', ' ', 'f', 'ctrl-f'], 'pageDown', 'page down'),
  b('list', ['pageup', 'b', 'ctrl-b'], 'pageUp', 'page up'),
  b('list', ['ctrl-d'], 'halfDown', 'half a page down'),
  b('list', ['ctrl-u'], 'halfUp', 'half a page up'),
  b('list', ['g', 'home'], 'top', 'first record'),
  b('list', ['G', 'end', 'F'], 'bottom', 'last record, and follow new ones'),
  b('list', ['e'], 'nextError', 'next error'),
  b('list', ['E'], 'prevError', 'previous error'),
  b('list', ['right', 'l'], 'scrollRight', 'scroll the messages right'),
  b('list', ['left', 'h'], 'scrollLeft', 'scroll the messages left'),
  b('list', ['0'], 'scrollHome', 'scroll back to the start of the messages'),
  b('list', ['w'], 'wrap', 'wrap long lines / cut them'),
  b('list', ['+', '='], 'levelUp', 'raise the level threshold (hides the lowest shown)'),
  b('list', ['-', '_'], 'levelDown', 'lower the level threshold'),
  ...levels,
  b('list', ['/'], 'search', 'search (regex; smart case), as you type'),
  b('list', ['n'], 'nextMatch', 'next match'),
  b('list', ['N'], 'prevMatch', 'previous match'),
  b('list', ['&'], 'matchesOnly', 'show only matching records / all'),
  b('list', ['t'], 'tree', 'logger tree pane'),
  b('list', ['tab', 'shift-tab'], 'focus', 'keys to the tree pane (when open)'),
  b('list', ['enter'], 'details', 'details of the selected record'),
  b('list', [':'], 'where', 'field query, as -q: level >= warning, status >= 500'),
  b('list', ['r'], 'correlate', "only records sharing the selected record's request id"),
  b('list', ['R'], 'uncorrelate', 'clear the request correlation'),
  b('list', ['H'], 'httpView', 'HTTP exchanges: one row per request and response'),
  b('list', ['T'], 'timeline', 'timeline: records per time bucket, by level'),
  b('list', ['m'], 'mark', 'mark / unmark the selected record'),
  b('list', ["'"], 'nextMark', 'next marked record'),
  b('list', ['"'], 'prevMark', 'previous marked record'),
  b('list', ['M'], 'marksOnly', 'show only marked records / all'),
  b('list', ['ctrl-x'], 'clearMarks', 'clear every mark'),
  b('list', ['@'], 'timeRange', 'time range (10:00..10:05, -15m, +5m around the selection)'),
  b('list', ['s'], 'save', 'save the shown (or the marked) records to a file'),
  b('list', ['y'], 'copy', 'copy the selected record to the clipboard (OSC 52)'),
  b('list', ['?'], 'help', 'this help'),
  b('list', ['escape'], 'close', 'close the tree pane'),
  b('list', ['q', 'ctrl-c'], 'quit', 'quit'),

  b('tree', ['j', 'down'], 'down', 'next logger'),
  b('tree', ['k', 'up'], 'up', 'previous logger'),
  b('tree', ['pagedown', 'ctrl-f'], 'pageDown', 'page down'),
  b('tree', ['pageup', 'ctrl-b'], 'pageUp', 'page up'),
  b('tree', ['g', 'home'], 'top', 'first logger'),
  b('tree', ['G', 'end'], 'bottom', 'last logger'),
  b('tree', ['enter'], 'treeToggle', 'open / close a node'),
  b('tree', ['right', 'l'], 'treeOpen', 'open a node'),
  b('tree', ['left', 'h'], 'treeClose', 'close a node, or go to its parent'),
  b('tree', [' '], 'treeToggleHidden', 'show / hide the subtree'),
  b('tree', ['+', '='], 'treeLevelUp', "raise the subtree's level threshold"),
  b('tree', ['-', '_'], 'treeLevelDown', "lower the subtree's level threshold"),
  b('tree', ['o'], 'treeOnly', 'show only this subtree'),
  b('tree', ['x', 'backspace'], 'treeClear', 'clear the rules of this subtree'),
  b('tree', ['X'], 'treeClearAll', 'clear the rules of every subtree'),
  b('tree', ['/'], 'find', 'find a logger by name (fuzzy)'),
  b('tree', ['tab', 'shift-tab'], 'focus', 'keys to the records (side by side)'),
  b('tree', ['escape', 't'], 'tree', 'close the pane'),
  b('tree', ['q', 'ctrl-c'], 'quit', 'quit'),

  b('overlay', ['j', 'down'], 'down', 'scroll down'),
  b('overlay', ['k', 'up'], 'up', 'scroll up'),
  b('overlay', ['pagedown', ' ', 'ctrl-f', 'ctrl-d'], 'pageDown', 'page down'),
  b('overlay', ['pageup', 'b', 'ctrl-b', 'ctrl-u'], 'pageUp', 'page up'),
  b('overlay', ['g', 'home'], 'top', 'top'),
  b('overlay', ['G', 'end'], 'bottom', 'bottom'),
  b('overlay', ['escape', 'q', 'enter', '?'], 'close', 'close'),
  b('overlay', ['ctrl-c'], 'quit', 'quit'),

  b('timeline', ['left', 'h'], 'scrollLeft', 'cursor to the earlier bucket'),
  b('timeline', ['right', 'l'], 'scrollRight', 'cursor to the later bucket'),
  b('timeline', ['pageup', 'b'], 'pageUp', 'cursor 10 buckets earlier'),
  b('timeline', ['pagedown', ' '], 'pageDown', 'cursor 10 buckets later'),
  b('timeline', ['g', 'home'], 'top', 'first bucket'),
  b('timeline', ['G', 'end'], 'bottom', 'last bucket (follows new ones)'),
  b('timeline', ['enter'], 'submit', "jump the list to the bucket's first record"),
  b('timeline', ['escape', 'T', 'q'], 'close', 'close the timeline'),
  b('timeline', ['ctrl-c'], 'quit', 'quit'),

  b('time', ['enter'], 'submit', 'apply the time range (empty: clear it)'),
  b('time', ['escape'], 'cancel', 'cancel'),
  b('time', ['ctrl-c'], 'quit', 'quit'),

  b('save', ['enter'], 'submit', 'write the file (path, then optionally raw, text or json)'),
  b('save', ['tab'], 'focus', 'save the shown records / the marked ones'),
  b('save', ['escape'], 'cancel', 'cancel'),
  b('save', ['ctrl-c'], 'quit', 'quit'),

  b('search', ['enter'], 'submit', 'keep the search'),
  b('search', ['escape'], 'cancel', 'cancel, back to where the search started'),
  b('search', ['ctrl-c'], 'quit', 'quit'),

  b('where', ['enter'], 'submit', 'apply the query (empty: no query)'),
  b('where', ['escape'], 'cancel', 'cancel, keep the query as it was'),
  b('where', ['ctrl-c'], 'quit', 'quit'),

  b('http', ['j', 'down'], 'down', 'next exchange'),
  b('http', ['k', 'up'], 'up', 'previous exchange'),
  b('http', ['pagedown', ' ', 'ctrl-f'], 'pageDown', 'page down'),
  b('http', ['pageup', 'b', 'ctrl-b'], 'pageUp', 'page up'),
  b('http', ['g', 'home'], 'top', 'first exchange'),
  b('http', ['G', 'end'], 'bottom', 'last exchange'),
  b('http', ['enter'], 'httpOpen', 'the request and the response, one above the other'),
  b('http', ['escape', 'H'], 'httpView', 'close the HTTP view'),
  b('http', ['q', 'ctrl-c'], 'quit', 'quit'),

  b('find', ['enter'], 'submit', 'jump to the logger'),
  b('find', ['escape'], 'cancel', 'cancel'),
  b('find', ['down', 'ctrl-n', 'tab'], 'down', 'next result'),
  b('find', ['up', 'ctrl-p', 'shift-tab'], 'up', 'previous result'),
  b('find', ['ctrl-c'], 'quit', 'quit'),
];

/** Keys the line editor handles in every prompt (listed in the help). */
export const EDITOR_HELP: ReadonlyArray<readonly [string, string]> = [
  ['Backspace', 'delete a character (on an empty line: cancel)'],
  ['Ctrl-U  Ctrl-W', 'clear the line / delete a word'],
];

const INDEX = new Map<string, Command>();
for (const x of KEY_TABLE) for (const k of x.keys) INDEX.set(`${x.mode}\0${k}`, x.command);

/** Keys the config file added to the record list (`"keys"`), by command: the help lists them too. */
const EXTRA = new Map<Command, KeyName[]>();

/**
 * The config's key remaps: each key runs its command in the record list
 * (beside the table's own keys; a key the table binds is bound anew).
 */
export function remapKeys(keys: Readonly<Record<string, Command>>): void {
  for (const [k, command] of Object.entries(keys)) {
    INDEX.set(`list\0${k}`, command);
    EXTRA.set(command, [...(EXTRA.get(command) ?? []), k]);
  }
}

/** The command a key runs in a mode, if any. */
export function commandFor(mode: Mode, key: KeyName): Command | undefined {
  return INDEX.get(`${mode}\0${key}`);
}

const LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  backspace: 'Backspace',
  tab: 'Tab',
  'shift-tab': 'Shift-Tab',
  ' ': 'space',
};

/** A key as the help writes it: `↓`, `Ctrl-D`, `space`. */
export function keyLabel(k: KeyName): string {
  const l = LABELS[k];
  if (l) return l;
  if (k.startsWith('ctrl-')) return `Ctrl-${k.slice(5).toUpperCase()}`;
  return k;
}

const TITLES: Record<Mode, string> = {
  list: 'Records',
  tree: 'Logger tree pane (t)',
  overlay: 'Details and help',
  search: 'Search prompt (/)',
  find: 'Logger finder (/ in the tree pane)',
  where: 'Field query prompt (:)',
  http: 'HTTP view (H)',
  timeline: 'Timeline (T)',
  time: 'Time range prompt (@)',
  save: 'Save prompt (s)',
};

/** The help screen's sections: a title, then [keys, what they do] per binding. */
export function helpSections(): Array<{ title: string; rows: Array<readonly [string, string]> }> {
  const out: Array<{ title: string; rows: Array<readonly [string, string]> }> = [];
  for (const mode of Object.keys(TITLES) as Mode[]) {
    const keysOf = (x: Binding): readonly KeyName[] => (mode === 'list' ? [...x.keys, ...(EXTRA.get(x.command) ?? [])] : x.keys);
    const rows: Array<readonly [string, string]> = KEY_TABLE.filter((x) => x.mode === mode).map((x) => [keysOf(x).map(keyLabel).join(' '), x.help] as const);
    if (mode === 'search' || mode === 'find' || mode === 'where' || mode === 'time' || mode === 'save') rows.push(...EDITOR_HELP);
    out.push({ title: TITLES[mode], rows });
  }
  return out;
}

/** The help as plain lines (the `?` screen and the README's keys table). */
export function helpText(): string[] {
  const lines: string[] = [];
  for (const s of helpSections()) {
    if (lines.length > 0) lines.push('');
    lines.push(s.title);
    for (const [k, what] of s.rows) lines.push(`  ${k.padEnd(24)}${what}`);
  }
  return lines;
}
