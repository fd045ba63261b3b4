import { describe, expect, it } from 'vitest';
import { agreement, LOGHUB_FILES } from './loghub-oracle.js';

// The loghub samples' structured CSVs are the oracle (test/fixtures/loghub/README.md).
const THRESHOLD = 0.995;

describe('loghub oracle: level and logger agree with the structured CSV', () => {
  for (const f of LOGHUB_FILES) {
    it(`${f.file}: >= 99.5% of lines`, () => {
      const a = agreement(f.file, f);
      expect(a.lines).toBe(2000);
      if (f.level) expect(a.level, a.misses.join('\n')).toBeGreaterThanOrEqual(THRESHOLD);
      if (f.logger) expect(a.logger, a.misses.join('\n')).toBeGreaterThanOrEqual(THRESHOLD);
    });
  }
});
