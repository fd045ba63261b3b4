import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { pythonFormat } from '../src/parse/formats/python.js';
import { pythonSeamLevel } from '../src/parse/python-head.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { isSeamLine } from '../src/parse/seams.js';

const LEVELS = ['DEBUG', 'DEBUGV', 'INFO', 'WARN', 'WARNING', 'ERROR', 'CRITICAL', 'AUDIT', 'Info', 'TRACE'];
const LOGGERS = ['kamaki.cli', 'kamaki.clients.send', 'kamaki.clients.recv', 'nova.compute', 'app', 'Foo.Bar', 'a-b.c_d', '9bad'];

/** Lines of a Python log and the shapes around it that a skim must not misread. */
const line: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      ms: fc.integer({ min: 0, max: 999 }),
      sep: fc.constantFrom(' ', 'T'),
      frac: fc.constantFrom(',', '.', ''),
      gap: fc.constantFrom(' ', '  ', '\t', ''),
      level: fc.constantFrom(...LEVELS),
      after: fc.constantFrom(' ', ': ', '\t', ''),
      logger: fc.constantFrom(...LOGGERS, '[kamaki.cli]'),
      tail: fc.constantFrom(' message', ': message', '', '\tx', ' - y'),
      zone: fc.constantFrom('', 'Z', '+02:00'),
    })
    .map((p) => `2024-05-16${p.sep}12:34:56${p.frac}${p.frac ? String(p.ms).padStart(3, '0') : ''}${p.zone}${p.gap}${p.level}${p.after}${p.logger}${p.tail}`),
  fc.constantFrom(
    '',
    '  File "x.py", line 1, in <module>',
    '\tcontinued',
    'Traceback (most recent call last):',
    'KeyError: \'missing\'',
    'requests.exceptions.ConnectionError: boom',
    'kamaki.cli: plain message',
    'kamaki.cli',
    ' indented message for a bare name',
    '> POST /tokens',
    '< 200 OK',
    'ERROR:root:basicConfig',
    '2024-05-16 12:34:56,789 1234 ERROR nova.compute [-] oslo shaped',
    '2024-05-16 12:34:56,789 - app - WARNING - dashed',
    'kamaki.cli(DEBUG) 2024-05-16 12:34:56,789',
    '{"level":"error","msg":"json"}',
    '2024-13-16 12:34:56,789 ERROR app bad month',
    '2024-05-16 24:34:56,789 ERROR app bad hour',
  ),
);

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
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), fc.constantFrom<Level>(Level.info, Level.warning, Level.error, Level.critical), fc.boolean(), (lines, floor, preset) => {
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
