import { describe, expect, it } from 'vitest';
import { FormatDetector } from '../src/parse/detect.js';
import { autoFormats, builtinSamples, checkBuiltinSamples } from '../src/parse/registry.js';

describe('every built-in format reads its own samples, and detection gives them to it', () => {
  const samples = [...builtinSamples()];
  it('every auto-detected format has samples', () => {
    expect(autoFormats().filter((f) => !samples.some(([g]) => g === f)).map((f) => f.name)).toEqual([]);
  });
  it('the start-up check (once per process, cli.ts and run-tui.tsx) passes them all', () => {
    expect(() => checkBuiltinSamples()).not.toThrow();
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
