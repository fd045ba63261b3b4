import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCustomFormat, CustomFormatError } from '../src/parse/formats/custom.js';
import { BUILTIN_FORMAT_NAMES } from '../src/parse/registry.js';
import { FORMATS_DIR, local } from './formats-helpers.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'logview.js');
const tmp = mkdtempSync(join(tmpdir(), 'logview-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], config?: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, XDG_CONFIG_HOME: config ?? join(tmp, 'no-config'), NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonLines(s: string): Record<string, unknown>[] {
  return s.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A config dir holding the given format files. */
function config(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'logview', 'formats'), { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, 'logview', 'formats', f), text);
  return dir;
}

const MYAPP = JSON.stringify({
  name: 'myapp',
  regex: '^(?<time>\\d{2}/[A-Z][a-z]{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}) <(?<level>[A-Z])> (?<logger>[\\w.]+) #(?<req>\\d+) (?<message>.*)$',
  levels: { E: 'error', W: 'warning', I: 'info' },
  timeFormat: 'DD/MMM/YYYY HH:mm:ss',
});
const MYAPP_LOG = '16/May/2024 10:00:00 <I> shop.cart #17 added item\n  detail line\n16/May/2024 10:00:01 <E> shop.pay #18 declined\n';

describe('--format and custom formats (end to end)', () => {
  it('--format NAME forces the format', () => {
    const auto = run(['-o', 'json', join(FORMATS_DIR, 'mixed.log')]);
    expect(auto.status).toBe(0);
    expect(jsonLines(auto.stdout)).toHaveLength(5);
    const forced = run(['-o', 'json', '--format', 'json', join(FORMATS_DIR, 'mixed.log')]);
    expect(forced.status).toBe(0);
    const recs = jsonLines(forced.stdout);
    expect(recs[1]).toMatchObject({ line: 2, logger: 'worker', message: 'json line among text', level: 'info' });
    expect(recs.filter((r) => r.logger !== undefined)).toHaveLength(1);
  });

  it('an unknown --format is a usage error listing the formats', () => {
    const r = run(['--format', 'nope', join(FORMATS_DIR, 'mixed.log')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`logview: invalid format 'nope' (expected ${[...BUILTIN_FORMAT_NAMES].join(', ')}) (see logview --help)
`);
  });

  it('a custom format is detected, forced by name, and maps level, time, logger and extra groups', () => {
    const dir = config('good', { 'myapp.json': MYAPP });
    const log = join(tmp, 'myapp.log');
    writeFileSync(log, MYAPP_LOG);
    for (const args of [['-o', 'json', log], ['-o', 'json', '--format', 'myapp', log]]) {
      const r = run(args, dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(jsonLines(r.stdout)).toEqual([
        { source: log, line: 1, time: new Date(local(2024, 5, 16, 10, 0, 0)).toISOString(), level: 'info', logger: 'shop.cart', message: 'added item', body: ['  detail line'], fields: { req: '17' } },
        { source: log, line: 3, time: new Date(local(2024, 5, 16, 10, 0, 1)).toISOString(), level: 'error', logger: 'shop.pay', message: 'declined', fields: { req: '18' } },
      ]);
    }
  });

  const broken: [string, string, RegExp][] = [
    ['not JSON', '{"name": "x",', /not valid JSON/],
    ['bad regex', JSON.stringify({ name: 'x', regex: '(?<message>[' }), /"regex" is not a valid regular expression/],
    ['no message group', JSON.stringify({ name: 'x', regex: '^(?<time>\\S+) (.*)$' }), /no named group "message"/],
    ['unknown key', JSON.stringify({ name: 'x', regex: '(?<message>.*)', levle: {} }), /unknown key "levle"/],
    ['bad level', JSON.stringify({ name: 'x', regex: '(?<message>.*)', levels: { E: 'boom' } }), /"levels": "E" maps to "boom", expected one of trace/],
    ['built-in name', JSON.stringify({ name: 'syslog', regex: '(?<message>.*)' }), /"name": "syslog" is a built-in format/],
    ['bad time format', JSON.stringify({ name: 'x', regex: '(?<message>.*)', timeFormat: 'YYYY' }), /"timeFormat" must be/],
    ['not an object', '[1]', /expected a JSON object/],
    ['a sample it does not read', JSON.stringify({ name: 'x', regex: '^(?<level>[A-Z]) (?<message>.*)$', samples: ['I ok', 'no level here'] }), /"samples": the regex does not match "no level here"/],
  ];
  for (const [what, text, problem] of broken) {
    it(`a broken custom format file (${what}) stops with exit 2 naming the file and the problem`, () => {
      const dir = config(`bad-${what.replaceAll(' ', '-')}`, { 'broken.json': text });
      const r = run([join(FORMATS_DIR, 'mixed.log')], dir);
      expect(r.status).toBe(2);
      const file = join(dir, 'logview', 'formats', 'broken.json');
      expect(r.stderr.startsWith(`logview: ${file}: `)).toBe(true);
      expect(r.stderr).toMatch(problem);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    });
  }

  it('two files defining one name is an error naming both', () => {
    const dir = config('dup', { 'a.json': MYAPP, 'b.json': MYAPP });
    const r = run([join(FORMATS_DIR, 'mixed.log')], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/b\.json: "name": "myapp" is already defined in .*a\.json/);
  });
});

describe('custom format time patterns', () => {
  const fmt = (timeFormat: string): ((t: string) => number) => {
    const f = compileCustomFormat({ name: 't', regex: '^(?<time>[^|]+)\\|(?<message>.*)$', timeFormat }, []);
    return (t) => f.parse(`${t}|m`)!.time;
  };
  it('reads patterns, zones, iso and epoch', () => {
    expect(fmt('YYYY-MM-DD HH:mm:ss.SSS')('2024-05-16 10:00:00.250')).toBe(local(2024, 5, 16, 10, 0, 0, 250));
    expect(fmt('DD.MM.YY HH:mm')('16.05.24 10:30')).toBe(local(2024, 5, 16, 10, 30, 0));
    expect(fmt('YYYY-MM-DDTHH:mm:ssZ')('2024-05-16T10:00:00+02:00')).toBe(Date.UTC(2024, 4, 16, 8, 0, 0));
    expect(fmt('iso')('2024-05-16T10:00:00Z')).toBe(Date.UTC(2024, 4, 16, 10, 0, 0));
    expect(fmt('epoch')('1715853600')).toBe(1715853600000);
    expect(fmt('HH:mm:ss')('10:00:00')).toBeNaN(); // a time of day alone places nothing
  });
  it('rejects a pattern without hours and minutes', () => {
    expect(() => fmt('YYYY-MM-DD')).toThrow(CustomFormatError);
  });
});
