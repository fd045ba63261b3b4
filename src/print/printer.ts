import type { LogRecord } from '../model/record.js';
import type { RecordFilter } from '../query/record-filter.js';
import { renderJson } from '../render/json-line.js';
import { renderText } from '../render/text-line.js';
import type { Theme } from '../render/theme.js';
import type { Output } from './output.js';

export type OutputFormat = 'text' | 'json' | 'raw';

/** Filter a batch of records and write them in the chosen output format. */
const NEWLINE = Buffer.from('\n');

export class Printer {
  /** The last raw record written ended without a newline. */
  private unterminated = false;

  constructor(
    private readonly out: Output,
    private readonly filter: RecordFilter,
    private readonly format: OutputFormat,
    private readonly theme: Theme,
    private readonly sourceNames: readonly string[],
  ) {}

  async writeBatch(records: readonly LogRecord[]): Promise<void> {
    if (this.format === 'raw') {
      const parts: Buffer[] = [];
      for (const r of records) {
        if (!this.filter.matches(r)) continue;
        // An unterminated line (a rotated file's last) followed by more
        // output gets its line break, or the next line would be glued to it.
        if (this.unterminated) parts.push(NEWLINE);
        for (const b of r.raw) parts.push(b);
        const last = r.raw[r.raw.length - 1];
        this.unterminated = last !== undefined && last.length > 0 && last[last.length - 1] !== 10;
      }
      if (parts.length > 0) await this.out.write(Buffer.concat(parts));
      return;
    }
    let s = '';
    if (this.format === 'json') {
      for (const r of records) if (this.filter.matches(r)) s += renderJson(r, this.sourceNames[r.sourceId] ?? '');
    } else {
      for (const r of records) if (this.filter.matches(r)) s += renderText(r, this.theme);
    }
    await this.out.write(s);
  }
}
