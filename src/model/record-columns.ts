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
  /** The worker wrote the bytes its records cover into the store's spool (SpoolRange), at the range's base plus their file offsets. */
  spooled?: boolean;
}

/** A range of the store's spool reserved for a file's start: byte `o` of the file goes at `base + o`. */
export interface SpoolRange {
  /** The spool file's descriptor (threads of a process share descriptors). */
  fd: number;
  base: number;
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

