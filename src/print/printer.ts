import type { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { latencyMs, PairingQueue, type PairedRecord } from '../query/http-pairs.js';
import type { RecordFilter } from '../query/record-filter.js';
import { renderJson } from '../render/json-line.js';
import { renderText } from '../render/text-line.js';
import type { Theme } from '../render/theme.js';
import type { Output } from './output.js';

export type OutputFormat = 'text' | 'json' | 'raw';

const NEWLINE = Buffer.from('\n');

/** Filters records and renders the ones that pass in the chosen output format. */
export class RecordRenderer {
  /** The last raw record rendered ended without a newline. */
  private unterminated = false;
  /** Nothing is filtered: no record is tested (a logger's threshold looked up per record was 5% of printing every record). */
  private readonly all: boolean;

  constructor(
    private readonly filter: RecordFilter,
    private readonly format: OutputFormat,
    private readonly theme: Theme,
    private readonly sourceNames: readonly string[],
  ) {
    this.all = filter.passesAll();
  }

  /**
   * One record's output, or undefined when it is filtered out; `pair`: the
   * other half of its HTTP exchange. A raw record of several lines comes as
   * its parts, not joined: whoever takes it copies them anyway (into a batch,
   * a segment's output), and a join per record was a small buffer each that a
   * worker thread freed only at a full collection.
   */
  render(r: LogRecord, pair?: LogRecord): string | Buffer | readonly Buffer[] | undefined {
    if (!this.all && !this.filter.matches(r, pair)) return undefined;
    if (this.format === 'raw') {
      // An unterminated line (a rotated file's last) followed by more output
      // gets its line break, or the next line would be glued to it.
      const parts = this.unterminated ? [NEWLINE, ...r.raw] : r.raw;
      const last = r.raw[r.raw.length - 1];
      this.unterminated = last !== undefined && last.length > 0 && last[last.length - 1] !== 10;
      return parts.length === 1 ? parts[0]! : parts;
    }
    if (this.format === 'json') {
      if (!pair || !r.http) return renderJson(r, this.sourceNames[r.sourceId] ?? '');
      const latency = r.http.direction === 'request' ? latencyMs(r, pair) : latencyMs(pair, r);
      return renderJson(r, this.sourceNames[r.sourceId] ?? '', { pair: { source: this.sourceNames[pair.sourceId] ?? '', line: pair.line }, ...(latency !== undefined ? { latency_ms: latency } : {}) });
    }
    return renderText(r, this.theme);
  }

  /** A batch's output (a Buffer for raw, else a string). */
  renderBatch(records: readonly LogRecord[]): string | Buffer {
    return this.renderPaired(records.map((record) => ({ record })));
  }

  renderPaired(records: readonly PairedRecord[]): string | Buffer {
    if (this.format === 'raw') {
      const parts: Buffer[] = [];
      for (const p of records) {
        const o = this.render(p.record, p.pair);
        if (Buffer.isBuffer(o)) parts.push(o);
        // One by one: a traceback of 400,000 lines as push's arguments overflowed the stack.
        else if (o !== undefined) for (const b of o as readonly Buffer[]) parts.push(b);
      }
      return Buffer.concat(parts);
    }
    let s = '';
    for (const p of records) {
      const o = this.render(p.record, p.pair);
      if (o !== undefined) s += o as string;
    }
    return s;
  }
}

/**
 * Filter a batch of records and write them in the chosen output format. JSON
 * output and the filters that look at an exchange's other half (--http-*,
 * --request) pair kamaki's requests with their responses first.
 */
export class Printer {
  private readonly renderer: RecordRenderer;
  private readonly pairs: PairingQueue | undefined;

  constructor(
    private readonly out: Output,
    filter: RecordFilter,
    format: OutputFormat,
    theme: Theme,
    sourceNames: readonly string[],
  ) {
    this.renderer = new RecordRenderer(filter, format, theme, sourceNames);
    this.levelFloor = () => filter.levelFloor();
    this.passesAll = () => filter.passesAll();
    if (format === 'json' || filter.needsPairs) this.pairs = new PairingQueue();
  }

  /** The filter's level floor (RecordFilter.levelFloor). */
  readonly levelFloor: () => Level;
  /** Whether the filter lets every record through (RecordFilter.passesAll). */
  readonly passesAll: () => boolean;

  async writeBatch(records: readonly LogRecord[]): Promise<void> {
    const o = this.pairs ? this.renderer.renderPaired(this.pairs.push(records)) : this.renderer.renderBatch(records);
    if (o.length > 0) await this.out.write(o);
  }

  /** The input ended: write what the pairing still holds. */
  async end(): Promise<void> {
    if (!this.pairs) return;
    const o = this.renderer.renderPaired(this.pairs.flush());
    if (o.length > 0) await this.out.write(o);
  }
}
