import { describe, expect, it } from 'vitest';
import { parseBuffer } from '../src/parse/record-stream.js';
import { fixture } from './helpers/records.js';

describe('a record read again alone comes out the same (the store re-parses records one by one)', () => {
  it('docker compose prefixes: no state carried from the lines read before', () => {
    const data = fixture('formats/compose.log');
    const all = parseBuffer(data);
    expect(all.length).toBeGreaterThan(3);
    // Each record read alone twice in a row, in reverse order: any state left by the read before would show.
    for (const r of [...all].reverse()) {
      for (let k = 0; k < 2; k++) {
        const [again] = parseBuffer(Buffer.concat(r.raw), 0, { format: r.format });
        expect({ format: again!.format, message: again!.message, level: again!.level, logger: again!.logger, fields: again!.fields }).toEqual({ format: r.format, message: r.message, level: r.level, logger: r.logger, fields: r.fields });
      }
    }
  });
});
