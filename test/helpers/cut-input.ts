import { LineSplitter } from '../../src/lines/line-splitter.js';
import type { RecordParser } from '../../src/parse/record-stream.js';

/** Where `cuts` split `length` bytes: sorted, distinct, inside, with 0 and `length` at the ends. */
export function cutBounds(length: number, cuts: readonly number[]): number[] {
  return [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < length).sort((a, b) => a - b), length];
}

/** Push `data` through a splitter into `parser` in slices cut at `cuts`, as chunks read one by one, then flush both. */
export function pushInSlices(parser: RecordParser, data: Buffer, cuts: readonly number[]): void {
  const splitter = new LineSplitter();
  const bounds = cutBounds(data.length, cuts);
  for (let k = 0; k + 1 < bounds.length; k++) {
    splitter.push(data.subarray(bounds[k], bounds[k + 1]), parser.push, parser.taker);
    parser.endChunk();
  }
  splitter.flush(parser.push);
  parser.flush();
}
