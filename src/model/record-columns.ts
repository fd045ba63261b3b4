/** Records as columns, as worker threads hand them to the store (no object per record). */

/**
 * A segment's records as columns, to hand from a worker thread to the store
 * without an object per record: byte offset and length in the file, time,
 * level, line (as the segment counts them), and logger and format as
 * indices into small name tables.
 */
export interface SegmentColumns {
  count: number;
  /** Byte offset of each record's first byte in the file. */
  offsets: Float64Array;
  /** Bytes of each record. */
  lengths: Uint32Array;
  /** Epoch ms, NaN for none. */
  times: Float64Array;
  levels: Uint8Array;
  /** 1-based line numbers, counted from the line the segment started at. */
  lines: Uint32Array;
  loggers: Uint32Array;
  loggerNames: string[];
  formats: Uint8Array;
  formatNames: string[];
}

/**
 * A range of the store's spool borrowed for a file's start (Spool.borrow):
 * byte `o` of the file belongs at `base + o`, read from the file until a copy
 * puts it there. Descriptors are the spool's (threads of a process share them).
 */
export interface BorrowedRange {
  /** The spool file. */
  fd: number;
  /** Spool offset of the file's byte 0. */
  base: number;
  /** Bytes of the file the range holds. */
  length: number;
  /** The source file, opened again by the spool. */
  source: number;
}

/** Records [from, to) of a segment's columns, their bytes, and what makes their line numbers the file's. */
export interface ColumnsPart {
  columns: SegmentColumns;
  from: number;
  to: number;
  /** Added to the columns' line numbers. */
  lineBase: number;
  /**
   * Where the records' bytes are: `raw`, contiguous (record j starts at
   * columns.offsets[j] - columns.offsets[from]; valid only during the call it
   * is handed to, the buffer is reused), or already in the spool at
   * `spoolBase` + columns.offsets[j].
   */
  bytes: { raw: Buffer } | { spoolBase: number };
}

