import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { Format } from '../src/parse/head.js';
import { FormatDetector } from '../src/parse/detect.js';
import { autoFormats, builtinSamples, checkOnFirstParse } from '../src/parse/registry.js';
import { familyFormat, FormatSampleError } from '../src/parse/formats/family.js';
import { LogFormatError } from '../src/parse/formats/log-format/tokens.js';

describe('every built-in format reads its own samples, and detection gives them to it', () => {
  const samples = [...builtinSamples()];
  it('every auto-detected format has samples', () => {
    expect(autoFormats().filter((f) => !samples.some(([g]) => g === f)).map((f) => f.name)).toEqual([]);
  });
  it('every built-in format passes the check it makes on its first parse', () => {
    for (const [f, lines] of samples) {
      expect(() => f.parse(lines[0]!), f.name).not.toThrow();
      (f as Format & { reset?: () => void }).reset?.();
    }
  });
  it('a format checks its samples on its first parse, before it reads the line it was given', () => {
    const read: string[] = [];
    const f: Format = { name: 'starred', firstChar: (c) => c === 42, parse: (text) => (read.push(text), text.startsWith('**') ? { time: NaN, level: Level.info, logger: '', message: text, format: 'starred' } : undefined) };
    checkOnFirstParse(f, ['** ok']);
    expect(f.parse('** line')?.message).toBe('** line');
    expect(read).toEqual(['** ok', '** line']);
    // Once: later lines go straight to the format's own parse.
    f.parse('** more');
    expect(read).toEqual(['** ok', '** line', '** more']);
    const g: Format = { name: 'broken', firstChar: () => true, parse: () => undefined };
    checkOnFirstParse(g, ['anything']);
    expect(() => g.parse('a line')).toThrow(FormatSampleError);
    // And on every line after: a broken format reads none.
    expect(() => g.parse('another')).toThrow(FormatSampleError);
  });
  it('a family format compiles on the first line it is asked about; the registry checks its samples on its first parse', () => {
    const spec = { name: 'tabbed', dateFormat: '%Y-%m-%d %H:%M:%S.mmm', templates: [{ fmt: '%(asctime)s\t%(levelname)s\t%(message)s' }] };
    const good = familyFormat({ ...spec, samples: ['2024-05-16 12:00:00.123\tINFO\tup'] });
    expect(good.parse('2024-05-16 12:00:00.124\tERROR\tdown')?.level).toBe(Level.error);
    // A layout that cannot compile fails when the format is first used, not when its module loads.
    const uncompilable = familyFormat({ name: 'words', templates: [{ fmt: 'just words' }], samples: [] });
    expect(() => uncompilable.firstChar(50)).toThrow(LogFormatError);
    const bad = familyFormat({ ...spec, samples: ['no time, no level'] });
    checkOnFirstParse(bad, bad.samples);
    expect(() => bad.parse('2024-05-16 12:00:00.124\tERROR\tdown')).toThrow(FormatSampleError);
    expect(() => bad.parse('2024-05-16 12:00:00.125\tERROR\tdown')).toThrow(FormatSampleError);
  });
  for (const [format, lines] of samples) {
    it(format.name, () => {
      for (const line of lines) {
        expect(format.firstChar(line.charCodeAt(0)), line).toBe(true);
        expect(format.parse(line), line).toBeDefined();
        // A source of this one line: no format tried earlier may take it.
        const alone = new FormatDetector(autoFormats());
        alone.settle([line]);
        expect(alone.parse(line)?.format, line).toBe(format.name);
      }
      // A source of all its samples.
      const d = new FormatDetector(autoFormats());
      d.settle(lines);
      expect(d.format?.name).toBe(format.name);
      expect(lines.map((l) => d.parse(l)?.format)).toEqual(lines.map(() => format.name));
    });
  }
});

describe('long lines that nearly match a format', () => {
  // A sample's head with a long tail of separators and brackets: each format must answer
  // (a head or none) without backtracking for the power of the line's length.
  const tail = ' a b [x] y@z: w - v | u ( t ) '.repeat(10_000);
  for (const [format, lines] of builtinSamples()) {
    it(format.name, () => {
      for (const line of lines) {
        for (const cut of [line.length, Math.floor(line.length / 2), 30]) {
          const text = line.slice(0, cut) + tail;
          const h = format.firstChar(text.charCodeAt(0)) ? format.parse(text) : undefined;
          if (h !== undefined) expect(h.format).toBe(format.name);
          else expect(h).toBeUndefined();
        }
      }
    });
  }
});
