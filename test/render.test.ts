import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { formatLocalTime } from '../src/render/format-time.js';
import { renderJson } from '../src/render/json-line.js';
import { sanitize } from '../src/render/sanitize.js';
import { renderText } from '../src/render/text-line.js';
import { hashName, Theme } from '../src/render/theme.js';
import { parseText } from './helpers/records.js';

describe('sanitize', () => {
  it('escapes C0 (but tab), DEL and C1 so nothing reaches the terminal as a control', () => {
    expect(sanitize('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(sanitize('\x1b]0;pwned\x07')).toBe('\\x1b]0;pwned\\x07');
    expect(sanitize('\x1b]52;c;aGk=\x07')).toBe('\\x1b]52;c;aGk=\\x07');
    expect(sanitize('x\x7fy\u009b2Jz')).toBe('x\\x7fy\\x9b2Jz');
    expect(sanitize('nul\x00 cr\r bs\b')).toBe('nul\\x00 cr\\x0d bs\\x08');
    expect(sanitize('tab\tkept')).toBe('tab\tkept');
    expect(sanitize('plain ünïcödé')).toBe('plain ünïcödé');
  });
});

describe('text rendering', () => {
  const [r] = parseText('2024-05-16 00:00:11,927 ERROR kamaki.cli boom \x1b[31mred\n  detail\x07\n');

  it('without colour: time, level, logger, message, then the body indented', () => {
    const out = renderText(r!, new Theme(0));
    expect(out).toBe('2024-05-16 00:00:11.927 ERROR kamaki.cli boom \\x1b[31mred\n    detail\\x07\n');
  });

  it('with colour: level bold red, time dim, logger by a stable hash; log bytes still escaped', () => {
    const out = renderText(r!, new Theme(2));
    expect(out).toContain('\x1b[1;31mERROR\x1b[0m');
    expect(out).toContain('\x1b[2m2024-05-16 00:00:11.927\x1b[0m');
    expect(out).toMatch(/\x1b\[38;5;\d+mkamaki\.cli\x1b\[0m/);
    // The only ESC bytes are our own SGR sequences.
    expect(out.replace(/\x1b\[[\d;]*m/g, '')).not.toContain('\x1b');
  });

  it('level colours in the spirit of oslo ColorHandler, but debug blue (not green-as-OK), info cyan, warning bold yellow', () => {
    const t = new Theme(1);
    expect(t.level(Level.trace).open).toBe('\x1b[35m');
    expect(t.level(Level.debug).open).toBe('\x1b[34m');
    expect(t.level(Level.info).open).toBe('\x1b[36m');
    expect(t.level(Level.warning).open).toBe('\x1b[1;33m');
    expect(t.level(Level.critical).open).toContain('1;31');
  });

  it('logger colour is stable and differs between typical loggers', () => {
    expect(hashName('kamaki.clients.send')).toBe(hashName('kamaki.clients.send'));
    const t = new Theme(2);
    const colours = new Set(['kamaki', 'kamaki.cli', 'kamaki.clients.send', 'kamaki.clients.recv', 'nova.compute'].map((n) => t.logger(n).open));
    expect(colours.size).toBeGreaterThan(2);
  });
});

describe('fields in text', () => {
  it('follow the message as key=value, quoted when needed, nested as JSON', () => {
    const [r] = parseText('{"time":"2024-05-16T00:00:00Z","level":"info","msg":"hi","req":"r 1","n":3,"ctx":{"a":[1]}}\n');
    const time = formatLocalTime(Date.UTC(2024, 4, 16));
    expect(renderText(r!, new Theme(0))).toBe(`${time} INFO  hi req="r 1" n=3 ctx={"a":[1]}\n`);
  });
});

describe('JSON rendering', () => {
  it('keys in the documented order, absent when empty, time in UTC ISO', () => {
    const [b, a] = parseText('plain\n2024-05-16T00:00:11.927Z INFO kamaki.cli hello\n');
    const ja = renderJson(a!, 'app.log');
    expect(Object.keys(JSON.parse(ja))).toEqual(['source', 'line', 'time', 'level', 'logger', 'message']);
    expect(JSON.parse(ja)).toEqual({ source: 'app.log', line: 2, time: '2024-05-16T00:00:11.927Z', level: 'info', logger: 'kamaki.cli', message: 'hello' });
    expect(JSON.parse(renderJson(b!, '-'))).toEqual({ source: '-', line: 1, message: 'plain' });
  });

  it('escapes every control character, DEL and C1 included', () => {
    const [r] = parseText('x \x1b]0;t\x07 \x7f \u009b end\n');
    const out = renderJson(r!, 'f');
    expect(out).toContain('\\u001b');
    expect(out).toContain('\\u007f');
    expect(out).toContain('\\u009b');
    expect(out.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(JSON.parse(out).message).toBe('x \x1b]0;t\x07 \x7f \u009b end');
  });

  it('http records carry the http object after body', () => {
    const [r] = parseText('> POST https://example.org/tokens\n>   Content-Length: 74\n> data size: 74\n');
    const o = JSON.parse(renderJson(r!, 'k.log'));
    expect(Object.keys(o)).toEqual(['source', 'line', 'level', 'logger', 'message', 'body', 'http']);
    expect(o.http).toEqual({ direction: 'request', method: 'POST', url: 'https://example.org/tokens', headers: { 'Content-Length': '74' }, size: 74 });
  });
});
