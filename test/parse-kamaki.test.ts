import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { HttpRequest, HttpResponse, LogRecord } from '../src/model/record.js';
import { LineSplitter } from '../src/lines/line-splitter.js';
import { RecordAssembler } from '../src/parse/assembler.js';
import { httpPayload } from '../src/parse/kamaki-http.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { comparable, fixture } from './helpers/records.js';

const SAMPLES = ['kamaki_seed_example.log', 'kamaki_stderr.log', 'kamaki_file.log', 'kamaki_file_debug.log', 'kamaki_file_0.12.log'];

function http<T extends 'request' | 'response'>(r: LogRecord | undefined, dir: T): T extends 'request' ? HttpRequest : HttpResponse {
  expect(r?.http?.direction).toBe(dir);
  return r!.http as never;
}

describe('kamaki seed example (the documented HTTP log)', () => {
  const recs = parseBuffer(fixture('kamaki_seed_example.log'));

  it('is exactly two records', () => {
    expect(recs).toHaveLength(2);
  });

  it('has the request as one debug record with 2 headers and size 74', () => {
    const r = recs[0]!;
    expect(r.logger).toBe('kamaki.clients.send');
    expect(r.level).toBe(Level.debug);
    expect(r.message).toBe('POST https://accounts.okeanos.grnet.gr/identity/v2.0/tokens');
    const h = http(r, 'request');
    expect(h.method).toBe('POST');
    expect(h.url).toBe('https://accounts.okeanos.grnet.gr/identity/v2.0/tokens');
    expect(h.headers).toEqual({ 'Content-Length': '74', 'Content-Type': 'application/json' });
    expect(h.size).toBe(74);
  });

  it('has the response as one record with 11 headers and size 2425', () => {
    const r = recs[1]!;
    expect(r.logger).toBe('kamaki.clients.recv');
    expect(r.level).toBe(Level.debug);
    const h = http(r, 'response');
    expect(h.status).toBe(200);
    expect(h.reason).toBe('OK');
    expect(Object.keys(h.headers)).toHaveLength(11);
    expect(h.headers['etag']).toBe('"43af...36"');
    expect(h.headers['expires']).toBe('Wed, 31 Jul 2013 14:27:47 GMT');
    expect(h.size).toBe(2425);
    expect(r.line).toBe(6);
  });
});

/** The same session logged in four shapes must give the same records. */
describe.each(SAMPLES.slice(1))('%s', (name) => {
  const recs = parseBuffer(fixture(name));
  const https = recs.filter((r) => r.http);

  it('groups every HTTP exchange into one record per request and response', () => {
    expect(https.map((r) => r.http!.direction)).toEqual(['request', 'response', 'request', 'response', 'request', 'response']);
    expect(https.map((r) => r.logger)).toEqual(https.map((r) => (r.http!.direction === 'request' ? 'kamaki.clients.send' : 'kamaki.clients.recv')));
    const [post, ok, get, ok2, pithos, notFound] = https;
    expect(http(post, 'request')).toMatchObject({ method: 'POST', size: 67, headers: { 'Content-Length': '67', 'Content-Type': 'application/json' } });
    expect(http(ok, 'response')).toMatchObject({ status: 200, reason: 'OK', size: 158 });
    expect(Object.keys(ok!.http!.headers)).toHaveLength(9);
    expect(http(get, 'request')).toMatchObject({ method: 'GET', url: 'https://cyclades.okeanos.grnet.gr/compute/v2.0/servers/detail', headers: { 'X-Auth-Token': '...' }, size: 0 });
    expect(http(ok2, 'response')).toMatchObject({ status: 200, size: 40 });
    expect(ok2!.body).toContain('{"servers": [{"id": 42, "name": "vm1"}]}');
    // kamaki's debug suffix `\t[<... object at 0x..>]` is not part of URL, header or reason.
    expect(http(pithos, 'request')).toMatchObject({
      url: 'https://pithos.okeanos.grnet.gr/object-store/v1/user@example.org/pithos?format=json',
      headers: { 'X-Auth-Token': 's0m3-3x4mp1e-70k3n' },
      size: 0,
    });
    expect(http(notFound, 'response')).toMatchObject({ status: 404, reason: 'Not Found', headers: { 'content-length': '0' }, size: 0 });
  });

  it('keeps the traceback, exception line included, in the body of the failing record', () => {
    const failed = recs.find((r) => r.message === 'Command failed: file list');
    expect(failed?.logger).toBe('kamaki.cli');
    expect(failed?.body[0]).toBe('Traceback (most recent call last):');
    expect(failed?.body.at(-1)).toBe("KeyError: 'pithos'");
    expect(failed?.body).toHaveLength(6);
  });

  it('gives the records that follow the traceback their own loggers', () => {
    const names = recs.filter((r) => !r.http).map((r) => r.logger);
    expect(names.slice(-2)).toEqual(['kamaki.cli.cmds.errors', 'kamaki.cli']);
    expect(recs.at(-1)!.message).toBe('Failed to load authenticator [Authentication failed: 401 UNAUTHORIZED]');
    expect(recs.every((r) => r.logger !== '' && r.logger !== 'KeyError')).toBe(true);
  });

  it('accounts for every input line exactly once in raw', () => {
    const data = fixture(name);
    expect(Buffer.concat(recs.flatMap((r) => r.raw)).equals(data)).toBe(true);
  });
});

describe('levels and times by shape', () => {
  it('file log `name: message` shows no level, HTTP implies debug', () => {
    const recs = parseBuffer(fixture('kamaki_file.log'));
    expect(recs[0]).toMatchObject({ logger: 'kamaki', level: Level.none, message: 'kamaki server list -v', body: ['- - -'] });
    expect(Number.isNaN(recs[0]!.time)).toBe(true);
    expect(recs.filter((r) => r.http).every((r) => r.level === Level.debug)).toBe(true);
  });

  it('debug file log: level from `name(LEVEL)`, DEBUGV is debug, time is local asctime', () => {
    const recs = parseBuffer(fixture('kamaki_file_debug.log'));
    expect(recs[0]).toMatchObject({ logger: 'kamaki', level: Level.info, message: 'kamaki server list -v' });
    expect(recs[0]!.time).toBe(new Date(2024, 4, 16, 0, 0, 6, 36).getTime());
    expect(recs.find((r) => r.http)!.level).toBe(Level.debug);
    expect(recs.find((r) => r.message === 'Command failed: file list')!.level).toBe(Level.error);
    expect(recs.find((r) => r.logger === 'kamaki.cli.cmds.errors')!.level).toBe(Level.warning);
  });

  it('0.12 log: tab-indented messages and `data size:N`', () => {
    const recs = parseBuffer(fixture('kamaki_file_0.12.log'));
    expect(recs[0]).toMatchObject({ logger: 'kamaki', level: Level.info, message: '* Initial Call *', body: ['kamaki server list -v', '- - -'] });
    // 0.12 logged HTTP at INFO; the record keeps the level the log shows.
    expect(recs.find((r) => r.http)!.level).toBe(Level.info);
    expect(recs.find((r) => r.http)!.time).toBe(new Date(2024, 4, 16, 0, 0, 12, 201).getTime());
  });
});

describe('httpPayload', () => {
  it('is what follows data size, whatever the headers look like', () => {
    const [r] = parseBuffer(Buffer.from('< 200 OK\n<   set-cookie: a=1\n<   set-cookie: b=2\n<   x-tight:v\n< data size: 9\n< {"ok": 1}\n'));
    expect(httpPayload(r!.body)).toEqual(['{"ok": 1}']);
    expect(httpPayload(['  content-type: text/plain', 'no size logged'])).toEqual(['no size logged']);
  });
});

describe('plain messages on the HTTP loggers', () => {
  it('each stays a record of its own, with its traceback', () => {
    const recs = parseBuffer(
      Buffer.from(
        [
          '2024-01-01 00:00:00,000 WARNING kamaki.clients.recv slow',
          'Traceback (most recent call last):',
          '  File "x.py", line 1, in <module>',
          'TimeoutError: deadline',
          '2024-01-01 00:00:01,000 WARNING kamaki.clients.recv slower',
          '',
        ].join('\n'),
      ),
    );
    expect(recs.map((r) => [r.message, r.body.length, r.http])).toEqual([
      ['slow', 3, undefined],
      ['slower', 0, undefined],
    ]);
  });
});

describe('chunking', () => {
  it('any split of the input into chunks yields the same records', () => {
    for (const name of SAMPLES) {
      const data = fixture(name);
      const whole = parseBuffer(data).map(comparable);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: data.length }), { maxLength: 12 }), (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), data.length];
          const out: LogRecord[] = [];
          const asm = new RecordAssembler(0, (r) => out.push(r));
          const splitter = new LineSplitter();
          for (let i = 1; i < points.length; i++) splitter.push(data.subarray(points[i - 1]!, points[i]!), (l) => asm.push(l));
          splitter.flush((l) => asm.push(l));
          asm.flush();
          expect(out.map(comparable)).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe('kamaki: what pairs a response with its request is kept', () => {
  for (const name of ['kamaki_file.log', 'kamaki_file_debug.log']) {
    it(`${name}: the CMT preamble's endpoint, the managers' ids, the response's request id`, () => {
      const recs = parseBuffer(fixture(name));
      const exchanges = recs.filter((r) => r.http).map((r) => r.http!);
      expect(exchanges.filter((h) => h.direction === 'request').map((h) => h.endpoint)).toEqual([
        'https://accounts.okeanos.grnet.gr',
        'https://cyclades.okeanos.grnet.gr/compute/v2.0',
        'https://pithos.okeanos.grnet.gr/object-store/v1',
      ]);
      const req = exchanges.find((h) => h.direction === 'request' && h.id !== undefined)!;
      const resp = exchanges.find((h) => h.direction === 'response' && h.request_id !== undefined)!;
      expect([req.id, resp.id, resp.request_id]).toEqual(['0x7f3a2c1d5e50', '0x7f3a2c1d5f10', '0x7f3a2c1d5e50']);
    });
  }
});
