import { closeSync, openSync, writeSync } from 'node:fs';
import { readAtSync } from '../source/read-at.js';
import { parseOptions } from '../cli/options.js';
import type { SegmentColumns, SpoolRange } from '../model/record-columns.js';
import { formatByName, formatForSource } from '../parse/registry.js';
import type { ParseOptions } from '../parse/record-stream.js';
import { RecordRenderer, type OutputFormat } from '../print/printer.js';
import { RecordFilter } from '../query/record-filter.js';
import { Theme, type ColorDepth } from '../render/theme.js';
import { ColumnSink, columnBuffers } from './column-sink.js';
import { parseSegment, RenderSink, type SegmentResult, type SegmentSink, type SegmentTask } from './segment-parse.js';

/** What a segment parser (a worker thread, or the main thread as one more) is told once, at start. */
export interface SegmentWorkerData {
  /** The command line, parsed again: filters and formats (custom ones too) are the main thread's. */
  argv: string[];
  path: string;
  /** The format the file's first lines settled on. */
  home: string;
  /** Bytes past this offset are not read (the tail a follower reads); undefined: the whole file. */
  limit?: number;
  /** `render`: filtered, rendered output for print mode; `index`: columns for the store. */
  mode: { kind: 'render'; output: OutputFormat; colorDepth: ColorDepth } | { kind: 'index'; spool?: SpoolRange };
}

/** Bytes a record takes in a typical log: sizes a segment's columns once. */
const BYTES_PER_RECORD_GUESS = 90;

/** A segment parser: run(task) parses one; close() lets go of the file. */
export interface SegmentJob {
  run(task: SegmentTask): SegmentResult<unknown>;
  close(): void;
}

/** Set a segment parser up from its data (parses the command line again, opens the file). */
export function segmentJob(data: SegmentWorkerData): SegmentJob {
  const opts = parseOptions(data.argv, '');
  const home = formatByName(data.home);
  if (!home) throw new Error(`unknown format ${data.home}`);
  const fd = openSync(data.path, 'r');
  const limit = data.limit ?? Number.MAX_SAFE_INTEGER;
  const read = (position: number, into: Buffer): number => readAtSync(fd, position, into.subarray(0, Math.max(0, Math.min(into.length, limit - position))));
  const mode = data.mode;
  let newSink: (task: SegmentTask) => SegmentSink<unknown>;
  const parseOpts: ParseOptions = { format: formatForSource(data.path, opts.format) };
  if (mode.kind === 'render') {
    const filter = RecordFilter.fromOptions(opts, [data.path]);
    // What the filter drops for its level is not worth parsing (the index keeps everything).
    parseOpts.levelFloor = filter.levelFloor();
    const renderer = new RecordRenderer(filter, mode.output, new Theme(mode.colorDepth, opts.view.theme), [data.path]);
    newSink = () => new RenderSink((r) => renderer.render(r));
  } else {
    newSink = (task) => new ColumnSink((task.end - task.begin) / BYTES_PER_RECORD_GUESS);
  }
  const spool = mode.kind === 'index' ? mode.spool : undefined;
  const copy = spool !== undefined ? spoolCopier(read, spool) : undefined;
  return {
    run: (task) => {
      const result = parseSegment(task, read, home, parseOpts, newSink(task));
      if (copy !== undefined) {
        const c = result.output as SegmentColumns;
        // The bytes its records cover: from its start to its last record's end (past `end`
        // into the next segment's, which that one writes too, the same bytes).
        const stop = c.count > 0 ? Math.max(task.end, c.offsets[c.count - 1]! + c.lengths[c.count - 1]!) : task.end;
        c.spooled = copy(task.begin, stop);
      }
      return result;
    },
    close: () => closeSync(fd),
  };
}

/** Copies file bytes [from, to) into the spool range; false when the spool cannot take them (the store then copies them itself). */
function spoolCopier(read: (position: number, into: Buffer) => number, spool: SpoolRange): (from: number, to: number) => boolean {
  const buf = Buffer.allocUnsafe(1024 * 1024);
  return (from, to) => {
    try {
      for (let pos = from; pos < to; ) {
        const n = read(pos, buf.subarray(0, Math.min(buf.length, to - pos)));
        if (n === 0) return false;
        for (let off = 0; off < n; ) off += writeSync(spool.fd, buf, off, n - off, spool.base + pos + off);
        pos += n;
      }
      return true;
    } catch {
      return false;
    }
  };
}

/** The buffers of a result to transfer to another thread (not copy). */
export function resultBuffers(result: SegmentResult<unknown>): ArrayBuffer[] {
  const out = result.output;
  return out instanceof Uint8Array ? [out.buffer as ArrayBuffer] : columnBuffers(out as SegmentColumns);
}
