import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseOptions } from '../cli/options.js';
import { formatByName } from '../parse/registry.js';
import { RecordRenderer, type OutputFormat } from '../print/printer.js';
import { RecordFilter } from '../query/record-filter.js';
import { Theme, type ColorDepth } from '../render/theme.js';
import type { SegmentColumns } from '../model/record-columns.js';
import { ColumnSink, columnBuffers } from './column-sink.js';
import { parseSegment, RenderSink, type SegmentSink, type SegmentTask } from './segment-parse.js';

/** What the main thread tells a segment worker once, at start. */
export interface SegmentWorkerData {
  /** The command line, parsed again here: filters and formats (custom ones too) are the main thread's. */
  argv: string[];
  path: string;
  /** The format the file's first lines settled on. */
  home: string;
  /** Bytes past this offset are not read (the tail a follower reads); undefined: the whole file. */
  limit?: number;
  /** `render`: filtered, rendered output for print mode; `index`: columns for the store. */
  mode: { kind: 'render'; output: OutputFormat; colorDepth: ColorDepth } | { kind: 'index' };
}

const data = workerData as SegmentWorkerData;
const opts = parseOptions(data.argv, '');
const home = formatByName(data.home);
if (!home) throw new Error(`unknown format ${data.home}`);
const fd = openSync(data.path, 'r');
const limit = data.limit ?? Number.MAX_SAFE_INTEGER;

function read(position: number, length: number): Buffer {
  const want = Math.max(0, Math.min(length, limit - position));
  const buf = Buffer.allocUnsafe(want);
  let got = 0;
  while (got < want) {
    const n = readSync(fd, buf, got, want - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

function renderSink(output: OutputFormat, depth: ColorDepth): () => RenderSink {
  const filter = new RecordFilter({
    minLevel: opts.minLevel,
    include: opts.include,
    exclude: opts.exclude,
    ...(opts.grep ? { grep: opts.grep } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
  });
  const renderer = new RecordRenderer(filter, output, new Theme(depth), [data.path]);
  return () => new RenderSink((r) => renderer.render(r));
}

const mode = data.mode;
const newSink: () => SegmentSink<unknown> = mode.kind === 'render' ? renderSink(mode.output, mode.colorDepth) : () => new ColumnSink();

parentPort!.on('message', (task: SegmentTask | null) => {
  if (task === null) {
    closeSync(fd);
    parentPort!.close();
    return;
  }
  const result = parseSegment(task, read, home, { format: opts.format }, newSink());
  const out = result.output;
  const transfer = out instanceof Uint8Array ? [out.buffer as ArrayBuffer] : columnBuffers(out as SegmentColumns);
  parentPort!.postMessage(result, transfer);
});
