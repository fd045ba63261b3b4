import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { pythonFormat } from '../src/parse/formats/python.js';
import { SEAM_HOUR, SEAM_MS, SEAM_TIME_END, type Format } from '../src/parse/head.js';
import { localHourEpochOfKey, localIsoTimeBytes } from '../src/parse/time.js';
import { pythonSeamLevel, pythonSeamSpans, pythonTracebackStep } from '../src/parse/python-head.js';
import type { ColumnRows } from '../src/parse/level-skim.js';
import { RecordParser } from '../src/parse/record-stream.js';
import { PythonSeamRun } from '../src/parse/skim/python-seam-run.js';
import { pythonLine, pythonLog } from './helpers/python-lines.js';
import { pushInSlices } from './helpers/cut-input.js';

const FLOORS = [Level.debug, Level.info, Level.warning, Level.error, Level.critical, Level.critical + 1];

describe('the Python seam runner (python-seams.wat)', () => {
  it('takes a line exactly when pythonSeamLevel is sure of it and its level is below the floor', () => {
    const r = new PythonSeamRun();
    fc.assert(
      fc.property(pythonLine, fc.constantFrom('\n', '\r\n'), fc.constantFrom(...FLOORS), (text, eol, floor) => {
        const b = Buffer.from(text + eol);
        // The text take() gives pythonSeamLevel: without the newline and one carriage return.
        let end = b.length - 1;
        if (b[end - 1] === 13) end--;
        const level = pythonSeamLevel(b, 0, end);
        r.forget();
        const to = r.run(b, 0, b.length, false, floor, 1 << 20);
        const takes = level !== undefined && level < floor;
        expect(to).toBe(takes ? b.length : 0);
        // The seam table: start, line, level, and where the index reads its time and logger.
        if (takes) expect([r.lines, r.seams, ...r.seam.subarray(0, 6)]).toEqual([1, 1, 0, 0, level, pythonSeamSpans.timeEnd, pythonSeamSpans.loggerStart, pythonSeamSpans.loggerEnd]);
      }),
      { numRuns: 20000 },
    );
  });

  it('reads a seam\'s time to the same epoch ms as localIsoTimeBytes', () => {
    const r = new PythonSeamRun();
    fc.assert(
      fc.property(
        fc.record({ y: fc.integer({ min: 1, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 60 }) }),
        fc.constantFrom(',', '.'),
        fc.stringMatching(/^[0-9]{0,9}$/),
        (t, sep, frac) => {
          const p = (n: number, w = 2) => String(n).padStart(w, '0');
          const time = `${p(t.y, 4)}-${p(t.mo)}-${p(t.d)} ${p(t.h)}:${p(t.mi)}:${p(t.s)}${frac ? sep + frac : ''}`;
          const b = Buffer.from(`${time} INFO app.worker x\n`);
          r.forget();
          expect(r.run(b, 0, b.length, false, Level.error, 1 << 20)).toBe(b.length);
          expect(r.seam[SEAM_TIME_END]).toBe(time.length);
          expect(localHourEpochOfKey(r.seam[SEAM_HOUR]!) + r.seam[SEAM_MS]! + r.fraction[0]!).toBe(localIsoTimeBytes(b, 0, time.length));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('holding a record, takes its indented lines; stops at an unterminated line, the limit, or a line too long', () => {
    const r = new PythonSeamRun();
    const seam = '2024-05-16 00:00:00,001 INFO app one\n';
    const b = Buffer.from(seam + '  File "x.py"\n\tmore\n' + seam + 'Traceback (most recent call last):\n');
    expect(r.run(b, 0, b.length, false, Level.error, 1 << 20)).toBe(b.indexOf('Traceback'));
    expect([r.lines, r.seams, r.seam[10], r.seam[11]]).toEqual([4, 2, b.indexOf(seam, 1), 3]);
    // Not holding: an indented line is the open record's, not the skim's.
    r.forget();
    expect(r.run(Buffer.from('  indented\n'), 0, 11, false, Level.error, 1 << 20)).toBe(0);
    r.forget();
    expect(r.run(Buffer.from('  indented\n'), 0, 11, true, Level.error, 1 << 20)).toBe(11);
    const open = Buffer.from(seam + seam.trimEnd());
    r.forget();
    expect(r.run(open, 0, open.length, false, Level.error, 1 << 20)).toBe(seam.length);
    // Lines starting before the limit.
    r.forget();
    expect(r.run(b, 0, 0, false, Level.error, 1 << 20)).toBe(0);
    r.forget();
    expect(r.run(b, 0, 1, false, Level.error, 1 << 20)).toBe(seam.length);
    r.forget();
    expect(r.run(b, 0, b.length, false, Level.error, seam.length - 2)).toBe(0);
  });

  it('with tracebacks, holding a record, takes a traceback\'s lines exactly where pythonTracebackStep is sure of them', () => {
    const r = new PythonSeamRun();
    fc.assert(
      fc.property(pythonLog, fc.constantFrom(...FLOORS), fc.boolean(), (lines, floor, inTraceback) => {
        const b = Buffer.from(lines.map((l) => `${l}\n`).join(''));
        // What take() does line by line, holding a record from the start.
        let want = 0;
        let tb = inTraceback;
        for (const l of lines) {
          const nl = want + Buffer.byteLength(l);
          // The text take() is given: without the newline and one carriage return.
          const e = nl > want && b[nl - 1] === 13 ? nl - 1 : nl;
          const c = b[want];
          let takes = want < e && (c === 32 || c === 9);
          if (!takes) {
            const level = pythonSeamLevel(b, want, e);
            if (level !== undefined) {
              takes = level < floor;
              if (takes) tb = false;
            } else if (want < e) {
              const next = pythonTracebackStep(b, want, e, tb);
              if (next !== undefined) {
                takes = true;
                tb = next;
              }
            }
          }
          if (!takes) break;
          want = nl + 1;
        }
        r.forget();
        r.inTraceback = inTraceback;
        expect(r.run(b, 0, b.length, true, floor, 1 << 20, false, true)).toBe(want);
        expect(r.inTraceback).toBe(tb);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a chunk bigger than its window a window at a time', () => {
    const r = new PythonSeamRun();
    const line = '2024-05-16 00:00:00,001 DEBUG app.worker a message of some length to fill the window\n';
    const b = Buffer.from(line.repeat(5000));
    let pos = 0;
    let lines = 0;
    while (pos < b.length) {
      const to = r.run(b, pos, b.length, lines > 0, Level.info, 1 << 20);
      expect(to).toBeGreaterThan(pos);
      lines += r.lines;
      pos = to;
    }
    expect(lines).toBe(5000);
  });

  it('without spans (print), notes each seam\'s start, line and level as with them, and nothing of the rest', () => {
    const full = new PythonSeamRun();
    const bare = new PythonSeamRun();
    fc.assert(
      fc.property(fc.array(pythonLine, { minLength: 1, maxLength: 30 }), fc.constantFrom(...FLOORS), (lines, floor) => {
        const b = Buffer.from(lines.map((l) => `${l}\n`).join(''));
        full.forget();
        bare.forget();
        bare.seam.fill(-7);
        const to = full.run(b, 0, b.length, false, floor, 1 << 20, true);
        expect(bare.run(b, 0, b.length, false, floor, 1 << 20, false)).toBe(to);
        expect([bare.lines, bare.seams]).toEqual([full.lines, full.seams]);
        for (let k = 0; k < full.seams; k++) {
          const at = k * 10;
          expect([...bare.seam.subarray(at, at + 3)]).toEqual([...full.seam.subarray(at, at + 3)]);
          expect([...bare.seam.subarray(at + 3, at + 10)]).toEqual([-7, -7, -7, -7, -7, -7, -7]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/**
 * What a preset Python parser gives for `data` pushed in slices cut at `cuts`:
 * with a floor, its records; with rows (the index), its records and the
 * columns the skim read from seams, in order.
 */
function parse(home: Format, data: Buffer, floor: Level | 'rows', cuts: number[]): unknown[] {
  const out: unknown[] = [];
  const rows: ColumnRows = { addColumns: (...c) => out.push(c) };
  const parser = new RecordParser(0, (r) => out.push(r), floor === 'rows' ? { home } : { home, levelFloor: floor }, floor === 'rows' ? { rows } : {});
  pushInSlices(parser, data, cuts);
  return out.map((r) => (Array.isArray(r) ? r : shape(r as LogRecord)));
}

function shape(r: LogRecord): unknown {
  return { offset: r.offset, line: r.line, level: r.level, logger: r.logger, message: r.message, body: r.body, raw: Buffer.concat(r.raw).toString('latin1') };
}

describe('a skimmed parse with the runner', () => {
  it('gives exactly the records (and the index its columns) of the skim without it, however the input is cut', () => {
    const plain: Format = { ...pythonFormat, seamRunner: undefined };
    fc.assert(
      fc.property(
        fc.oneof(fc.array(pythonLine, { minLength: 1, maxLength: 80 }), pythonLog),
        fc.constantFrom<Level | 'rows'>(...FLOORS, 'rows', 'rows'),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        (lines, floor, cutAt, eol) => {
          const data = Buffer.from(lines.join(eol) + eol);
          const cuts = cutAt.map((c) => c % data.length);
          expect(parse(pythonFormat, data, floor, cuts)).toEqual(parse(plain, data, floor, cuts));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('and on input bigger than its window, pushed whole', () => {
    const plain: Format = { ...pythonFormat, seamRunner: undefined };
    fc.assert(
      fc.property(fc.array(pythonLine, { minLength: 200, maxLength: 400 }), fc.constantFrom<Level | 'rows'>(...FLOORS, 'rows'), (lines, floor) => {
        let text = lines.join('\n') + '\n';
        while (text.length < 200 * 1024) text += text;
        const data = Buffer.from(text);
        expect(parse(pythonFormat, data, floor, [])).toEqual(parse(plain, data, floor, []));
      }),
      { numRuns: 8 },
    );
  });
});
