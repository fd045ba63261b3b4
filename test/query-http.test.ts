import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../src/model/record.js';
import { httpFacts, parseStatusSpec, urlPath } from '../src/query/http-facts.js';
import { HttpPairer, latencyMs, PairingQueue } from '../src/query/http-pairs.js';
import { RecordFilter } from '../src/query/record-filter.js';
import { requestIds, shortRequestId } from '../src/query/request-ids.js';
import { Level } from '../src/model/level.js';
import { fixture, parseText } from './helpers/records.js';
import { parseBuffer } from '../src/parse/record-stream.js';

const kamaki = parseBuffer(fixture('http/kamaki_http.log'));
const nova = parseBuffer(fixture('http/nova_api.log'));
const byLine = (recs: LogRecord[], line: number) => recs.find((r) => r.line === line)!;

describe('HTTP facts of one record', () => {
  it('kamaki request and response halves; the response header request id', () => {
    expect(httpFacts(byLine(kamaki, 11))).toEqual({ kind: 'request', method: 'DELETE', url: 'https://cyclades.example.org/compute/v2.1/servers/42', path: '/compute/v2.1/servers/42', size: 0 });
    expect(httpFacts(byLine(kamaki, 19))).toEqual({ kind: 'response', status: 500, size: 120, requestId: 'req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77' });
    expect(httpFacts(byLine(kamaki, 31))?.requestId).toBe('req-1111aaaa-0000-0000-0000-000000000001');
  });

  it("oslo wsgi lines and access logs say the whole exchange in one line", () => {
    expect(httpFacts(nova[0]!)).toEqual({ kind: 'exchange', method: 'DELETE', url: '/compute/v2.1/servers/42', path: '/compute/v2.1/servers/42', status: 500, size: 120, latencyMs: 120 });
    expect(httpFacts(nova[1]!)).toBeUndefined();
    const access = parseBuffer(fixture('formats/apache_access.log'));
    expect(httpFacts(access[1]!)).toMatchObject({ kind: 'exchange', method: 'GET', path: '/missing', status: 404 });
  });

  it('status specs: classes, codes, ranges, lists', () => {
    const t = parseStatusSpec('4xx,503|200-204')!;
    expect([404, 499, 503, 500, 200, 204, 205, 302].map(t)).toEqual([true, true, true, false, true, true, false, false]);
    expect(parseStatusSpec('5xx')!(502)).toBe(true);
    for (const bad of ['', '6xx', '50', 'abc', '5xx,']) expect(parseStatusSpec(bad), bad).toBeUndefined();
    expect(urlPath('https://h/a/b?c=1')).toBe('/a/b?c=1');
    expect(urlPath('https://h')).toBe('/');
  });
});

describe('pairing requests with responses', () => {
  it('by the managers kamaki logs: overlapping requests answered in the other order', () => {
    const p = new HttpPairer<number>();
    const got: Array<[number, number]> = [];
    for (const r of kamaki) {
      const req = p.add(r.line, r);
      if (req !== undefined) got.push([req, r.line]);
    }
    // Order alone would pair 3 with 19: the ids say 11.
    expect(got).toEqual([
      [11, 19],
      [3, 31],
      [41, 49],
    ]);
    expect(latencyMs(byLine(kamaki, 11), byLine(kamaki, 19))).toBe(200);
  });

  it('by order within a source when no ids are logged; never across sources', () => {
    const recs = parseBuffer(fixture('kamaki_file_debug.log'));
    const p = new HttpPairer<LogRecord>();
    const pairs = recs.map((r) => [p.add(r, r)?.line, r.line]).filter(([a]) => a !== undefined);
    expect(pairs.slice(0, 2)).toEqual([
      [6, 20],
      [44, 56],
    ]);
    const other = new HttpPairer<string>();
    other.add('a', { ...byLine(kamaki, 41), sourceId: 0 });
    expect(other.add('b', { ...byLine(kamaki, 49), sourceId: 1 })).toBeUndefined();
  });

  it('the print queue holds records after an unanswered request, in order, up to a bound', () => {
    const q = new PairingQueue();
    const first = q.push(kamaki.slice(0, 3)); // cli, request A, request B
    expect(first.map((p) => p.record.line)).toEqual([1]);
    const rest = [...q.push(kamaki.slice(3)), ...q.flush()];
    expect(rest.map((p) => [p.record.line, p.pair?.line])).toEqual([
      [3, 31],
      [11, 19],
      [19, 11],
      [31, 3],
      [41, 49],
      [49, 41],
      [55, undefined],
    ]);
    // Held past the bound, request A goes out alone; B is still held.
    const bounded = new PairingQueue(1);
    expect(bounded.push(kamaki.slice(0, 3)).map((p) => [p.record.line, p.pair?.line])).toEqual([
      [1, undefined],
      [3, undefined],
    ]);
  });
});

describe('request ids', () => {
  it('from oslo context, JSON fields and kamaki response headers; short form', () => {
    expect(requestIds(nova[0]!)).toEqual(['req-00aa', 'req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77']);
    expect(requestIds(byLine(kamaki, 19))).toEqual(['req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77']);
    const [j] = parseText('{"level":"info","msg":"x","trace_id":"T1","span_id":"S1","req_id":7}\n');
    expect(requestIds(j!)).toEqual(['7', 'T1', 'S1']);
    const [pino, nested] = parseText('{"level":30,"msg":"x","reqId":"req-1"}\n{"level":"info","msg":"y","context":{"request_id":"req-2","global_request_id":"req-3"}}\n');
    expect(requestIds(pino!)).toEqual(['req-1']);
    expect(requestIds(nested!)).toEqual(['req-2', 'req-3']);
    expect(shortRequestId('req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77')).toBe('req-9d1c2b7e…');
    expect(shortRequestId('abc')).toBe('abc');
  });

  it('--request and --http-*: a kamaki request matches through its response', () => {
    const ids = new Set(['req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77']);
    const f = RecordFilter.fromOptions({ minLevel: Level.none, include: [], exclude: [], requests: ids });
    expect(f.matches(byLine(kamaki, 11))).toBe(false);
    expect(f.matches(byLine(kamaki, 11), byLine(kamaki, 19))).toBe(true);
    expect(f.matches(nova[1]!)).toBe(true);
    const s = RecordFilter.fromOptions({ minLevel: Level.none, include: [], exclude: [], httpStatus: parseStatusSpec('5xx')!, httpMethods: new Set(['DELETE']) });
    expect(s.matches(byLine(kamaki, 11), byLine(kamaki, 19))).toBe(true);
    expect(s.matches(byLine(kamaki, 11))).toBe(false);
    expect(s.matches(nova[0]!)).toBe(true);
    expect(s.matches(byLine(kamaki, 3), byLine(kamaki, 31))).toBe(false);
  });
});
