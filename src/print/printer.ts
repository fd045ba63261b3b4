import type { LogRecord } from '../model/record.js';
import type { RecordFilter } from '../query/record-filter.js';
import { renderJson } from '../render/json-line.js';
import { renderText } from '../render/text-line.js';
import type { Theme } from '../render/theme.js';
import type { Output } from './output.js';

export type OutputFormat = 'text' | 'json' | 'raw';

/** Filters records and renders the ones that pass in the chosen output format. */
export class RecordRenderer {
  constructor(
    private readonly filter: RecordFilter,
    private readonly format: OutputFormat,
    private readonly theme: Theme,
    private readonly sourceNames: readonly string[],
  ) {}

  /** One record's output, or undefined when it is filtered out. */
  render(r: LogRecord): string | Buffer | undefined {
    if (!this.filter.matches(r)) return undefined;
    if (this.format === 'raw') return r.raw.length === 1 ? r.raw[0]! : Buffer.concat(r.raw);
    if (this.format === 'json') return renderJson(r, this.sourceNames[r.sourceId] ?? '');
    return renderText(r, this.theme);
  }

  /** A batch's output (a Buffer for raw, else a string). */
  renderBatch(records: readonly LogRecord[]): string | Buffer {
    if (this.format === 'raw') {
      const parts: Buffer[] = [];
      for (const r of records) if (this.filter.matches(r)) for (const b of r.raw) parts.push(b);
      return Buffer.concat(parts);
    }
    let s = '';
    for (const r of records) {
      const o = this.render(r);
      if (o !== undefined) s += o as string;
    }
    return s;
  }
}

/** Filter a batch of records and write them in the chosen output format. */
export class Printer {
  private readonly renderer: RecordRenderer;

  constructor(
    private readonly out: Output,
    filter: RecordFilter,
    format: OutputFormat,
    theme: Theme,
    sourceNames: readonly string[],
  ) {
    this.renderer = new RecordRenderer(filter, format, theme, sourceNames);
  }

  async writeBatch(records: readonly LogRecord[]): Promise<void> {
    await this.out.write(this.renderer.renderBatch(records));
  }
}
