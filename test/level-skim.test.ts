import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { pythonFormat } from '../src/parse/formats/python.js';
import { pythonSeamLevel } from '../src/parse/python-head.js';
import { TRACEBACK_LINE } from '../src/parse/formats/stack-traces.js';
import { FormatDetector } from '../src/parse/detect.js';
import type { Format } from '../src/parse/head.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { filteredRaw, keptRaw } from './helpers/kept-raw.js';
import { isSeamLine } from '../src/parse/seams.js';
import { isoTimeAt, localIsoTimeBytes } from '../src/parse/time.js';
import { pythonLine as line, pythonLog } from './helpers/python-lines.js';

function shape(r: LogRecord): unknown {
  return { offset: r.offset, line: r.line, level: r.level, logger: r.logger, message: r.message, body: r.body, raw: Buffer.concat(r.raw).toString('latin1'), http: r.http !== undefined };
}

function seamLevel(text: string): Level | undefined {
  const b = Buffer.from(text);
  return pythonSeamLevel(b, 0, b.length);
}

const passes = (floor: Level) => (r: LogRecord) => r.level === Level.none || r.level >= floor;

describe('pythonSeamLevel', () => {
  it('answers only for seam lines, with the level the parser reads', () => {
    fc.assert(
      fc.property(line, (text) => {
        const level = seamLevel(text);
        if (level === undefined) return true;
        return isSeamLine(pythonFormat, text) && pythonFormat.parse(text)?.level === level;
      }),
      { numRuns: 5000 },
    );
  });

  it('answers for the plain layout, so there is something to skim', () => {
    expect(seamLevel('2024-05-16 00:00:00,007 DEBUG kamaki.cli GET /servers')).toBe(Level.debug);
    expect(seamLevel('2024-05-16 00:00:00,007 ERROR app.worker')).toBe(Level.error);
    expect(seamLevel('2024-05-16 00:00:00,007 DEBUG kamaki.clients.send POST /x')).toBeUndefined();
  });
});

describe('a skimmed parse (ParseOptions.levelFloor)', () => {
  it('keeps exactly the records at or above the floor that a full parse gives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(line, { minLength: 1, maxLength: 60 }), pythonLog), fc.constantFrom<Level>(Level.info, Level.warning, Level.error, Level.critical), fc.boolean(), (lines, floor, preset) => {
        const data = Buffer.from(lines.join('\n') + '\n');
        // Preset: as a segment or a tail is read (no detection sample).
        const opts = preset ? { home: pythonFormat } : { format: 'python' };
        const full = parseBuffer(data, 0, opts).filter(passes(floor)).map(shape);
        const skimmed = parseBuffer(data, 0, { ...opts, levelFloor: floor }).filter(passes(floor)).map(shape);
        expect(skimmed).toEqual(full);
      }),
      { numRuns: 3000 },
    );
  });

  it('drops the records below the floor before they are records', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) lines.push(`2024-05-16 00:00:${String(i % 60).padStart(2, '0')},000 ${i % 10 === 0 ? 'ERROR' : 'INFO'} app.worker n ${i}`, '  indented');
    const data = Buffer.from(lines.join('\n') + '\n');
    const skimmed = parseBuffer(data, 0, { levelFloor: Level.error });
    expect(skimmed.map((r) => r.message)).toEqual(Array.from({ length: 10 }, (_, k) => `n ${k * 10}`));
    expect(skimmed.map((r) => r.line)).toEqual(Array.from({ length: 10 }, (_, k) => k * 20 + 1));
  });
});

describe('a skim that keeps records as bytes (print -o raw, KeptBytes)', () => {
  it('writes exactly the raw bytes of the records at or above the floor a full parse gives, however the input is cut', () => {
    fc.assert(
      // Level.none: no floor, every record printed as it is (print -o raw alone).
      fc.property(fc.oneof(fc.array(line, { minLength: 1, maxLength: 60 }), pythonLog), fc.constantFrom<Level>(Level.none, Level.info, Level.warning, Level.error, Level.critical), fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom('\n', '\r\n'), (lines, floor, cutAt, eol) => {
        const data = Buffer.from(lines.join(eol) + eol);
        expect(keptRaw(data, pythonFormat, floor, cutAt.map((c) => c % data.length)).text).toBe(filteredRaw(data, pythonFormat, floor));
      }),
      { numRuns: 3000 },
    );
  });

  it('parses none of them where every record is a plain head, its indented lines and tracebacks of lower-case types', () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      lines.push(`2024-05-16 00:00:${String(i % 60).padStart(2, '0')},000 ${['INFO', 'ERROR', 'WARNING'][i % 3]} app.worker n ${i}`);
      if (i % 4 === 1) lines.push('Traceback (most recent call last):', '  File "x.py", line 1, in <module>', '    run()', 'kamaki.clients.ClientError: not found');
      if (i % 5 === 0) lines.push('  continued');
    }
    const data = Buffer.from(lines.join('\n') + '\n');
    const want = filteredRaw(data, pythonFormat, Level.error);
    const got = keptRaw(data, pythonFormat, Level.error, [70_000 % data.length]);
    expect(got.text).toBe(want);
    expect(want.length).toBeGreaterThan(1000);
    expect(got.parsed).toBe(0);
    // With no floor every record is written, still none of them parsed.
    const all = keptRaw(data, pythonFormat, Level.none, [70_000 % data.length]);
    expect(all.text).toBe(data.toString('latin1'));
    expect(all.parsed).toBe(0);
  });
});

describe('FormatDetector.readsNoHead (a skim follows tracebacks only when no format reads their first line)', () => {
  it('is false as soon as one format it tries reads the line', () => {
    const opener: Format = { name: 'opener', firstChar: (c) => c === 84, parse: (text) => (text.startsWith('Traceback') ? { time: 0, level: Level.info, logger: 'tb', message: text, format: 'opener' } : undefined) };
    expect(new FormatDetector([pythonFormat]).readsNoHead(TRACEBACK_LINE)).toBe(true);
    expect(new FormatDetector([pythonFormat, opener]).readsNoHead(TRACEBACK_LINE)).toBe(false);
    expect(new FormatDetector([pythonFormat], opener).readsNoHead(TRACEBACK_LINE)).toBe(false);
  });
});

describe('localIsoTimeBytes', () => {
  it('reads a zoneless timestamp to the same epoch ms as isoTimeAt', () => {
    fc.assert(
      fc.property(
        fc.record({ y: fc.integer({ min: 1, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 60 }) }),
        fc.constantFrom(',', '.'),
        fc.stringMatching(/^[0-9]{0,9}$/),
        fc.constantFrom(' ', 'T'),
        (t, sep, frac, dt) => {
          const p = (n: number, w = 2) => String(n).padStart(w, '0');
          const text = `${p(t.y, 4)}-${p(t.mo)}-${p(t.d)}${dt}${p(t.h)}:${p(t.mi)}:${p(t.s)}${frac ? sep + frac : ''}`;
          const b = Buffer.from(text + ' INFO x');
          expect(localIsoTimeBytes(b, 0, text.length)).toBe(isoTimeAt(text + ' INFO x', 0));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
