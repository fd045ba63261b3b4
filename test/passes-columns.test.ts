import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { HIDDEN } from '../src/query/logger-rules.js';
import { passesColumns } from '../src/query/passes-columns.js';
import { RecordFilter } from '../src/query/record-filter.js';
import { LoggerRules } from '../src/query/logger-rules.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { fixture } from './helpers/records.js';

describe('passesColumns: the level, logger and time test print and the TUI share', () => {
  it('a hidden logger fails; a level below its threshold fails; a record without a level passes any threshold', () => {
    expect(passesColumns(Level.critical, HIDDEN, NaN, undefined, undefined)).toBe(false);
    expect(passesColumns(Level.info, Level.warning, NaN, undefined, undefined)).toBe(false);
    expect(passesColumns(Level.warning, Level.warning, NaN, undefined, undefined)).toBe(true);
    expect(passesColumns(Level.none, Level.critical, NaN, undefined, undefined)).toBe(true);
  });

  it('the time range is inclusive at both ends; a record without a time passes any range', () => {
    expect(passesColumns(Level.info, Level.none, 999, 1000, 2000)).toBe(false);
    expect(passesColumns(Level.info, Level.none, 1000, 1000, 2000)).toBe(true);
    expect(passesColumns(Level.info, Level.none, 2000, 1000, 2000)).toBe(true);
    expect(passesColumns(Level.info, Level.none, 2001, 1000, 2000)).toBe(false);
    expect(passesColumns(Level.info, Level.none, 2001, 1000, undefined)).toBe(true);
    expect(passesColumns(Level.info, Level.none, NaN, 1000, 2000)).toBe(true);
  });

  it("is RecordFilter's column test, with its logger rules' thresholds", () => {
    const f = new RecordFilter({ minLevel: Level.info, include: [], exclude: ['kamaki.clients.send'], loggerLevels: [{ logger: 'nova', level: Level.error }], since: 1000, until: 2000 });
    const rules = LoggerRules.fromOptions(Level.info, [], ['kamaki.clients.send'], [{ logger: 'nova', level: Level.error }]);
    for (const logger of ['kamaki', 'kamaki.clients.send', 'kamaki.clients.sendx', 'nova.compute', 'swift'])
      for (const level of [Level.none, Level.debug, Level.info, Level.warning, Level.error, Level.critical])
        for (const time of [NaN, 500, 1000, 1500, 2500]) expect(f.passesColumns(level, logger, time), `${logger} ${level} ${time}`).toBe(passesColumns(level, rules.threshold(logger), time, 1000, 2000));
  });
});

describe('RecordFilter.passesAll: print keeps its main thread out of the parse only where nothing is filtered', () => {
  const base = { minLevel: Level.none, include: [], exclude: [] };
  it('no option, or a level floor of trace, passes everything', () => {
    expect(new RecordFilter(base).passesAll()).toBe(true);
    expect(new RecordFilter({ ...base, minLevel: Level.trace }).passesAll()).toBe(true);
  });
  it('any filter at all does not', () => {
    expect(new RecordFilter({ ...base, minLevel: Level.debug }).passesAll()).toBe(false);
    expect(new RecordFilter({ ...base, include: ['kamaki'] }).passesAll()).toBe(false);
    expect(new RecordFilter({ ...base, exclude: ['kamaki'] }).passesAll()).toBe(false);
    expect(new RecordFilter({ ...base, grep: /x/ }).passesAll()).toBe(false);
    expect(new RecordFilter({ ...base, since: 0 }).passesAll()).toBe(false);
    expect(new RecordFilter({ ...base, loggerLevels: [{ logger: 'nova', level: Level.error }] }).passesAll()).toBe(false);
  });
  it('where it says so, every record matches (the renderer then tests none)', () => {
    const records = ['kamaki_file_debug.log', 'oslo_text.log', 'pino.log', 'formats/mixed.log'].flatMap((f) => parseBuffer(fixture(f)));
    expect(new Set(records.map((r) => r.level)).size).toBeGreaterThan(3);
    for (const f of [new RecordFilter(base), new RecordFilter({ ...base, minLevel: Level.trace })]) {
      expect(f.passesAll()).toBe(true);
      for (const r of records) expect(f.matches(r), `${r.line} ${r.logger}`).toBe(true);
    }
  });
});
