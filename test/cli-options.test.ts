import { describe, expect, it } from 'vitest';
import { colorDepth } from '../src/cli/color.js';
import { InfoExit, parseOptions, UsageError } from '../src/cli/options.js';
import { parseTimeBound } from '../src/cli/time-bound.js';
import { Level } from '../src/model/level.js';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

describe('parseOptions', () => {
  it('reads the documented options, repeatable -L/-x, -F as --follow', () => {
    const o = parseOptions(['-p', '-F', '-l', 'Warning', '-L', 'a', '-L', 'b.c', '-x', 'b.c.d', '-g', 'x+', '-o', 'json', '--color', 'never', 'f1', 'f2'], '1.0.0');
    expect(o).toMatchObject({ print: true, follow: true, minLevel: Level.warning, include: ['a', 'b.c'], exclude: ['b.c.d'], output: 'json', color: 'never', files: ['f1', 'f2'] });
    expect(o.grep?.source).toBe('x+');
  });

  it('bad values are usage errors; --help and --version are not', () => {
    expect(() => parseOptions(['-o', 'yaml'], '1')).toThrow(UsageError);
    expect(() => parseOptions(['--nope'], '1')).toThrow(UsageError);
    expect(() => parseOptions(['-g', '['], '1')).toThrow(UsageError);
    expect(() => parseOptions(['--help'], '1')).toThrow(InfoExit);
    expect(() => parseOptions(['-V'], '1')).toThrow(InfoExit);
  });
});

describe('parseTimeBound', () => {
  const now = Date.UTC(2026, 10, 20, 12, 0, 0);
  it('relative and absolute', () => {
    expect(parseTimeBound('10m', now, 'since')).toBe(now - 600_000);
    expect(parseTimeBound('2h', now, 'since')).toBe(now - 7_200_000);
    expect(parseTimeBound('2026-11-20T12:00:00Z', now, 'since')).toBe(now);
    expect(parseTimeBound('2026-11-20', now, 'since')).toBe(new Date(2026, 10, 20).getTime());
    expect(() => parseTimeBound('soon', now, 'since')).toThrow(UsageError);
  });
});

describe('colorDepth', () => {
  it('explicit --color wins, then FORCE_COLOR, then NO_COLOR, then the terminal', () => {
    expect(colorDepth('never', tty, { FORCE_COLOR: '3' })).toBe(0);
    expect(colorDepth('always', pipe, {})).toBeGreaterThan(0);
    expect(colorDepth('auto', pipe, {})).toBe(0);
    expect(colorDepth('auto', pipe, { FORCE_COLOR: '1' })).toBeGreaterThan(0);
    expect(colorDepth('auto', tty, { NO_COLOR: '1', TERM: 'xterm-256color' })).toBe(0);
    expect(colorDepth('auto', tty, { FORCE_COLOR: '0', TERM: 'xterm-256color' })).toBe(0);
    expect(colorDepth('auto', pipe, { FORCE_COLOR: '3' })).toBe(3);
    expect(colorDepth('always', pipe, { NO_COLOR: '1' })).toBeGreaterThan(0);
  });
});
