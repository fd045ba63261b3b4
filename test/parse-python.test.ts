import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { parseText } from './helpers/records.js';

const local = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => new Date(y, mo - 1, d, h, mi, s, ms).getTime();

describe('common Python logging formats', () => {
  it('%(asctime)s %(levelname)s %(name)s %(message)s', () => {
    const [r] = parseText('2024-05-16 00:00:11,927 WARNING kamaki.clients.cyclades quota low: 3 left\n');
    expect(r).toMatchObject({ level: Level.warning, logger: 'kamaki.clients.cyclades', message: 'quota low: 3 left', time: local(2024, 5, 16, 0, 0, 11, 927) });
  });

  it('padded %(levelname)-8s', () => {
    const [r] = parseText('2024-05-16 00:00:11,927 INFO     app.web started\n');
    expect(r).toMatchObject({ level: Level.info, logger: 'app.web', message: 'started' });
  });

  it('%(asctime)s - %(name)s - %(levelname)s - %(message)s', () => {
    const [r] = parseText('2024-05-16 10:20:30,001 - nova.compute.manager - ERROR - Instance failed - retrying\n');
    expect(r).toMatchObject({ level: Level.error, logger: 'nova.compute.manager', message: 'Instance failed - retrying', time: local(2024, 5, 16, 10, 20, 30, 1) });
  });

  it("basicConfig's %(levelname)s:%(name)s:%(message)s", () => {
    const recs = parseText('CRITICAL:swift.proxy:disk full: /srv\nWARNING:root:careful\nDEBUG:__main__:x\n');
    expect(recs.map((r) => [r.level, r.logger, r.message])).toEqual([
      [Level.critical, 'swift.proxy', 'disk full: /srv'],
      [Level.warning, 'root', 'careful'],
      [Level.debug, '__main__', 'x'],
    ]);
  });

  it('ISO times with T, dot milliseconds and a zone', () => {
    const [a, b] = parseText('2024-05-16T00:00:11.927Z INFO a.b m\n2024-05-16T02:00:11.927+02:00 INFO a.b m\n');
    expect(a!.time).toBe(Date.UTC(2024, 4, 16, 0, 0, 11, 927));
    expect(b!.time).toBe(Date.UTC(2024, 4, 16, 0, 0, 11, 927));
  });

  it('FATAL and WARN map to critical and warning; AUDIT to info', () => {
    const recs = parseText('2024-01-01 00:00:00,000 FATAL a x\n2024-01-01 00:00:00,000 WARN a x\n2024-01-01 00:00:00,000 AUDIT a x\n');
    expect(recs.map((r) => r.level)).toEqual([Level.critical, Level.warning, Level.info]);
  });

  it('tracebacks, chained ones included, stay in the body; a lower-case exception path too', () => {
    const text = [
      '2024-01-01 00:00:00,000 ERROR app.worker job failed',
      'Traceback (most recent call last):',
      '  File "w.py", line 3, in run',
      '    do()',
      'ValueError: bad',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "w.py", line 5, in run',
      '    raise requests.exceptions.ConnectionError("x")',
      'requests.exceptions.ConnectionError: x',
      '2024-01-01 00:00:01,000 INFO app.worker next',
      '',
    ].join('\n');
    const recs = parseText(text);
    expect(recs).toHaveLength(2);
    expect(recs[0]!.body).toHaveLength(11);
    expect(recs[0]!.body.at(-1)).toBe('requests.exceptions.ConnectionError: x');
    expect(recs[1]!.message).toBe('next');
  });

  it('without a traceback, a `name: message` line is a logger call', () => {
    const recs = parseText('kamaki.cli: one\nrequests.packages.urllib3: two\n');
    expect(recs.map((r) => r.logger)).toEqual(['kamaki.cli', 'requests.packages.urllib3']);
  });

  it('lines before any record are plain records; indented lines join them', () => {
    const recs = parseText('hello world\n  more\nsecond line\n');
    expect(recs.map((r) => [r.format, r.message, r.body])).toEqual([
      ['plain', 'hello world', ['  more']],
      ['plain', 'second line', []],
    ]);
    expect(recs.every((r) => r.level === Level.none && r.logger === '')).toBe(true);
  });

  it('a bare name not followed by a one-space line is just text', () => {
    const recs = parseText('2024-01-01 00:00:00,000 INFO a start\nfoo\nbar\n');
    expect(recs).toHaveLength(1);
    expect(recs[0]!.body).toEqual(['foo', 'bar']);
  });

  it('a line with no terminator at the end still becomes a record', () => {
    const recs = parseText('2024-01-01 00:00:00,000 INFO a one\n2024-01-01 00:00:00,000 INFO a two');
    expect(recs.map((r) => r.message)).toEqual(['one', 'two']);
  });

  it('leaves `time pid LEVEL name [context]` to oslo.log, even among Python lines', () => {
    const recs = parseText(
      [
        '2024-05-16 00:00:11,927 INFO kamaki.cli start',
        '2024-05-16 00:00:12,000 INFO kamaki.cli more',
        '2024-05-16 00:00:24.805 25746 ERROR nova.compute.manager [req-38101a0b-2096-447d-96ea-a692162415ae 113d3a99 54fadb41 - - -] [instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] spawn failed',
        '2024-05-16 00:00:24.805 25746 ERROR nova.compute.manager [instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] Traceback (most recent call last):',
        '2024-05-16 00:00:24.805 25746 ERROR nova.compute.manager [instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] ValueError: x',
        '',
      ].join('\n'),
    );
    expect(recs).toHaveLength(3);
    expect(recs[2]).toMatchObject({ format: 'oslo', logger: 'nova.compute.manager', message: 'spawn failed', body: ['Traceback (most recent call last):', 'ValueError: x'] });
    expect(recs[2]!.fields).toMatchObject({ request_id: 'req-38101a0b-2096-447d-96ea-a692162415ae', instance: 'b9000564-fe1a-409b-b8cc-1e88b294cd1d' });
  });

  it('a traceback after a plain line stays whole, its exception line included', () => {
    const recs = parseText('starting server\nTraceback (most recent call last):\n  File "x", line 1\nValueError: boom\nnext line\n');
    expect(recs.map((r) => [r.message, r.body])).toEqual([
      ['starting server', ['Traceback (most recent call last):', '  File "x", line 1', 'ValueError: boom']],
      ['next line', []],
    ]);
  });

  it('words that are Object.prototype members are not levels, and a __proto__ header is kept', () => {
    const recs = parseText('2024-05-16 00:00:06,036 constructor app.main msg\nvalueOf called\n{"level":"toString","msg":"x"}\n');
    expect(recs.every((r) => r.level === Level.none)).toBe(true);
    const [req] = parseText('> GET http://x\n>   __proto__: evil\n> data size: 0\n');
    expect(Object.keys(req!.http!.headers)).toEqual(['__proto__']);
    expect(req!.http!.headers['__proto__']).toBe('evil');
  });

  it('a line another format reads fully is not left to a catch-all reading of the format before it', () => {
    const recs = parseText(
      [
        '2024-05-16 00:00:11,927 INFO kamaki.cli start',
        '2015-10-18 18:01:47,978 WARN [RMCommunicator Allocator] org.apache.hadoop.ipc.Server: slow start',
        '2024-05-16 00:00:12,927 INFO kamaki.cli again',
        '',
      ].join('\n'),
    );
    expect(recs.map((r) => [r.format, r.logger, r.message])).toEqual([
      ['python', 'kamaki.cli', 'start'],
      ['log4j', 'org.apache.hadoop.ipc.Server', 'slow start'],
      ['python', 'kamaki.cli', 'again'],
    ]);
  });
});


describe('levels as written', () => {
  it('keeps DEBUGV, WARN, AUDIT beside the normalised level, and nothing when the word is the level name', async () => {
    const { parseText } = await import('./formats-helpers.js');
    const recs = parseText([
      '2024-05-16 12:00:00,101 WARN app.x: hi',
      '2024-05-16 12:00:00,102 WARNING app.x: hi',
      'DEBUGV:a.b:c',
      'kamaki.clients.send(DEBUGV) 2024-05-16 00:00:06,310',
      '  GET /x',
      '2024-05-16 00:00:23.709 25746 AUDIT nova.compute [-] x',
      '2024-05-16 00:00:23.710 25746 INFO nova.compute [-] y',
    ].join('\n') + '\n');
    expect(recs.map((r) => r.levelName)).toEqual(['WARN', undefined, 'DEBUGV', 'DEBUGV', 'AUDIT', undefined]);
  });
});
