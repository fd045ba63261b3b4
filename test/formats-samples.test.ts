import { describe, expect, it } from 'vitest';
import { FormatDetector } from '../src/parse/detect.js';
import { autoFormats, builtinSamples } from '../src/parse/registry.js';

describe('every built-in format reads its own samples, and detection gives them to it', () => {
  const samples = [...builtinSamples()];
  it('every auto-detected format has samples', () => {
    expect(autoFormats().filter((f) => !samples.some(([g]) => g === f)).map((f) => f.name)).toEqual([]);
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
