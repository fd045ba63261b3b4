// One evaluator of the record tests (passesRecordTests) for print mode and
// the TUI: RecordFilter over records in hand (paired by PairingQueue) and
// ViewFilters over store indices (paired by HttpIndex, refused on the bytes
// first) give the same answer for every record and every test.
import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { parseStatusSpec } from '../src/query/http-facts.js';
import { PairingQueue } from '../src/query/http-pairs.js';
import { LoggerRules } from '../src/query/logger-rules.js';
import { RecordFilter } from '../src/query/record-filter.js';
import { HeldRecordTarget, passesRecordTests, textLines, type RecordTests } from '../src/query/record-tests.js';
import { ViewFilters } from '../src/query/view-filters.js';
import { compileWhere } from '../src/query/where/evaluate.js';
import { RecordStore } from '../src/store/record-store.js';
import { fixture } from './helpers/records.js';

const APP = [
  '2024-05-16 10:00:00,100 INFO app.web started req-1f2e',
  '2024-05-16 10:00:00,200 ERROR app.web failed',
  'Traceback (most recent call last):',
  '',
  '  File "x.py", line 1, in <module>',
  'ValueError: boom',
  '2024-05-16 10:00:00,300 WARNING nova.compute slow',
  '{"time":"2024-05-16T10:00:01Z","level":"info","logger":"api","msg":"done","request_id":"req-AB12","status":503,"method":"GET","path":"/v1/x"}',
  '{"time":"2024-05-16T10:00:02Z","level":"error","logger":"api","msg":"gone","user":"kim","ctx":{"team":"ops"},"status":404}',
  '10.0.0.9 - - [16/May/2024:10:00:03 +0000] "POST /v1/items HTTP/1.1" 201 12',
].join('\n');

const SOURCES = [
  { name: 'kamaki_http.log', bytes: fixture('http/kamaki_http.log') },
  { name: 'nova_api.log', bytes: fixture('http/nova_api.log') },
  { name: 'app.log', bytes: Buffer.from(APP + '\n') },
];
const NAMES = SOURCES.map((s) => s.name);
const RECORDS: LogRecord[] = SOURCES.flatMap((s, id) => parseBuffer(s.bytes, id));

const ids = (...xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
const status = (spec: string) => parseStatusSpec(spec)!;

/** Test sets: each kind alone, and mixed. */
const TESTS: Array<[string, RecordTests]> = [
  ['nothing', {}],
  ['request (kamaki, through the response)', { requests: ids('req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77') }],
  ['request (JSON field, upper case)', { requests: ids('req-AB12') }],
  ['request (absent)', { requests: ids('req-none') }],
  ['5xx', { httpStatus: status('5xx') }],
  ['2xx', { httpStatus: status('2xx') }],
  ['404', { httpStatus: status('404') }],
  ['DELETE', { httpMethods: new Set(['DELETE']) }],
  ['GET or POST', { httpMethods: new Set(['GET', 'POST']) }],
  ['5xx DELETE', { httpStatus: status('5xx'), httpMethods: new Set(['DELETE']) }],
  ...[
    'level >= error',
    'level >= warning and logger ~ nova',
    'status >= 500',
    'status = 404',
    'method = DELETE',
    'path ~ servers',
    'logger ~ kamaki.clients',
    'source = nova_api.log',
    'message ~ /fail|boom/',
    'request_id ~ req',
    'fields.user = kim',
    'user = kim',
    'ctx.team = ops',
    'latency_ms > 0',
    'status != 200',
    'line <= 3',
  ].map((q): [string, RecordTests] => [`where ${q}`, { where: compileWhere(q) }]),
  ['where + 5xx', { where: compileWhere('logger ~ kamaki'), httpStatus: status('5xx') }],
  ['where + request', { where: compileWhere('level >= error'), requests: ids('req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77') }],
];

/** Print mode: records paired as Printer pairs them, then RecordFilter.matchesRecord. */
function printAnswers(t: RecordTests): boolean[] {
  const filter = RecordFilter.fromOptions({ minLevel: Level.none, include: [], exclude: [], ...definedOnly(t) }, NAMES);
  const q = new PairingQueue();
  const paired = [...q.push(RECORDS), ...q.flush()];
  expect(paired.map((p) => p.record)).toEqual(RECORDS);
  return paired.map((p) => filter.matchesRecord(p.record, p.pair));
}

/** The TUI: the same records in a store, ViewFilters by store index. */
function tuiAnswers(t: RecordTests): boolean[] {
  const store = new RecordStore();
  for (let id = 0; id < SOURCES.length; id++) store.append(RECORDS.filter((r) => r.sourceId === id));
  const f = new ViewFilters(store, { rules: LoggerRules.fromOptions(Level.none, [], []), sourceNames: NAMES });
  f.setRecordTests(t);
  return RECORDS.map((_, i) => f.passesRecordTests(i));
}

function definedOnly(t: RecordTests): Partial<Record<keyof RecordTests, never>> {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Partial<Record<keyof RecordTests, never>>;
}

describe('the record tests, print mode and the TUI', () => {
  it.each(TESTS)('%s: the same answer for every record', (_, t) => {
    const print = printAnswers(t);
    expect(tuiAnswers(t)).toEqual(print);
  });

  it('the test sets tell records apart (each passes some records and refuses others, but "nothing")', () => {
    for (const [name, t] of TESTS) {
      const n = printAnswers(t).filter(Boolean).length;
      if (name === 'nothing') expect(n).toBe(RECORDS.length);
      else if (name === 'request (absent)') expect(n).toBe(0);
      else expect([name, n > 0 && n < RECORDS.length]).toEqual([name, true]);
    }
  });

  it('a kamaki request answers --http-status with its response, and only through its pair', () => {
    const req = RECORDS.find((r) => r.http?.direction === 'request' && r.http.method === 'DELETE')!;
    const res = RECORDS.find((r) => r.http?.direction === 'response' && r.http.status === 500)!;
    const t: RecordTests = { httpStatus: status('5xx') };
    const target = new HeldRecordTarget();
    expect(passesRecordTests(t, target.at(req, 'k.log', undefined))).toBe(false);
    expect(passesRecordTests(t, target.at(req, 'k.log', res))).toBe(true);
    expect(passesRecordTests(t, target.at(res, 'k.log', req))).toBe(true);
  });
});

describe('--grep text, print mode and the TUI', () => {
  const GREPS = [/^$/, /boom/, /^\s+File/, /^2024-05-16 10:00:00[,.]300/, /req-ab12/i, /servers\/42$/];

  it.each(GREPS.map((re) => [String(re), re] as const))('%s: the same records', (_, re) => {
    const print = RecordFilter.fromOptions({ minLevel: Level.none, include: [], exclude: [], grep: re });
    const store = new RecordStore();
    for (let id = 0; id < SOURCES.length; id++) store.append(RECORDS.filter((r) => r.sourceId === id));
    const view = new ViewFilters(store, { rules: LoggerRules.fromOptions(Level.none, [], []), grep: re }).build();
    expect(RECORDS.map((_, i) => view.text!(i))).toEqual(RECORDS.map((r) => print.matchesText(r.raw)));
  });

  it('reads a record as its lines: the newline after the last starts no empty line', () => {
    expect(textLines('a\r\n\r\nb\n')).toEqual(['a', '', 'b']);
    expect(textLines('one')).toEqual(['one']);
    // A record with an empty line of its own matches ^$ (the traceback's; kamaki's closing empty lines), one without does not.
    const print = RecordFilter.fromOptions({ minLevel: Level.none, include: [], exclude: [], grep: /^$/ });
    const matched = RECORDS.filter((r) => print.matchesText(r.raw)).map((r) => r.message);
    expect(matched).toContain('failed');
    expect(matched).not.toContain('started req-1f2e');
    expect(matched).not.toContain('slow');
  });
});
