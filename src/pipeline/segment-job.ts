import { closeSync, openSync } from 'node:fs';
import { readAtSync } from '../source/read-at.js';
import { parseOptions } from '../cli/options.js';
import type { SegmentColumns } from '../model/record-columns.js';
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
  /**
   * Open this instead of `path` (names the same file): the index reads the
   * tail's own descriptor through /dev/fd/N, so a rename or a new file at
   * `path` meanwhile cannot make it index another file.
   */
  open?: string;
  /** The format the file's first lines settled on. */
  home: string;
  /** Bytes past this offset are not read (the tail a follower reads); undefined: the whole file. */
  limit?: number;
  /** `render`: filtered, rendered output for print mode; `index`: columns for the store. */
  mode: { kind: 'render'; output: OutputFormat; colorDepth: ColorDepth } | { kind: 'index' };
  /** Added to a worker thread's nice value at its start (thread-priority.ts): the TUI's main thread comes first. */
  niceness?: number;
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
  const fd = openSync(data.open ?? data.path, 'r');
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
    // Raw output where the level alone decides: a record the skim takes is its bytes.
    const rawBytes = mode.output === 'raw' && filter.levelOnly();
    newSink = () => new RenderSink((r) => renderer.render(r), rawBytes);
  } else {
    newSink = (task) => new ColumnSink((task.end - task.begin) / BYTES_PER_RECORD_GUESS);
  }
  return {
    run: (task) => parseSegment(task, read, home, parseOpts, newSink(task)),
    close: () => closeSync(fd),
  };
}

/** The buffers of a result to transfer to another thread (not copy). */
export function resultBuffers(result: SegmentResult<unknown>): ArrayBuffer[] {
  const out = result.output;
  // Rendered output is a SharedArrayBuffer (shared-buffers.ts): shared, not transferred.
  if (out instanceof Uint8Array) return out.buffer instanceof SharedArrayBuffer ? [] : [out.buffer as ArrayBuffer];
  return columnBuffers(out as SegmentColumns);
}
