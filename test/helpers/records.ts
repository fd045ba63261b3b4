import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LogRecord } from '../../src/model/record.js';
import { parseBuffer } from '../../src/parse/record-stream.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}

export function parseText(text: string): LogRecord[] {
  return parseBuffer(Buffer.from(text));
}

/** The parts of a record that do not depend on how the input was chunked in memory. */
export function comparable(r: LogRecord): Omit<LogRecord, 'raw'> & { raw: string } {
  return { ...r, raw: Buffer.concat(r.raw).toString('latin1') };
}
