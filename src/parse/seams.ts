import { FormatDetector, SAMPLE_LINES } from './detect.js';
import type { Format, Head } from './head.js';
import type { ParseOptions } from './record-parser.js';
import { BATCH_BYTES } from './record-reader.js';
import { autoFormats, formatByName, groupingOf } from './registry.js';

/**
 * Where a source can be cut into pieces parsed on their own (a big file's
 * tail shown first, segments parsed in parallel) and still give exactly the
 * records of one sequential read.
 */

/** Bytes of a source's start that settle its format: what RecordParser samples (its first slice). */
export const SAMPLE_BYTES = BATCH_BYTES;

/**
 * A line that starts a record whatever came before it: the source's own
 * format reads it as a timed logger call that is no call its format groups
 * (Grouping.calls: kamaki's HTTP calls may extend the block before them), no
 * folded line, and no bare name that needs look-ahead. A sequential read
 * starts a new record there too (a timed head even ends a traceback's hold,
 * and ends a call waiting for its message line).
 */
export function startsRecord(h: Head | undefined): boolean {
  return (
    h !== undefined &&
    h.weak !== true &&
    !Number.isNaN(h.time) &&
    h.shape === undefined &&
    h.fold === undefined &&
    groupingOf(h.format).calls?.groups(h) !== true
  );
}

/** True when `text` is a line where a source read with `home` can be cut (startsRecord). */
export function isSeamLine(home: Format, text: string): boolean {
  return home.firstChar(text.charCodeAt(0)) && startsRecord(home.parse(text));
}

/**
 * The format a source's first bytes settle on, as RecordParser settles it
 * (the complete lines of its first slice, at most SAMPLE_LINES), or the
 * forced one; undefined for text no format claims.
 */
export function homeFormat(start: Buffer, opts: ParseOptions): Format | undefined {
  if (opts.format !== undefined && opts.format !== 'auto') return formatByName(opts.format);
  const head = start.subarray(0, SAMPLE_BYTES);
  const lines = head.toString('utf8').split('\n');
  // The piece after the last newline is a line not yet complete (or empty).
  lines.pop();
  const detector = new FormatDetector(autoFormats());
  detector.settle(lines.slice(0, SAMPLE_LINES).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
  return detector.format;
}
