import type { SegmentColumns } from '../../src/model/record-columns.js';

/** One record of a segment as a worker thread hands it on (loggers and formats as ids into the name tables). */
export interface SegmentRow {
  offset: number;
  length: number;
  time: number;
  level: number;
  line: number;
  logger: number;
  format: number;
}

/** A segment's columns for `rows`, as worker threads hand them to the store. */
export function segmentColumns(rows: readonly SegmentRow[], loggerNames: string[], formatNames: string[]): SegmentColumns {
  const n = rows.length;
  const c: SegmentColumns = {
    count: n,
    offsets: new Float64Array(n),
    lengths: new Uint32Array(n),
    times: new Float64Array(n),
    levels: new Uint8Array(n),
    lines: new Uint32Array(n),
    loggers: new Uint32Array(n),
    loggerNames,
    formats: new Uint8Array(n),
    formatNames,
  };
  rows.forEach((r, j) => {
    c.offsets[j] = r.offset;
    c.lengths[j] = r.length;
    c.times[j] = r.time;
    c.levels[j] = r.level;
    c.lines[j] = r.line;
    c.loggers[j] = r.logger;
    c.formats[j] = r.format;
  });
  return c;
}
