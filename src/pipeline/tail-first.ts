import { open, type FileHandle } from 'node:fs/promises';
import type { LogRecord } from '../model/record.js';
import { FormatDetector, SAMPLE_LINES } from '../parse/detect.js';
import type { Format, Head } from '../parse/head.js';
import { RECV_LOGGER, SEND_LOGGER } from '../parse/kamaki-http.js';
import { autoFormats, formatByName } from '../parse/registry.js';
import { streamRecords, type ParseOptions } from '../parse/record-stream.js';

/** Files at least this big open at their tail; smaller ones are read from the start at once. */
export const TAIL_FIRST_MIN_BYTES = 16 * 1024 * 1024;
/** How much of the end is read first (a few screens of records). */
export const TAIL_BYTES = 256 * 1024;
/** Bytes of the file's start that settle its format. */
const SAMPLE_BYTES = 64 * 1024;
/** Chunks of the background index: small enough that keys answer between them. */
const FRONT_CHUNK = 256 * 1024;

/** Where a big file's tail starts, and the open file to index its start from. */
export interface TailStart {
  /** Byte offset of the first line shown at once: a record's first line. */
  offset: number;
  /** Bytes in the file when it was opened. */
  size: number;
  handle: FileHandle;
}

/**
 * A line that starts a record whatever came before it: the file's own format
 * reads it as a timed logger call that is not an HTTP call (those may extend
 * the block before them), a folded line, or a bare name that needs look-ahead.
 * A sequential read starts a new record there too (a timed head even ends a
 * traceback, and ends a call waiting for its message line), so the file can
 * be read as [0, offset) and [offset, end) on their own.
 */
function startsRecord(h: Head | undefined): boolean {
  return (
    h !== undefined &&
    h.weak !== true &&
    !Number.isNaN(h.time) &&
    h.shape === undefined &&
    h.fold === undefined &&
    h.logger !== SEND_LOGGER &&
    h.logger !== RECV_LOGGER
  );
}

async function readAt(fh: FileHandle, pos: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, pos + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

function lines(buf: Buffer): string[] {
  return buf.toString('utf8').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * For a regular file of at least minBytes: the offset of a record start
 * within its last TAIL_BYTES, found with the format its first lines settle.
 * Undefined (and nothing left open) for small files, pipes, or a tail where
 * no line surely starts a record.
 */
export async function findTailStart(path: string, opts: ParseOptions, minBytes = TAIL_FIRST_MIN_BYTES): Promise<TailStart | undefined> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size < minBytes || st.size <= TAIL_BYTES) {
      await fh.close();
      return undefined;
    }
    const home = await homeFormat(fh, opts);
    const from = st.size - TAIL_BYTES;
    const tail = await readAt(fh, from, TAIL_BYTES);
    let pos = tail.indexOf(10) + 1;
    while (home && pos > 0 && pos < tail.length) {
      const nl = tail.indexOf(10, pos);
      if (nl < 0) break;
      let end = nl;
      if (end > pos && tail[end - 1] === 13) end--;
      const text = tail.toString('utf8', pos, end);
      if (home.firstChar(text.charCodeAt(0)) && startsRecord(home.parse(text))) return { offset: from + pos, size: st.size, handle: fh };
      pos = nl + 1;
    }
  } catch {
    // Unreadable now: the ordinary reader reports it.
  }
  await fh.close();
  return undefined;
}

/** The format a source's first lines settle on (as RecordParser would), or the forced one. */
async function homeFormat(fh: FileHandle, opts: ParseOptions): Promise<Format | undefined> {
  if (opts.format !== undefined && opts.format !== 'auto') return formatByName(opts.format);
  const detector = new FormatDetector(autoFormats());
  const sample = lines(await readAt(fh, 0, SAMPLE_BYTES));
  // The last piece may be a cut line.
  if (sample.length > 1) sample.pop();
  detector.settle(sample.slice(0, SAMPLE_LINES));
  return detector.format;
}

async function* range(fh: FileHandle, end: number, onProgress: (done: number) => void): AsyncGenerator<Buffer> {
  let pos = 0;
  while (pos < end) {
    const chunk = await readAt(fh, pos, Math.min(FRONT_CHUNK, end - pos));
    if (chunk.length === 0) return;
    pos += chunk.length;
    yield chunk;
    onProgress(pos);
  }
}

/**
 * Index a big file's start, [0, tail.offset), into records for the front of
 * the store, in order, while its tail is on screen. Resolves with the number
 * of lines there (so the tail's line numbers become known), and closes the file.
 */
export async function indexFront(
  tail: TailStart,
  sourceId: number,
  opts: ParseOptions,
  onRecords: (records: LogRecord[]) => void,
  onProgress: (done: number) => void,
  stopped: () => boolean,
): Promise<number> {
  try {
    const chunks = range(tail.handle, tail.offset, onProgress);
    async function* guarded(): AsyncGenerator<Buffer> {
      for await (const c of chunks) {
        if (stopped()) return;
        yield c;
        // A macrotask between chunks: keys and frames go first.
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    return await streamRecords(guarded(), sourceId, onRecords, opts);
  } finally {
    await tail.handle.close().catch(() => {});
  }
}
