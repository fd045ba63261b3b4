import { LineSplitter } from '../../src/lines/line-splitter.js';
import { Level } from '../../src/model/level.js';
import type { LogRecord } from '../../src/model/record.js';
import type { Format } from '../../src/parse/head.js';
import { parseBuffer, RecordParser } from '../../src/parse/record-stream.js';

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
  const splitter = new LineSplitter();
  const bounds = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < data.length).sort((a, b) => a - b), data.length];
  for (let k = 0; k + 1 < bounds.length; k++) {
    splitter.push(data.subarray(bounds[k], bounds[k + 1]), parser.push, parser.taker);
    parser.endChunk();
  }
  splitter.flush(parser.push);
  parser.flush();
  return { text: out.join(''), parsed };
}
