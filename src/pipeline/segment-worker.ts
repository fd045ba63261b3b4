import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseOptions } from '../cli/options.js';
import { RecordFilter } from '../query/record-filter.js';
import { RecordRenderer, type OutputFormat } from '../print/printer.js';
import { formatByName } from '../parse/registry.js';
import { Theme, type ColorDepth } from '../render/theme.js';
import { parseSegment, type SegmentTask } from './segment-parse.js';

/** What the main thread tells a segment worker once, at start. */
export interface SegmentWorkerData {
  /** The command line, parsed again here: filters, formats (custom ones too) and output are the main thread's. */
  argv: string[];
  path: string;
  /** The format the file's first lines settled on. */
  home: string;
  colorDepth: ColorDepth;
  output: OutputFormat;
}

const data = workerData as SegmentWorkerData;
const opts = parseOptions(data.argv, '');
const home = formatByName(data.home);
if (!home) throw new Error(`unknown format ${data.home}`);
const filter = new RecordFilter({
  minLevel: opts.minLevel,
  include: opts.include,
  exclude: opts.exclude,
  ...(opts.grep ? { grep: opts.grep } : {}),
  ...(opts.since !== undefined ? { since: opts.since } : {}),
  ...(opts.until !== undefined ? { until: opts.until } : {}),
});
const renderer = new RecordRenderer(filter, data.output, new Theme(data.colorDepth), [data.path]);
const render = (r: Parameters<RecordRenderer['render']>[0]) => renderer.render(r);
const fd = openSync(data.path, 'r');
const read = (position: number, length: number): Buffer => {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
};

parentPort!.on('message', (task: SegmentTask | null) => {
  if (task === null) {
    closeSync(fd);
    parentPort!.close();
    return;
  }
  const result = parseSegment(task, read, home, { format: opts.format }, render);
  parentPort!.postMessage(result, [result.output.buffer as ArrayBuffer]);
});
