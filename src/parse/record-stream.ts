import type { LogRecord } from '../model/record.js';
import { LineSplitter } from '../lines/line-splitter.js';
import { RecordAssembler } from './assembler.js';

/**
 * bytes -> lines -> records for one source read to its end. `onRecord` may
 * return a promise (output backpressure); it is awaited once per chunk, so
 * the per-record path stays synchronous.
 */
export async function streamRecords(
  chunks: AsyncIterable<Buffer>,
  sourceId: number,
  onBatch: (records: LogRecord[]) => void | Promise<void>,
): Promise<void> {
  let batch: LogRecord[] = [];
  const assembler = new RecordAssembler(sourceId, (r) => batch.push(r));
  const splitter = new LineSplitter();
  const onLine = assembler.push.bind(assembler);
  for await (const chunk of chunks) {
    splitter.push(chunk, onLine);
    if (batch.length > 0) {
      const b = batch;
      batch = [];
      await onBatch(b);
    }
  }
  splitter.flush(onLine);
  assembler.flush();
  if (batch.length > 0) await onBatch(batch);
}

/** Parse a whole buffer synchronously (tests, small inputs). */
export function parseBuffer(data: Buffer, sourceId = 0): LogRecord[] {
  const out: LogRecord[] = [];
  const assembler = new RecordAssembler(sourceId, (r) => out.push(r));
  const splitter = new LineSplitter();
  const onLine = assembler.push.bind(assembler);
  splitter.push(data, onLine);
  splitter.flush(onLine);
  assembler.flush();
  return out;
}
