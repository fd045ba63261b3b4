import type { LogRecord } from '../model/record.js';
import { LineSplitter } from '../lines/line-splitter.js';
import { RecordAssembler } from './assembler.js';

/**
 * Records are handed on every SLICE bytes rather than once per read chunk:
 * a batch is alive until its consumer returns, and small batches keep that
 * live set small enough for V8's young-generation GC to stay cheap.
 */
const SLICE = 64 * 1024;

/**
 * bytes -> lines -> records for one source read to its end. `onBatch` may
 * return a promise (output backpressure); it is awaited once per slice, so
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
    for (let pos = 0; pos < chunk.length; pos += SLICE) {
      splitter.push(pos === 0 && chunk.length <= SLICE ? chunk : chunk.subarray(pos, pos + SLICE), onLine);
      if (batch.length > 0) {
        const b = batch;
        batch = [];
        await onBatch(b);
      }
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
