import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/cli/options.js';
import { FORMATS_DIR, parseText } from './formats-helpers.js';

// Lines of every fixture, to mix with random text.
const LINES = readdirSync(FORMATS_DIR)
  .filter((f) => f.endsWith('.log'))
  .flatMap((f) => readFileSync(join(FORMATS_DIR, f), 'utf8').split('\n'));

describe('any input parses, whatever the format', () => {
  it('never throws, and every line belongs to exactly one record, in order', () => {
    const line = fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom(...FORMATS), (lines, format) => {
        const text = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n');
        const recs = parseText(text, { format });
        let next = 1;
        for (const r of recs) {
          expect(r.line).toBe(next);
          next += r.raw.length;
        }
        const lineCount = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
        expect(next - 1).toBe(lineCount);
      }),
      { numRuns: 300 },
    );
  });
});
