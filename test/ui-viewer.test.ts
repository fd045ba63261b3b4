import { describe, expect, it, vi } from 'vitest';
import { Level } from '../src/model/level.js';
import { Theme } from '../src/render/theme.js';
import { decodeKeys } from '../src/ui/keys.js';
import { listLines, statusLine } from '../src/ui/screen-lines.js';
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
    expect(v.follow).toBe(true);
    expect(v.sel).toBe(99);
    v.key('g');
    expect(v.sel).toBe(0);
    expect(v.follow).toBe(false);
    v.keys(decodeKeys('jjj', noKey()));
    expect(v.sel).toBe(3);
    v.key('pagedown');
    // A page scrolls the view and the selection together, like less.
    expect(v.sel).toBe(3 + v.bodyHeight - 1);
    expect(v.top).toBe(v.bodyHeight - 1);
    v.key('k');
    expect(v.sel).toBe(2 + v.bodyHeight - 1);
    v.key('pageup');
    expect(v.top).toBe(0);
    expect(v.sel).toBe(2);
    v.key('pageup');
    expect(v.sel).toBe(0);
    v.key('G');
    expect(v.sel).toBe(99);
    expect(v.follow).toBe(true);
  });

  it('keeps the selection on screen whatever the size, down to 40x10', () => {
    const v = makeViewer(Array.from({ length: 100 }, (_, i) => line(i)));
    v.key('g');
    v.key('pagedown');
    v.key('pagedown');
    v.resize(40, 10);
    expect(v.sel).toBeGreaterThanOrEqual(v.top);
    expect(v.sel).toBeLessThan(v.top + v.bodyHeight);
    const lines = listLines(v);
    expect(lines.length).toBe(v.bodyHeight);
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
    expect(stripAnsi(listLines(v)[0]!)).not.toContain('END');
    v.key('right');
    v.key('right');
    expect(stripAnsi(listLines(v)[0]!)).toContain('END');
    v.key('w');
    expect(v.hscroll).toBe(0);
    const wrapped = listLines(v).map(stripAnsi);
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
    const shown = listLines(v).map((l) => stripAnsi(l).trimEnd());
    expect(shown.join('')).toContain('END'); // the marker may wrap between two lines
  });
});

describe('follow', () => {
  it('shows records as they arrive while at the bottom', () => {
    const v = makeViewer([line(0)]);
    v.enqueue(records([line(1), line(2)]));
    v.flushAppends();
    expect(v.sel).toBe(2);
    expect(v.follow).toBe(true);
    expect(selectedMessage(v)).toBe('message 2');
  });

  it('pauses when scrolled up, without moving, and counts new records below', () => {
    const v = makeViewer(Array.from({ length: 50 }, (_, i) => line(i)));
    v.key('k');
    v.key('k');
    const { sel, top } = v;
    expect(v.follow).toBe(false);
    v.enqueue(records(Array.from({ length: 7 }, (_, i) => line(50 + i))));
    v.flushAppends();
    expect(v.sel).toBe(sel);
    expect(v.top).toBe(top);
    expect(v.newCount).toBe(7);
    expect(stripAnsi(statusLine(v))).toContain('PAUSED +7');
    v.key('G');
    expect(v.follow).toBe(true);
    expect(selectedMessage(v)).toBe('message 56');
    expect(stripAnsi(statusLine(v))).toContain('FOLLOW');
  });

  it('stores appends at once but updates the view and the screen on a timer', () => {
    vi.useFakeTimers();
    try {
      const v = makeViewer([line(0)], { appendDelayMs: 60 });
      const seen = vi.fn();
      v.subscribe(seen);
      for (let i = 1; i <= 20; i++) v.enqueue(records([line(i)]));
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
  it('--grep filters as in print mode: message and body lines, the regex as given', () => {
    const lines = ['2024-01-01 00:00:00,000 INFO a hello', '2024-01-01 00:00:01,000 ERROR b foo-bar', 'Traceback (most recent call last):', 'ValueError: deep'];
    const shown = (grep: RegExp) => {
      const v = makeViewer(lines, { grep });
      v.drain();
      return Array.from({ length: v.view.length }, (_, k) => v.store.get(v.view.at(k)).message);
    };
    expect(shown(/INFO/)).toEqual([]); // the level word is not part of the message
    expect(shown(/foo\-bar/)).toEqual(['foo-bar']); // valid without the u flag
    expect(shown(/deep$/)).toEqual(['foo-bar']); // a body line, anchored on its own
    expect(shown(/Hello/)).toEqual([]); // case as given, no smart case
  });

  it('raises and lowers the level threshold over history and later records', () => {
    const v = makeViewer(KAMAKI);
    v.key('+');
    v.key('+');
    v.key('+');
    v.drain();
    expect(v.rules.globalLevel).toBe(Level.info);
    expect(shownMessages(v)).not.toContain('Filtered hosts');
    v.enqueue(records([line(1, 'DEBUG'), line(2, 'ERROR')]));
    v.drain();
    expect(shownMessages(v)).not.toContain('message 1');
    expect(shownMessages(v)).toContain('message 2');
    expect(stripAnsi(statusLine(v))).toContain('≥INFO');
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
    expect(stripAnsi(statusLine(v))).toContain('/boo/ 2 matches');
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
    const before = v.sel;
    v.key('/');
    type(v, 'nova');
    expect(v.sel).not.toBe(before);
    v.key('escape');
    expect(v.sel).toBe(before);
    expect(v.search?.text).toBe('kamaki\\.clients');
  });

  it('highlights matches in the rows', () => {
    const v = makeViewer(KAMAKI, { theme: new Theme(1) });
    v.key('/');
    type(v, 'boom');
    v.key('enter');
    expect(listLines(v).some((l) => l.includes('\x1b[30;43mboom'))).toBe(true);
  });
});

describe('logger tree pane', () => {
  it('hides and shows a subtree, with its own level, and shows only one', () => {
    const v = makeViewer(KAMAKI);
    v.key('t');
    expect(v.treeOpen).toBe(true);
    const names = v.tree.rows().map((r) => r.node.name);
    expect(names.slice(0, 3)).toEqual(['', 'kamaki', 'kamaki.cli']);
    // Down to "kamaki.clients", hide it.
    v.tree.moveTo(names.indexOf('kamaki.clients'), v.bodyHeight);
    v.key(' ');
    v.drain();
    expect(shownMessages(v)).not.toContain('200 OK');
    expect(shownMessages(v)).toContain('Command failed: boom');
    v.key(' ');
    v.drain();
    expect(shownMessages(v)).toContain('200 OK');
    // nova: errors only.
    v.tree.moveTo(v.tree.rows().findIndex((r) => r.node.name === 'nova'), v.bodyHeight);
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
    expect(v.finder.results[0]).toBe('nova.scheduler');
    v.key('enter');
    expect(v.tree.current()?.node.name).toBe('nova.scheduler');
  });

  it('lets Tab move the keys between tree and records when side by side', () => {
    const v = makeViewer(KAMAKI, { columns: 120 });
    v.key('t');
    expect(v.treeSideBySide).toBe(true);
    v.key('tab');
    expect(v.focus).toBe('list');
    v.key('g');
    expect(v.sel).toBe(0);
    v.key('tab');
    v.key('escape');
    expect(v.treeOpen).toBe(false);
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
    const text = v.overlayLines().map((l) => l.map((s) => s.text).join(''));
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
    const shown = () => v.overlayLines().map((l) => l.map((s) => s.text).join('')).join('\n');
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
    const text = v.overlayLines().map((l) => l.map((s) => s.text).join('')).join('\n');
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
    const l = listLines(v)[0]!;
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
    const row = stripAnsi(listLines(v)[0]!);
    expect(row.length).toBeLessThanOrEqual(100);
    v.key('enter');
    const text = v.overlayLines().map((l) => l.map((s) => s.text).join(''));
    expect(text.length).toBeLessThan(1000);
    expect(text.some((l) => l.includes('more characters)'))).toBe(true);
  });
});
