import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Level, levelFromWord } from '../src/model/level.js';
import { parseBuffer } from '../src/parse/record-stream.js';

export const LOGHUB_DIR = join(import.meta.dirname, 'fixtures', 'loghub');

/** RFC 4180 CSV: quoted fields, doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface Agreement {
  lines: number;
  /** Fraction of lines whose record has the oracle's level; undefined when not compared. */
  level?: number;
  logger?: number;
  misses: string[];
}

/** Compare logview's records for `name` with its structured CSV, line by line. */
export function agreement(name: string, compare: { level: boolean; logger: boolean }): Agreement {
  const log = readFileSync(join(LOGHUB_DIR, name));
  const rows = parseCsv(readFileSync(join(LOGHUB_DIR, name + '_structured.csv'), 'utf8'));
  const header = rows[0]!;
  const col = (n: string): number => header.indexOf(n);
  const idCol = col('LineId');
  const levelCol = col('Level');
  const compCol = col('Component');
  // Which record covers each line.
  const byLine: { level: Level; logger: string }[] = [];
  for (const r of parseBuffer(log)) {
    for (let k = 0; k < r.raw.length; k++) byLine[r.line + k] = { level: r.level, logger: r.logger };
  }
  let n = 0;
  let levelOk = 0;
  let loggerOk = 0;
  const misses: string[] = [];
  for (const row of rows.slice(1)) {
    if (row.length < header.length) continue;
    n++;
    const id = Number(row[idCol]);
    const got = byLine[id];
    if (compare.level) {
      const want = levelFromWord(row[levelCol]!);
      if (got?.level === want) levelOk++;
      else if (misses.length < 10) misses.push(`line ${id}: level ${got?.level} != ${row[levelCol]}`);
    }
    if (compare.logger) {
      if (got?.logger === row[compCol]) loggerOk++;
      else if (misses.length < 10) misses.push(`line ${id}: logger ${JSON.stringify(got?.logger)} != ${JSON.stringify(row[compCol])}`);
    }
  }
  const out: Agreement = { lines: n, misses };
  if (compare.level) out.level = levelOk / n;
  if (compare.logger) out.logger = loggerOk / n;
  return out;
}

export const LOGHUB_FILES: { file: string; level: boolean; logger: boolean }[] = [
  { file: 'OpenStack_2k.log', level: true, logger: true },
  { file: 'Hadoop_2k.log', level: true, logger: true },
  { file: 'Apache_2k.log', level: true, logger: false },
  { file: 'Linux_2k.log', level: false, logger: true },
];
