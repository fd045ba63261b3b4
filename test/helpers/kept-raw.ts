import { Level } from '../../src/model/level.js';
import type { LogRecord } from '../../src/model/record.js';
import type { Format } from '../../src/parse/head.js';
import { parseBuffer, RecordParser } from '../../src/parse/record-stream.js';
import { pushInSlices } from './cut-input.js';

const passes = (floor: Level) => (r: LogRecord) => r.level === Level.none || r.level >= floor;

/** What `-o raw -l floor` prints of `data` read by a full parse: the raw bytes of the records that pass. */
export function filteredRaw(data: Buffer, home: Format, floor: Level): string {
  return parseBuffer(data, 0, { home })
    .filter(passes(floor))
    .map((r) => Buffer.concat(r.raw).toString('latin1'))
    .join('');
}

/**
 * What print's `-o raw` writes of `data` (pushed in slices cut at `cuts`)
 * skimmed with KeptBytes: the bytes kept and the parsed records that pass,
 * in order; `parsed` counts the records that passed as records.
 */
export function keptRaw(data: Buffer, home: Format, floor: Level, cuts: number[]): { text: string; parsed: number } {
  const out: string[] = [];
  let parsed = 0;
  const parser = new RecordParser(
    0,
    (r) => {
      if (!passes(floor)(r)) return;
      parsed++;
      out.push(Buffer.concat(r.raw).toString('latin1'));
    },
    { home, levelFloor: floor },
    { keep: (b, start, end) => out.push(Buffer.from(b.subarray(start, end)).toString('latin1')) },
  );
  pushInSlices(parser, data, cuts);
  return { text: out.join(''), parsed };
}
