import type { LogRecord } from '../model/record.js';
import { batchSlices, RecordReader, type ReadStart } from './record-reader.js';
import type { ParseOptions } from './record-parser.js';

// Where these were defined before the reader had a module of its own: importers kept.
export { RecordParser, type ParseOptions, type ParserHooks } from './record-parser.js';
export { BATCH_BYTES, batchSlices } from './record-reader.js';

/**
 * bytes -> lines -> records for one source read to its end. `onBatch` may
 * return a promise (output backpressure); it is awaited once per slice, so
 * the per-record path stays synchronous. Resolves with the number of lines read.
 */
export async function streamRecords(
  chunks: AsyncIterable<Buffer>,
  sourceId: number,
  onBatch: (records: LogRecord[]) => void | Promise<void>,
  opts: ParseOptions = {},
  /** Where the chunks start in the source (default offset 0, line 1). */
  start?: ReadStart,
): Promise<number> {
  const reader = new RecordReader(sourceId, opts, start);
  for await (const chunk of chunks) {
    for (const slice of batchSlices(chunk)) {
      reader.push(slice);
      const batch = reader.take();
      if (batch !== undefined) await onBatch(batch);
    }
  }
  reader.flush();
  const rest = reader.take();
  if (rest !== undefined) await onBatch(rest);
  return reader.lineCount;
}

/** Parse a whole buffer synchronously (tests, small inputs, the store's re-parse). */
export function parseBuffer(data: Buffer, sourceId = 0, opts: ParseOptions = {}): LogRecord[] {
  const reader = new RecordReader(sourceId, opts);
  reader.push(data);
  reader.flush();
  return reader.take() ?? [];
}
