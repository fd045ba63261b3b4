import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clipboardWriter, osc52, osc52Supported } from '../src/app/clipboard.js';
import { saveRecords } from '../src/app/save-records.js';
import { loadConfig } from '../src/cli/config-file.js';
import { parseOptions } from '../src/cli/options.js';
import { Level } from '../src/model/level.js';
import { BUILTIN_FORMAT_NAMES } from '../src/parse/registry.js';
import { rowLayout } from '../src/render/row-format.js';
import { colorSpec, Theme } from '../src/render/theme.js';
import { commandFor, helpText, remapKeys } from '../src/ui/key-table.js';
import { KAMAKI, makeViewer } from './ui-helpers.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'logview.js');
const tmp = mkdtempSync(join(tmpdir(), 'logview-view-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function configFile(config: unknown): string {
  const p = join(tmp, `config-${++n}.json`);
  writeFileSync(p, typeof config === 'string' ? config : JSON.stringify(config));
  return p;
}

describe('config file: the viewer settings', () => {
  it('reads theme, filters, keys, time zone, columns and clipboard', () => {
    const file = configFile({
      theme: { base: 'light', levels: { error: 'bold #d70000' }, elements: { mark: 'on-blue white' } },
      filters: { level: 'info', exclude: ['kamaki.clients'] },
      keys: { 'ctrl-t': 'timeline' },
      timeZone: 'Europe/Athens',
      columns: { time: 'full', source: 'hide' },
      clipboard: 'osc52',
    });
    const c = loadConfig(file, true, BUILTIN_FORMAT_NAMES).view;
    expect(c).toEqual({
      theme: { base: 'light', levels: { error: 'bold #d70000' }, elements: { mark: 'on-blue white' } },
      filters: { level: 'info', exclude: ['kamaki.clients'] },
      keys: { 'ctrl-t': 'timeline' },
      timeZone: 'Europe/Athens',
      columns: { time: 'full', source: 'hide' },
      clipboard: 'osc52',
    });
    expect(loadConfig(configFile({ theme: 'dark' }), true, BUILTIN_FORMAT_NAMES).view.theme).toEqual({ base: 'dark' });
  });

  it('names the bad key in one clear error', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ theme: 'solarized' }, /"theme": unknown theme "solarized" \(expected dark, light, or an object\)/],
      [{ theme: { levels: { eror: 'red' } } }, /"theme" > "levels": unknown key "eror" \(expected trace, debug/],
      [{ theme: { levels: { error: 'reddish' } } }, /"theme" > "levels" > "error": not a colour: "reddish"/],
      [{ theme: { elements: { time: 'red' } } }, /"theme" > "elements": unknown key "time" \(expected dim, match, mark, heading, error\)/],
      [{ filters: { level: 'loud' } }, /"filters" > "level": invalid level "loud"/],
      [{ filters: { grep: '(' } }, /"filters" > "grep": /],
      [{ filters: { loggers: [] } }, /"filters": unknown key "loggers" \(expected level, logger, exclude, grep\)/],
      [{ keys: { T: 'explode' } }, /"keys" > "T": unknown command "explode" \(expected one of /],
      [{ keys: { 'ctrl-ab': 'quit' } }, /"keys": "ctrl-ab" is not a key/],
      [{ timeZone: 'Mars/Olympus' }, /"timeZone": unknown time zone "Mars\/Olympus"/],
      [{ columns: { time: 'wide' } }, /"columns" > "time" must be "auto", "show", "hide", "full"/],
      [{ clipboard: 'yes' }, /"clipboard" must be "auto", "osc52" or "off"/],
    ];
    for (const [config, message] of cases) expect(() => loadConfig(configFile(config), true, BUILTIN_FORMAT_NAMES), JSON.stringify(config)).toThrow(message);
  });

  it('default filters apply where the command line gives none; TZ in the environment wins over timeZone', () => {
    const file = configFile({ filters: { level: 'warning', logger: ['nova'], grep: 'boom' }, timeZone: 'Asia/Tokyo' });
    const env: NodeJS.ProcessEnv = { HOME: tmp };
    const o = parseOptions(['--config', file, 'x.log'], '1', 0, env);
    expect(o).toMatchObject({ minLevel: Level.warning, include: ['nova'] });
    expect(o.grep?.source).toBe('boom');
    expect(env.TZ).toBe('Asia/Tokyo');
    const cli = parseOptions(['--config', file, '-l', 'debug', '-L', 'kamaki', 'x.log'], '1', 0, { HOME: tmp, TZ: 'UTC' });
    expect(cli).toMatchObject({ minLevel: Level.debug, include: ['kamaki'] });
    const tzEnv: NodeJS.ProcessEnv = { HOME: tmp, TZ: 'UTC' };
    parseOptions(['--config', file, 'x.log'], '1', 0, tzEnv);
    expect(tzEnv.TZ).toBe('UTC');
    expect(parseOptions(['--no-config', 'x.log'], '1', 0, { HOME: tmp }).minLevel).toBe(Level.none);
  });

  it('a bad config file is one logview: line and exit 2, naming the key', () => {
    const xdg = join(tmp, 'xdg');
    mkdirSync(join(xdg, 'logview'), { recursive: true });
    writeFileSync(join(xdg, 'logview', 'config.json'), JSON.stringify({ theme: { base: 'sepia' } }));
    const r = spawnSync(process.execPath, [BIN, '--print', join(import.meta.dirname, 'fixtures', 'pino.log')], { env: { ...process.env, XDG_CONFIG_HOME: xdg }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^logview: .*config\.json: "theme" > "base" must be "dark" or "light"\n$/);
    // The config's default level filters print mode too.
    writeFileSync(join(xdg, 'logview', 'config.json'), JSON.stringify({ filters: { level: 'error' } }));
    const p = spawnSync(process.execPath, [BIN, '--print', '-o', 'json', join(import.meta.dirname, 'fixtures', 'pino.log')], { env: { ...process.env, XDG_CONFIG_HOME: xdg }, encoding: 'utf8' });
    expect(p.status).toBe(0);
    const levels = p.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { level?: string }).level);
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((l) => l === 'error' || l === 'critical' || l === undefined)).toBe(true);
  });
});

describe('themes', () => {
  it('colour specs: words, 256 numbers, #rrggbb, backgrounds', () => {
    expect(colorSpec('bold red')).toBe('1;31');
    expect(colorSpec('bright-blue on-black')).toBe('94;40');
    expect(colorSpec('208')).toBe('38;5;208');
    expect(colorSpec('#ff8700')).toBe('38;5;214');
    expect(colorSpec('blink')).toHaveProperty('error');
  });

  it('the light theme has no bold yellow or pastel text for a white background', () => {
    const dark = new Theme(2);
    const light = new Theme(2, { base: 'light' });
    expect(dark.level(Level.warning).open).toBe('\x1b[1;33m');
    expect(light.level(Level.warning).open).toBe('\x1b[1;38;5;130m');
    const pastel = [147, 150, 180, 216, 213, 177, 115, 111];
    for (const name of ['nova.compute', 'kamaki.clients', 'a', 'b.c', 'keystone', 'glance.api', 'x.y.z', 'neutron']) {
      const code = Number(/38;5;(\d+)/.exec(light.logger(name).open)![1]);
      expect(pastel).not.toContain(code);
    }
    expect(new Theme(1, { base: 'light' }).level(Level.warning).open).toBe('\x1b[33m');
  });

  it('per-level and per-element colours override the palette (256-colour ones only where they show)', () => {
    const t = new Theme(2, { levels: { error: 'bold 160' }, elements: { mark: 'on-blue white', dim: 'gray' } });
    expect(t.level(Level.error).open).toBe('\x1b[1;38;5;160m');
    expect(t.chart(Level.error).open).toBe('\x1b[1;38;5;160m');
    expect(t.mark.open).toBe('\x1b[44;37m');
    expect(t.dim.open).toBe('\x1b[90m');
    expect(new Theme(1, { levels: { error: '160' } }).level(Level.error).open).toBe('\x1b[1;31m');
    expect(new Theme(0, { levels: { error: 'red' } }).level(Level.error).open).toBe('');
  });
});

describe('columns and keys from the config', () => {
  it('column choices: time full or hidden, source and logger hidden', () => {
    expect(rowLayout(100, 20, 5, { time: 'full' }).timeWidth).toBe(23);
    expect(rowLayout(160, 20, 5, { time: 'hide', source: 'hide', logger: 'hide' })).toEqual({ timeWidth: 0, loggerWidth: 0, sourceWidth: 0 });
    expect(rowLayout(60, 20, 5, { time: 'show' }).timeWidth).toBe(12);
    expect(rowLayout(60, 20, 5).timeWidth).toBe(0);
  });

  it('key remaps run their command and show in the help', () => {
    remapKeys({ 'ctrl-t': 'timeline' });
    expect(commandFor('list', 'ctrl-t')).toBe('timeline');
    expect(helpText().find((l) => l.includes('timeline:'))).toMatch(/^ {2}T Ctrl-T +timeline/);
    const v = makeViewer(KAMAKI);
    v.key('ctrl-t');
    expect(v.timeline.open).toBe(true);
  });
});

describe('clipboard (OSC 52)', () => {
  it('is our own sequence, the text base64-encoded', () => {
    const seq = osc52('a\x1b[2Jb ü');
    expect(seq).toBe(`\x1b]52;c;${Buffer.from('a\x1b[2Jb ü').toString('base64')}\x07`);
    // No byte of the text reaches the terminal as it was.
    expect(seq.slice(7, -1)).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it('is written only where the terminal takes it', () => {
    expect(osc52Supported({ TERM: 'xterm-256color' })).toBe(true);
    expect(osc52Supported({ TERM: 'tmux-256color', TMUX: '/tmp/x' })).toBe(true);
    expect(osc52Supported({ TERM: 'screen', TMUX: '/tmp/x' })).toBe(true);
    expect(osc52Supported({ TERM: 'screen' })).toBe(false);
    expect(osc52Supported({ TERM: 'linux' })).toBe(false);
    expect(osc52Supported({ TERM: 'dumb' })).toBe(false);
    expect(osc52Supported({})).toBe(false);
    expect(osc52Supported({ TERM: 'linux' }, 'osc52')).toBe(true);
    expect(osc52Supported({ TERM: 'xterm' }, 'off')).toBe(false);
    const out: string[] = [];
    const w = { write: (s: string) => out.push(s) };
    expect(clipboardWriter(w, true)('hi')).toBe('copied');
    expect(clipboardWriter(w, false)('hi')).toBe('unsupported');
    expect(clipboardWriter(w, true)('x'.repeat(80_000))).toBe('too long');
    expect(out).toEqual([osc52('hi')]);
  });
});

describe('saveRecords (s): the print renderers, to a file', () => {
  const lines = [...KAMAKI.slice(0, 4), '2024-05-16 00:00:05,000 ERROR kamaki.cli Traceback (most recent call last):', '  File "x.py", line 1, in <module>', 'ValueError: bad \x1b[31m'];
  it('raw keeps the bytes, text is print mode without colour, json is NDJSON', async () => {
    const v = makeViewer(lines);
    const all = Uint32Array.from({ length: v.store.size }, (_, i) => i);
    const raw = join(tmp, 'saved.log');
    expect(await saveRecords(v.store, ['app.log'], { path: raw, format: 'raw', indices: all })).toBe(5);
    expect(readFileSync(raw, 'utf8')).toBe(lines.join('\n') + '\n');
    const text = join(tmp, 'saved.txt');
    expect(await saveRecords(v.store, ['app.log'], { path: text, format: 'text', indices: Uint32Array.of(4) })).toBe(1);
    const t = readFileSync(text, 'utf8');
    expect(t).toContain('Traceback (most recent call last):');
    expect(t).not.toContain('\x1b');
    const json = join(tmp, 'saved.json');
    expect(await saveRecords(v.store, ['app.log'], { path: json, format: 'json', indices: Uint32Array.of(1, 3) })).toBe(2);
    const objs = readFileSync(json, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: string; line: number; logger: string });
    expect(objs.map((o) => [o.source, o.line, o.logger])).toEqual([
      ['app.log', 2, 'kamaki.cli.config'],
      ['app.log', 4, 'kamaki.clients.recv'],
    ]);
  });

  it('an unwritable path is a one-line reason', async () => {
    const v = makeViewer(KAMAKI);
    await expect(saveRecords(v.store, ['a'], { path: join(tmp, 'no', 'such', 'x.log'), format: 'raw', indices: Uint32Array.of(0) })).rejects.toThrow(/x\.log: no such directory$/);
    await expect(saveRecords(v.store, ['a'], { path: tmp, format: 'raw', indices: Uint32Array.of(0) })).rejects.toThrow(/: is a directory$/);
  });
});
