import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { LoggerRules } from '../src/query/logger-rules.js';
import { RecordFilter } from '../src/query/record-filter.js';
import { parseText } from './helpers/records.js';

describe('logger prefixes (Python logger hierarchy)', () => {
  it('cover the name and its descendants, never a sibling with the same prefix', () => {
    const shown = (logger: string, prefix: string) => !LoggerRules.fromOptions(0, [prefix], []).isHidden(logger);
    expect(shown('kamaki', 'kamaki')).toBe(true);
    expect(shown('kamaki.clients.send', 'kamaki')).toBe(true);
    expect(shown('kamaki.clients.send', 'kamaki.clients')).toBe(true);
    expect(shown('kamakix', 'kamaki')).toBe(false);
    expect(shown('kamaki.clientsx', 'kamaki.clients')).toBe(false);
    expect(shown('kamaki', 'kamaki.clients')).toBe(false);
    expect(shown('anything', '')).toBe(true);
    expect(shown('anything', 'root')).toBe(true);
  });
});

describe('RecordFilter', () => {
  const recs = parseText(
    [
      'no level here',
      '2024-01-01 00:00:00,000 DEBUG kamaki.clients.send GET /a',
      '2024-01-01 00:00:01,000 INFO kamaki.cli hello',
      '2024-01-01 00:00:02,000 ERROR kamakix.tool broken pipe',
      '2024-01-01 00:00:03,000 WARNING kamaki.clients.recv slow',
      'Traceback (most recent call last):',
      '  File "x.py", line 1, in <module>',
      'TimeoutError: deadline',
      '',
    ].join('\n'),
  );
  const shown = (f: RecordFilter) => recs.filter((r) => f.matches(r)).map((r) => r.message);

  it('level threshold; records with no level pass', () => {
    expect(shown(new RecordFilter({ minLevel: Level.warning, include: [], exclude: [] }))).toEqual(['no level here', 'broken pipe', 'slow']);
  });

  it('-L is a union of prefixes; -x wins over -L', () => {
    expect(shown(new RecordFilter({ minLevel: Level.none, include: ['kamaki'], exclude: [] }))).toEqual(['GET /a', 'hello', 'slow']);
    expect(shown(new RecordFilter({ minLevel: Level.none, include: ['kamaki.cli', 'kamakix'], exclude: [] }))).toEqual(['hello', 'broken pipe']);
    expect(shown(new RecordFilter({ minLevel: Level.none, include: ['kamaki.clients'], exclude: ['kamaki'] }))).toEqual([]);
    expect(shown(new RecordFilter({ minLevel: Level.none, include: ['kamaki'], exclude: ['kamaki.clients.send'] }))).toEqual(['hello', 'slow']);
  });

  it('grep searches message and body', () => {
    expect(shown(new RecordFilter({ minLevel: Level.none, include: [], exclude: [], grep: /Timeout|pipe/ }))).toEqual(['broken pipe', 'slow']);
  });

  it('all filters combine', () => {
    const f = new RecordFilter({ minLevel: Level.info, include: ['kamaki'], exclude: ['kamaki.cli'], grep: /s/ });
    expect(shown(f)).toEqual(['slow']);
  });

  it('since/until bound times; records without time pass', () => {
    const f = new RecordFilter({ minLevel: Level.none, include: [], exclude: [], since: new Date(2024, 0, 1, 0, 0, 1).getTime(), until: new Date(2024, 0, 1, 0, 0, 2).getTime() });
    expect(shown(f)).toEqual(['no level here', 'hello', 'broken pipe']);
  });
});
