import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { levelName } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { parseBuffer, type ParseOptions } from '../src/parse/record-stream.js';

export const FORMATS_DIR = join(import.meta.dirname, 'fixtures', 'formats');

export function parseFixture(name: string, opts: ParseOptions = {}): LogRecord[] {
  return parseBuffer(readFileSync(join(FORMATS_DIR, name)), 0, opts);
}

export function parseText(text: string, opts: ParseOptions = {}): LogRecord[] {
  return parseBuffer(Buffer.from(text), 0, opts);
}

/** The parts of a record most tests compare. */
export function brief(r: LogRecord): { format: string; level: string; logger: string; message: string } {
  return { format: r.format, level: levelName(r.level) ?? 'none', logger: r.logger, message: r.message };
}

/** Local wall-clock time as epoch ms (naive log times are local, TZ). */
export function local(y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number {
  return new Date(y, mo - 1, d, h, mi, s, ms).getTime();
}
