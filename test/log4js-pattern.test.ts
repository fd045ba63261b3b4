import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Level, levelFromName, levelName } from '../src/model/level.js';
import { compileLogFormat } from '../src/parse/formats/log-format/compile.js';
import { LogFormatError } from '../src/parse/formats/log-format/tokens.js';
import { parseText } from './formats-helpers.js';

const WRITER = join(import.meta.dirname, 'helpers', 'log4js-writer.cjs');

// Naive times are local on both sides, UTC here and in the writer (a repeated hour at a DST
// change would make a random local time ambiguous); lines with a zone are written elsewhere.
process.env.TZ = 'UTC';

interface Case {
  pattern: string;
  /** The writer's TZ, UTC when not given: for lines that show their zone offset. */
  tz?: string;
  /** The line shows a date and time (ms: 1, seconds: 1000); 0: a time of day only, no time. */
  resolution: number;
  /** The level is cut (`%.1p`): log4js's own levels only. */
  cut?: boolean;
  /** What the line shows of the category. */
  logger?: (category: string) => string;
}

/** Pattern layouts as configs write them: the docs' examples, the named dates, odd specs. */
const CASES: Case[] = [
  { pattern: '%d %p %c - %m', resolution: 1 },
  { pattern: '[%d] [%-5p] %c - %m%n', resolution: 1 },
  { pattern: '%d{ISO8601_WITH_TZ_OFFSET} %p %c %z - %m', tz: 'Asia/Kathmandu', resolution: 1 },
  { pattern: '[%d{ISO8601_WITH_TZ_OFFSET}] [%5p] %c - %m', tz: 'America/St_Johns', resolution: 1 },
  { pattern: '[%d{yyyy-MM-dd hh:mm:ss.SSS}] [%p] %c - %m', resolution: 1 },
  { pattern: '%[[%d{ISO8601}] [%p] %c -%] %m', resolution: 1 },
  { pattern: '%d{DATETIME} %.1p %c %m', resolution: 1, cut: true },
  { pattern: '%d{ABSOLUTETIME} %-5p %c{2} %m', resolution: 0, logger: (c) => c.split('.').slice(-2).join('.') },
  { pattern: '%d{yyyyMMdd hh:mm:ss,SSS} %h %z %p %c %X{req} %x{user}: %m', resolution: 1 },
  { pattern: '', resolution: 0 },
  { pattern: '%d{dd/MM/yy hh:mm:ss.SSS} %-7p %-20.20c %m', resolution: 1, logger: (c) => c.slice(0, 20) },
  { pattern: '%d{yyyy-MM-dd hh:mm:ss} %.-3p %.-10c %m', resolution: 1000, cut: true, logger: (c) => c.slice(-10) },
  { pattern: '%d %p %c %f:%l:%o %M %m', resolution: 1 },
  { pattern: '%d{yyyy-MM-ddThh:mm:ssO} %%%p%% %c %m', tz: 'Europe/Athens', resolution: 1000 },
];

interface Log4jsRecord {
  time: number;
  level: string;
  category: string;
  message: string;
  pid: number;
  host: string;
  req: string | null;
  user: string;
  fileName: string | null;
  lineNumber: number | null;
  columnNumber: number | null;
  functionName: string | null;
}

function log4jsOutput(c: Case, seed: number, n: number): { lines: string[]; records: Log4jsRecord[] } {
  const env = { ...process.env, TZ: c.tz ?? 'UTC' };
  const r = spawnSync(process.execPath, [WRITER, String(seed), String(n), c.pattern, c.cut === true ? 'cut' : ''], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr || String(r.error));
  return JSON.parse(r.stdout) as { lines: string[]; records: Log4jsRecord[] };
}

const SEED = Number(process.env.LOGVIEW_SEED ?? Date.now() % 1_000_000);

/** MARK is log4js's "always shown" level, above FATAL: a notice, not an error. */
function expectedLevel(written: string): Level {
  return written === 'MARK' ? Level.notice : levelFromName(written);
}

describe('--log-format log4js:PATTERN against real log4js pattern layouts', () => {
  CASES.forEach((c, k) => {
    it(`${c.pattern || '(no pattern: TTCC)'}${c.tz !== undefined ? ` (TZ ${c.tz})` : ''}`, () => {
      const f = compileLogFormat([`log4js:${c.pattern}`], { name: 'log-format' });
      const { lines, records } = log4jsOutput(c, SEED + k, 150);
      expect(lines.length).toBe(150);
      lines.forEach((raw, i) => {
        const rec = records[i]!;
        // The line ends at %n: what a file holds is split there.
        const line = raw.replace(/\n$/, '');
        const where = `seed ${SEED + k}, line ${JSON.stringify(line)}`;
        expect(f.firstChar(line.charCodeAt(0)), where).toBe(true);
        const h = f.parse(line);
        expect(h, where).toBeDefined();
        expect(h!.message, where).toBe(rec.message);
        expect(h!.logger, where).toBe((c.logger ?? ((x: string) => x))(rec.category));
        expect(levelName(h!.level), where).toBe(levelName(expectedLevel(rec.level)));
        if (c.cut !== true) expect(h!.levelName ?? levelName(h!.level)!.toUpperCase(), where).toBe(rec.level);
        if (c.resolution === 0) expect(h!.time, where).toBeNaN();
        else expect(h!.time, where).toBe(Math.floor(rec.time / c.resolution) * c.resolution);
        const fields = h!.fields ?? {};
        if (c.pattern.includes('%z')) expect(fields.pid, where).toBe(rec.pid);
        if (c.pattern.includes('%h')) expect(fields.hostname, where).toBe(rec.host);
        // A context key not set is written `null`: kept as the line says.
        if (c.pattern.includes('%X{req}')) expect(fields.req, where).toBe(rec.req ?? 'null');
        if (c.pattern.includes('%x{user}')) expect(fields.user, where).toBe(rec.user);
        if (c.pattern.includes('%f')) {
          expect(fields.file, where).toBe(rec.fileName);
          expect(fields.line, where).toBe(rec.lineNumber);
          expect(fields.column, where).toBe(rec.columnNumber);
          expect(fields.function, where).toBe(rec.functionName);
        }
      });
    });
  });
});

describe('log4js patterns: long lines that nearly match', () => {
  // A real line's head with a long tail of separators and brackets: each pattern answers
  // (a head or none) without backtracking for a power of the line's length.
  const tail = ' a b [x] y@z: w - v | u ( t ) (f:1) '.repeat(5_000);
  it('every pattern of the table, its line cut at three places', () => {
    CASES.forEach((c, k) => {
      const f = compileLogFormat([`log4js:${c.pattern}`], { name: 'log-format' });
      const line = log4jsOutput(c, SEED + k, 1).lines[0]!.replace(/\n$/, '');
      for (const cut of [line.length, Math.floor(line.length / 2), 20]) {
        const h = f.parse(line.slice(0, cut) + tail);
        if (h !== undefined) expect(h.format).toBe('log-format');
        // The whole line is still read: its message runs on into the tail.
        if (cut === line.length) expect(h?.message?.endsWith(tail) ?? false, c.pattern).toBe(true);
      }
    });
  });
});

describe('log4js patterns: compile', () => {
  it('a Python format string and a log4js pattern in one --log-format list, tried in order', () => {
    const f = compileLogFormat(['%(asctime)s %(levelname)s %(name)s: %(message)s', 'log4js:[%d] [%p] %c - %m'], { name: 'log-format' });
    expect(f.parse('2024-05-16 12:00:00,123 INFO app.db: py')).toMatchObject({ logger: 'app.db', message: 'py', level: Level.info });
    expect(f.parse('[2024-05-16T12:00:00.123] [WARN] app.http - js')).toMatchObject({ logger: 'app.http', message: 'js', level: Level.warning });
  });

  it('rejects a pattern it cannot read a record by, with the reason', () => {
    expect(() => compileLogFormat(['log4js:%d %p %c'], { name: 'x' })).toThrow(LogFormatError);
    expect(() => compileLogFormat(['log4js:%d %p %c%n%m'], { name: 'x' })).toThrow(/%m after %n/);
  });

  it('reads what log4js reads: a % before an unknown letter is dropped, {spec} after any conversion taken', () => {
    const f = compileLogFormat(['log4js:%q%d{ISO8601} %p{x} %c - %m'], { name: 'x' });
    expect(f.parse('q2024-05-16T12:00:00.123 INFO a.b - m')).toMatchObject({ logger: 'a.b', message: 'm' });
  });
});

/** Pattern layouts configs most often give: read with no flag, as the format log4js. */
const COMMON: Case[] = [
  { pattern: '[%d] [%p] %c - %m', resolution: 1 },
  { pattern: '%[[%d] [%p] %c - %]%m', resolution: 1 },
  { pattern: '[%d] [%-5p] %c - %m', resolution: 1 },
  { pattern: '[%d{ISO8601_WITH_TZ_OFFSET}] [%p] %c - %m', tz: 'Asia/Kathmandu', resolution: 1 },
  { pattern: '%d %p %c - %m', resolution: 1 },
  { pattern: '%d{ISO8601} %-5p %c - %m%n', resolution: 1 },
  { pattern: '%d{ISO8601_WITH_TZ_OFFSET} %p %c - %m', tz: 'UTC', resolution: 1 },
  { pattern: '%d [%-5p] %c - %m', resolution: 1 },
  { pattern: '%d{ISO8601_WITH_TZ_OFFSET} [%p] %c - %m', tz: 'America/St_Johns', resolution: 1 },
  { pattern: '%d{ISO8601_WITH_TZ_OFFSET} %p %c %z - %m', tz: 'UTC', resolution: 1 },
];

describe('common log4js pattern layouts are recognised without a flag', () => {
  COMMON.forEach((c, k) => {
    it(`${c.pattern}${c.tz !== undefined ? ` (TZ ${c.tz})` : ''}`, () => {
      const { lines, records } = log4jsOutput(c, SEED + 100 + k, 100);
      const recs = parseText(lines.map((l) => l.replace(/\n$/, '')).join('\n') + '\n');
      const where = `seed ${SEED + 100 + k}`;
      expect(recs.map((r) => r.format), where).toEqual(records.map(() => 'log4js'));
      expect(recs.map((r) => [r.time, r.level, r.logger, r.message]), where).toEqual(records.map((r) => [r.time, expectedLevel(r.level), r.category, r.message]));
      expect(recs.map((r) => r.levelName ?? levelName(r.level)!.toUpperCase()), where).toEqual(records.map((r) => r.level));
      if (c.pattern.includes('%z')) expect(recs.map((r) => r.fields?.pid), where).toEqual(records.map((r) => r.pid));
    });
  });
});
