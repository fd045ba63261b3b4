import { describe, expect, it, vi } from 'vitest';
import { Level } from '../src/model/level.js';
import { Theme } from '../src/render/theme.js';
import { decodeKeys } from '../src/ui/keys.js';
import { recordListLines, statusBarLine } from '../src/ui/screen.js';
import { KAMAKI, line, makeViewer, noKey, records, selectedMessage, shownMessages, stripAnsi, type } from './ui-helpers.js';

describe('decodeKeys', () => {
  it('splits keys typed quickly into one event', () => {
    expect(decodeKeys('jjj', noKey())).toEqual(['j', 'j', 'j']);
    expect(decodeKeys('foo\r', noKey())).toEqual(['f', 'o', 'o', 'enter']);
    expect(decodeKeys('G', noKey({ shift: true }))).toEqual(['G']);
  });

  it('names special keys', () => {
    expect(decodeKeys('', noKey({ escape: true, meta: true }))).toEqual(['escape']);
    expect(decodeKeys('', noKey({ pageDown: true }))).toEqual(['pagedown']);
    expect(decodeKeys('c', noKey({ ctrl: true }))).toEqual(['ctrl-c']);
    expect(decodeKeys('', noKey({ return: true }))).toEqual(['enter']);
    expect(decodeKeys('\x03', noKey())).toEqual(['ctrl-c']);
  });
});

describe('moving', () => {
  it('starts following at the last record; j/k/g/G/PgUp/PgDn move', () => {
    const v = makeViewer(Array.from({ length: 100 }, (_, i) => line(i)));
    expect(v.list.follow).toBe(true);
    expect(v.list.sel).toBe(99);
    v.key('g');
    expect(v.list.sel).toBe(0);
    expect(v.list.follow).toBe(false);
    v.keys(decodeKeys('jjj', noKey()));
    expect(v.list.sel).toBe(3);
    v.key('pagedown');
    // A page scrolls the view and the selection together, like less.
    expect(v.list.sel).toBe(3 + v.layout.bodyHeight - 1);
    expect(v.list.top).toBe(v.layout.bodyHeight - 1);
    v.key('k');
    expect(v.list.sel).toBe(2 + v.layout.bodyHeight - 1);
    v.key('pageup');
    expect(v.list.top).toBe(0);
    expect(v.list.sel).toBe(2);
    v.key('pageup');
    expect(v.list.sel).toBe(0);
    v.key('G');
    expect(v.list.sel).toBe(99);
    expect(v.list.follow).toBe(true);
  });

  it('keeps the selection on screen whatever the size, down to 40x10', () => {
    const v = makeViewer(Array.from({ length: 100 }, (_, i) => line(i)));
    v.key('g');
    v.key('pagedown');
    v.key('pagedown');
    v.resize(40, 10);
    expect(v.list.sel).toBeGreaterThanOrEqual(v.list.top);
    expect(v.list.sel).toBeLessThan(v.list.top + v.layout.bodyHeight);
    const lines = recordListLines(v);
    expect(lines.length).toBe(v.layout.bodyHeight);
    for (const l of lines) expect(stripAnsi(l).length).toBeLessThanOrEqual(40);
  });

  it('finds the next and previous error with e/E', () => {
    const v = makeViewer(KAMAKI);
    v.key('g');
    v.key('e');
    expect(selectedMessage(v)).toBe('Command failed: boom');
    v.key('e');
    expect(selectedMessage(v)).toBe('Instance failed: boom again');
    v.key('e');
    expect(v.message?.text).toMatch(/no more errors/);
    v.key('E');
    expect(selectedMessage(v)).toBe('Command failed: boom');
  });

  it('scrolls long lines sideways and wraps them with w', () => {
    const long = 'x'.repeat(50) + 'END';
    const v = makeViewer([line(1, 'INFO', 'a', long)], { columns: 60 });
    expect(stripAnsi(recordListLines(v)[0]!)).not.toContain('END');
    v.key('right');
    v.key('right');
    expect(stripAnsi(recordListLines(v)[0]!)).toContain('END');
    v.key('w');
    expect(v.list.hscroll).toBe(0);
    const wrapped = recordListLines(v).map(stripAnsi);
    expect(wrapped[0]).not.toContain('END');
    expect(wrapped[1]).toContain('END');
  });
});

describe('wrapping wide characters', () => {
  it('keeps the newest record whole at the bottom when its wide characters need an extra line', () => {
    // With its columns, this row is 3 screens wide by width / 79, but wrapping
    // without splitting a double-width character needs 4 lines.
    const msg = 'a'.repeat(8) + '漢'.repeat(97) + 'END';
    const v = makeViewer([...Array.from({ length: 30 }, (_, i) => line(i)), line(30, 'INFO', 'a', msg)], { columns: 79, rows: 12 });
    v.key('w');
    v.key('G');
    const shown = recordListLines(v).map((l) => stripAnsi(l).trimEnd());
    expect(shown.join('')).toContain('END'); // the marker may wrap between two lines
  });
});

describe('follow', () => {
  it('shows records as they arrive while at the bottom', () => {
    const v = makeViewer([line(0)]);
    v.store.append(records([line(1), line(2)]));
    v.catchUp();
    expect(v.list.sel).toBe(2);
    expect(v.list.follow).toBe(true);
    expect(selectedMessage(v)).toBe('message 2');
  });

  it('pauses when scrolled up, without moving, and counts new records below', () => {
    const v = makeViewer(Array.from({ length: 50 }, (_, i) => line(i)));
    v.key('k');
    v.key('k');
    const { sel, top } = v.list;
    expect(v.list.follow).toBe(false);
    v.store.append(records(Array.from({ length: 7 }, (_, i) => line(50 + i))));
    v.catchUp();
    expect(v.list.sel).toBe(sel);
    expect(v.list.top).toBe(top);
    expect(v.newCount).toBe(7);
    expect(stripAnsi(statusBarLine(v))).toContain('PAUSED +7');
    v.key('G');
    expect(v.list.follow).toBe(true);
    expect(selectedMessage(v)).toBe('message 56');
    expect(stripAnsi(statusBarLine(v))).toContain('FOLLOW');
  });

  it('stores appends at once but updates the view and the screen on a timer', () => {
    vi.useFakeTimers();
    try {
      const v = makeViewer([line(0)], { refreshDelayMs: 60 });
      const seen = vi.fn();
      v.subscribe(seen);
      for (let i = 1; i <= 20; i++) v.store.append(records([line(i)]));
      expect(v.store.size).toBe(21);
      expect(v.view.length).toBe(1);
      expect(seen).not.toHaveBeenCalled();
      vi.advanceTimersByTime(60);
      expect(v.view.length).toBe(21);
      expect(seen).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('filters', () => {
  it('--grep filters as in print mode: any line of the record\'s whole text, the regex as given', () => {
    const lines = ['2024-01-01 00:00:00,000 INFO a hello', '2024-01-01 00:00:01,000 ERROR b foo-bar', 'Traceback (most recent call last):', 'ValueError: deep'];
    const shown = (grep: RegExp) => {
      const v = makeViewer(lines, { grep });
      v.drain();
      return Array.from({ length: v.view.length }, (_, k) => v.store.get(v.view.at(k)).message);
    };
    expect(shown(/INFO/)).toEqual(['hello']); // the level word is part of the line, as grep sees it
    expect(shown(/^2024-01-01 00:00:01,000 ERROR b/)).toEqual(['foo-bar']); // anchored on the line as written
    expect(shown(/foo\-bar/)).toEqual(['foo-bar']); // valid without the u flag
    expect(shown(/deep$/)).toEqual(['foo-bar']); // a body line, anchored on its own
    expect(shown(/Hello/)).toEqual([]); // case as given, no smart case
  });

  it('raises and lowers the level threshold over history and later records', () => {
    const v = makeViewer(KAMAKI);
    // The lowest level present is DEBUG: the first + hides it.
    v.key('+');
    v.drain();
    expect(v.rules.globalLevel).toBe(Level.info);
    expect(shownMessages(v)).not.toContain('Filtered hosts');
    v.store.append(records([line(1, 'DEBUG'), line(2, 'ERROR')]));
    v.drain();
    expect(shownMessages(v)).not.toContain('message 1');
    expect(shownMessages(v)).toContain('message 2');
    expect(stripAnsi(statusBarLine(v))).toContain('≥INFO');
    v.key('-');
    v.drain();
    expect(shownMessages(v)).toContain('message 1');
  });

  it('keeps the selected record selected when the filter changes', () => {
    const v = makeViewer(KAMAKI);
    v.key('g');
    v.key('e'); // Command failed: boom
    v.key('+');
    v.key('+');
    v.key('+');
    v.key('+');
    v.key('+');
    v.drain();
    expect(selectedMessage(v)).toBe('Command failed: boom');
  });
});

describe('search', () => {
  it('searches as you type, from where the search started', () => {
    const v = makeViewer(KAMAKI);
    v.key('g');
    v.key('/');
    type(v, 'boo');
    expect(selectedMessage(v)).toBe('Command failed: boom');
    v.key('enter');
    expect(v.prompt).toBeUndefined();
    v.key('n');
    v.drain();
    expect(selectedMessage(v)).toBe('Instance failed: boom again');
    v.key('n');
    v.drain();
    expect(v.message?.text).toMatch(/no more matches/);
    v.key('N');
    v.drain();
    expect(selectedMessage(v)).toBe('Command failed: boom');
    expect(stripAnsi(statusBarLine(v))).toContain('/boo/ 2 matches');
  });

  it('shows an invalid regex in the prompt instead of failing', () => {
    const v = makeViewer(KAMAKI);
    v.key('/');
    type(v, 'boom(');
    expect(v.prompt?.error).toMatch(/unterminated group/i);
    type(v, ')');
    expect(v.prompt?.error).toBeUndefined();
  });

  it('shows only matches with &, and Esc in the prompt restores the previous state', () => {
    const v = makeViewer(KAMAKI);
    v.key('g');
    v.key('/');
    type(v, 'kamaki\\.clients');
    v.key('enter');
    v.key('&');
    v.drain();
    expect(shownMessages(v)).toEqual(['GET https://cyclades.example.org/servers', '200 OK']);
    v.key('&');
    v.drain();
    expect(v.view.length).toBe(KAMAKI.length);
    const before = v.list.sel;
    v.key('/');
    type(v, 'nova');
    expect(v.list.sel).not.toBe(before);
    v.key('escape');
    expect(v.list.sel).toBe(before);
    expect(v.search.pattern?.text).toBe('kamaki\\.clients');
  });

  it('highlights matches in the rows', () => {
    const v = makeViewer(KAMAKI, { theme: new Theme(1) });
    v.key('/');
    type(v, 'boom');
    v.key('enter');
    expect(recordListLines(v).some((l) => l.includes('\x1b[30;43mboom'))).toBe(true);
  });
});

describe('logger tree pane', () => {
  it('hides and shows a subtree, with its own level, and shows only one', () => {
    const v = makeViewer(KAMAKI);
    v.key('t');
    expect(v.tree.open).toBe(true);
    const names = v.tree.model.rows().map((r) => r.node.name);
    expect(names.slice(0, 3)).toEqual(['', 'kamaki', 'kamaki.cli']);
    // Down to "kamaki.clients", hide it.
    v.tree.model.moveTo(names.indexOf('kamaki.clients'), v.layout.bodyHeight);
    v.key(' ');
    v.drain();
    expect(shownMessages(v)).not.toContain('200 OK');
    expect(shownMessages(v)).toContain('Command failed: boom');
    v.key(' ');
    v.drain();
    expect(shownMessages(v)).toContain('200 OK');
    // nova: errors only.
    v.tree.model.moveTo(v.tree.model.rows().findIndex((r) => r.node.name === 'nova'), v.layout.bodyHeight);
    for (let k = 0; k < 6; k++) v.key('+');
    v.drain();
    expect(v.rules.rule('nova')?.minLevel).toBe(Level.error);
    expect(shownMessages(v)).toContain('Instance failed: boom again');
    expect(shownMessages(v)).not.toContain('Instance spawned');
    expect(shownMessages(v)).toContain('kamaki server list -v');
    // Only nova.
    v.key('o');
    v.drain();
    expect(shownMessages(v)).toEqual(['Instance failed: boom again']);
    v.key('X');
    v.drain();
    expect(v.view.length).toBe(KAMAKI.length);
  });

  it('finds a logger by fuzzy name and jumps to it', () => {
    const v = makeViewer(KAMAKI);
    v.key('t');
    v.key('/');
    type(v, 'schedlr');
    expect(v.tree.finder.results[0]).toBe('nova.scheduler');
    v.key('enter');
    expect(v.tree.model.current()?.node.name).toBe('nova.scheduler');
  });

  it('lets Tab move the keys between tree and records when side by side', () => {
    const v = makeViewer(KAMAKI, { columns: 120 });
    v.key('t');
    expect(v.layout.list.width > 0).toBe(true);
    v.key('tab');
    expect(v.tree.focus).toBe('list');
    v.key('g');
    expect(v.list.sel).toBe(0);
    v.key('tab');
    v.key('escape');
    expect(v.tree.open).toBe(false);
  });
});

describe('details, help, quit', () => {
  it('shows the whole record, HTTP as request line plus headers', () => {
    const v = makeViewer([
      'kamaki.clients.send(DEBUGV) 2024-05-16 00:00:06,447',
      '  POST https://accounts.example.org/identity/v2.0/tokens',
      'kamaki.clients.send(DEBUGV) 2024-05-16 00:00:06,584',
      '    Content-Type: application/json',
      'kamaki.clients.send(DEBUGV) 2024-05-16 00:00:06,858',
      '  data size: 67',
      'kamaki.clients.send(DEBUGV) 2024-05-16 00:00:06,995',
      '  ',
    ]);
    v.key('enter');
    expect(v.overlay?.kind).toBe('details');
    const text = v.overlay!.wrappedLines(v.columns).map((l) => l.map((s) => s.text).join(''));
    expect(text).toContain('HTTP request');
    expect(text).toContain('  POST https://accounts.example.org/identity/v2.0/tokens');
    expect(text).toContain('  Content-Type: application/json');
    expect(text).toContain('  data size: 67');
    // Headers are shown once, in the HTTP block, not again as body lines.
    expect(text.filter((l) => l.includes('Content-Type')).length).toBe(1);
    v.key('q');
    expect(v.overlay).toBeUndefined();
  });

  it('shows the record now selected, not the one opened before', () => {
    const v = makeViewer(['2024-01-01 00:00:00,000 INFO a first', '2024-01-01 00:00:01,000 INFO a second']);
    v.key('g');
    v.key('enter');
    const shown = () => v.overlay!.wrappedLines(v.columns).map((l) => l.map((s) => s.text).join('')).join('\n');
    expect(shown()).toContain('first');
    v.key('escape');
    v.key('j');
    v.key('enter');
    expect(shown()).toContain('second');
    expect(shown()).not.toContain('first');
  });

  it('pretty-prints JSON and escapes control characters', () => {
    const v = makeViewer(['{"msg":"hi","nested":{"a":[1,2]},"evil":"\\u001b[2J"}']);
    v.key('enter');
    const text = v.overlay!.wrappedLines(v.columns).map((l) => l.map((s) => s.text).join('')).join('\n');
    expect(text).toContain('"nested": {');
    expect(text).not.toContain('\x1b');
    expect(text).toContain('\\u001b[2J');
  });

  it('opens the help with ? and quits with q or Ctrl-C', () => {
    const onQuit = vi.fn();
    const v = makeViewer(KAMAKI, { onQuit });
    v.key('?');
    expect(v.overlay?.kind).toBe('help');
    v.key('escape');
    v.key('/');
    v.key('ctrl-c');
    expect(onQuit).toHaveBeenCalledTimes(1);
    const v2 = makeViewer(KAMAKI, { onQuit });
    v2.key('q');
    expect(onQuit).toHaveBeenCalledTimes(2);
  });
});

describe('terminal safety', () => {
  it('never lets a control character from a log reach the screen', () => {
    const v = makeViewer(['2024-05-16 00:00:01,000 INFO app evil \x1b]52;c;aGk=\x07 \x9b31m tab\there']);
    const l = recordListLines(v)[0]!;
    expect(stripAnsi(l)).toContain('\\x1b]52;c;aGk=\\x07');
    expect(l).not.toContain('\x9b');
    expect(l).not.toContain('\x07');
    expect(l).not.toContain('\t');
  });
});


describe('huge lines', () => {
  it('keeps rows and details bounded for a 1 MiB message', () => {
    const v = makeViewer([`2024-05-16 00:00:01,000 INFO big ${'x'.repeat(1 << 20)}`, line(2)]);
    v.key('k');
    const row = stripAnsi(recordListLines(v)[0]!);
    expect(row.length).toBeLessThanOrEqual(100);
    v.key('enter');
    const text = v.overlay!.wrappedLines(v.columns).map((l) => l.map((s) => s.text).join(''));
    expect(text.length).toBeLessThan(1000);
    expect(text.some((l) => l.includes('more characters)'))).toBe(true);
  });
});

describe('issue 10 friction', () => {
  it('3: keys 1..7 set the threshold directly', () => {
    const v = makeViewer(KAMAKI);
    v.key('5');
    v.drain();
    expect(v.rules.globalLevel).toBe(Level.warning);
    expect(shownMessages(v)).toEqual(['cloud.default.token is now empty', 'Command failed: boom', 'Instance failed: boom again']);
    v.key('1');
    v.drain();
    expect(v.view.length).toBe(KAMAKI.length);
  });

  it('4: the status bar says which record is selected and where, and shows indexing progress', () => {
    const v = makeViewer(Array.from({ length: 2000 }, (_, i) => line(i)));
    v.key('g');
    for (let k = 0; k < 739; k++) v.key('j');
    expect(stripAnsi(statusBarLine(v))).toContain('740 of 2,000  37%  shown 2,000/2,000');
    Object.defineProperty(v.store, 'progress', { value: { done: 37, total: 100 }, configurable: true });
    expect(stripAnsi(statusBarLine(v))).toContain('indexing 37%');
  });

  it('5: with several sources each row carries its source tag, coloured per source; the key hint is never cut', () => {
    const v = makeViewer(KAMAKI, { sourceNames: ['/var/log/nova/api.log', '/var/log/nova/compute.log'], theme: new Theme(2) });
    const rows = recordListLines(v);
    expect(stripAnsi(rows[0]!)).toMatch(/^api\s+00:00:01/);
    expect(rows[0]).toContain(v.theme.source(0).open + 'api');
    expect(v.theme.source(0).open).not.toBe(v.theme.source(1).open);
    v.notice(0, 'a very long notice '.repeat(20), 'error');
    v.say('a long message '.repeat(10));
    for (const cols of [60, 100, 200]) {
      v.resize(cols, 20);
      const s = stripAnsi(statusBarLine(v));
      expect(s.endsWith(' ? help  q quit ')).toBe(true);
      expect(s.length).toBe(cols);
    }
    // One source: no tags.
    expect(stripAnsi(recordListLines(makeViewer(KAMAKI))[0]!)).toMatch(/^00:00:01/);
  });

  it('6: the oslo request id (short) and [instance: uuid] show dim in the row; search and -g see the whole text', () => {
    const oslo = [
      '2017-05-16 00:00:04.500 2931 INFO nova.compute.manager [req-3ea4052c-895d-4b64-9e2d-04d64c4d94ab - - - - -] [instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] VM Started',
      '2017-05-16 00:00:05.500 2931 INFO nova.compute.manager [-] no context here',
    ];
    const v = makeViewer(oslo, { theme: new Theme(1), columns: 140 });
    const rows = recordListLines(v);
    expect(stripAnsi(rows[0]!)).toContain('req-3ea4052c [instance: b9000564] VM Started');
    expect(rows[0]).toContain(v.theme.dim.open + 'req-3ea4052c');
    expect(stripAnsi(rows[1]!)).toMatch(/\s no context here/);
    const g = makeViewer(oslo, { grep: /req-3ea4052c/ });
    expect(shownMessages(g)).toEqual(['VM Started']);
  });

  it('7: ERROR rows tint their message; the selected row keeps its level colour', () => {
    const v = makeViewer(KAMAKI, { theme: new Theme(1) });
    const rows = recordListLines(v);
    const error = rows.find((l) => l.includes('Command failed'))!;
    expect(error).toContain(v.theme.message(Level.error).open + 'Command failed: boom');
    const info = rows.find((l) => l.includes('Instance spawned'))!;
    expect(info).not.toContain(v.theme.message(Level.error).open);
    v.key('g');
    v.key('e');
    const sel = recordListLines(v).find((l) => l.includes('Command failed'))!;
    expect(sel).toContain(v.theme.level(Level.error).open + v.theme.inverse.open + 'ERROR');
  });

  it('8: a key that does nothing says so', () => {
    const v = makeViewer(KAMAKI);
    v.key('z');
    expect(v.message).toEqual({ text: 'z: not a key -- ? for help', error: true });
    expect(stripAnsi(statusBarLine(v))).toContain('z: not a key -- ? for help');
    v.key('ctrl-g');
    expect(v.message?.text).toBe('Ctrl-G: not a key -- ? for help');
    v.key('j');
    expect(v.message).toBeUndefined();
  });

  it('8: Esc then a key at once closes the prompt and runs the key', () => {
    const v = makeViewer(KAMAKI);
    v.key('g');
    v.key('/');
    v.keys(decodeKeys('j', noKey({ meta: true })));
    expect(v.prompt).toBeUndefined();
    expect(v.list.sel).toBe(1);
  });

  it('9: scrolling sideways keeps time, level and logger in place and marks the offset', () => {
    const long = 'abcdefghijklmnopqrstuvwxyz'.repeat(4) + 'END';
    const v = makeViewer([line(1, 'INFO', 'app.worker', long)], { columns: 80 });
    const before = stripAnsi(recordListLines(v)[0]!);
    v.key('l');
    const after = stripAnsi(recordListLines(v)[0]!);
    const fixed = before.indexOf('abc');
    expect(after.slice(0, fixed)).toBe(before.slice(0, fixed));
    expect(after.slice(fixed, fixed + 1)).toBe('…');
    expect(after.slice(fixed + 1)).toMatch(/^uvwxyz/); // 20 columns (a quarter of 80) scrolled off
    expect(stripAnsi(statusBarLine(v))).toContain('col +20');
  });
});

describe('issue 11 safety', () => {
  it('17: private-use characters in a log, logger or file name never pass for a screen placeholder', () => {
    const evil = 'a\uE000\uE100\uE001.log';
    const v = makeViewer([line(1, 'INFO', `lg\uE000\uE101\uE001`, `msg \uE000\uE100\uE001 end`)], { sourceNames: [evil, 'b.log'] });
    const screen = [...recordListLines(v), statusBarLine(v)].join('\n');
    expect(screen).not.toMatch(/[\uE000-\uE1FF]/);
    expect(stripAnsi(statusBarLine(v))).toContain('a\\ue000\\ue100\\ue001.log');
  });

  it('18: a ZWJ emoji sequence in a logger name is shown escaped, so it is drawn as wide as measured', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const v = makeViewer([line(1, 'INFO', `app.${family}`, 'hi')], { columns: 80 });
    const row = stripAnsi(recordListLines(v)[0]!);
    expect(row).not.toContain('\u200D');
    expect(row).toContain('\\u200d');
  });
});

describe('tree pane keys', () => {
  it('Enter opens and closes a node, → and l only open it, ← closes it or goes to the parent', () => {
    const v = makeViewer(KAMAKI);
    v.key('t');
    const at = (name: string) => v.tree.model.moveTo(v.tree.model.rows().findIndex((r) => r.node.name === name), v.layout.bodyHeight);
    const open = (name: string) => v.tree.model.rows().find((r) => r.node.name === name)!.expanded;
    at('kamaki');
    expect(open('kamaki')).toBe(true);
    v.key('right');
    expect(open('kamaki')).toBe(true);
    v.key('enter');
    expect(open('kamaki')).toBe(false);
    v.key('l');
    expect(open('kamaki')).toBe(true);
    v.key('left');
    expect(open('kamaki')).toBe(false);
    v.key('left');
    expect(v.tree.model.current()?.node.name).toBe('');
  });
});
