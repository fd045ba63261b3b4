import { describe, expect, it } from 'vitest';
import { levelName } from '../src/model/level.js';
import { brief, local, parseFixture, parseText } from './formats-helpers.js';

const levels = (name: string): string[] => parseFixture(name).map((r) => levelName(r.level) ?? 'none');

describe('JSON loggers (files written by the real npm / Python loggers)', () => {
  it('pino: numeric levels, name as logger, child bindings and nested objects kept in fields, err.stack into body', () => {
    const recs = parseFixture('pino.log');
    expect(recs.every((r) => r.format === 'json' && r.logger === 'api')).toBe(true);
    expect(levels('pino.log')).toEqual(['trace', 'debug', 'info', 'warning', 'error', 'critical']);
    expect(recs[2]!.message).toBe('two');
    expect(recs[2]!.body).toEqual(['lines']); // escaped newline in msg
    expect(recs[3]!.fields).toMatchObject({ module: 'db', table: 'users', nested: { a: { b: 1 } } });
    const err = recs[4]!;
    expect(err.message).toBe('query failed');
    expect(err.body[0]).toBe('Error: connect ECONNREFUSED 127.0.0.1:5432');
    expect(err.body[1]).toMatch(/^ {4}at /);
    expect(err.fields!.err).toEqual({ type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' });
    expect(Object.keys(err.fields!)).not.toContain('time');
    expect(Object.keys(err.fields!)).not.toContain('msg');
  });

  it('bunyan: ISO time, child component kept as a field', () => {
    const recs = parseFixture('bunyan.log');
    expect(levels('bunyan.log')).toEqual(['trace', 'debug', 'info', 'warning', 'error', 'critical']);
    expect(recs[3]!.fields).toMatchObject({ component: 'db', table: 'users', v: 0 });
    expect(recs[4]!.body[0]).toBe('Error: connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('winston: named npm levels, stack into body', () => {
    expect(levels('winston.log')).toEqual(['trace', 'debug', 'trace', 'debug', 'info', 'warning', 'error']);
    const err = parseFixture('winston.log')[6]!;
    expect(err.body[0]).toBe('Error: connect ECONNREFUSED 127.0.0.1:5432');
    expect(err.fields).toEqual({ code: 'ECONNREFUSED', service: 'api' });
  });

  it('python-json-logger keys from Python logging: asctime local, levelname, name, exc_info into body', () => {
    const recs = parseFixture('python_json.log');
    expect(recs.map(brief)[2]).toEqual({ format: 'json', level: 'warning', logger: 'app.db', message: 'slow query' });
    expect(recs[2]!.fields).toEqual({ request_id: 'req-1', user: 'bob' });
    expect(recs[3]!.body[0]).toBe('Traceback (most recent call last):');
    expect(recs[3]!.body.at(-1)).toBe("KeyError: 'missing'");
    expect(recs[0]!.time).toBe(local(2024, 5, 16, 12, 0, 4, 750));
  });

  it('oslo.log JSONFormatter: created as time, context into fields, traceback into body', () => {
    const recs = parseFixture('../oslo_json.log');
    const r = recs[2]!;
    expect(brief(r)).toMatchObject({ format: 'json', level: 'info', logger: 'nova.osapi_compute.wsgi.server' });
    expect(r.time).toBe(1715817625490);
    expect(r.fields).toMatchObject({
      request_id: 'req-38101a0b-2096-447d-96ea-a692162415ae',
      global_request_id: 'req-e2c35e53-06d3-4feb-84b9-705c94d40e5b',
      user: '113d3a99c3da401fbd62cc2caa5b96d2',
      project: '54fadb412c4e40cdbaed9335e4c35a9e',
    });
    expect(r.fields).not.toHaveProperty('context');
    expect(r.fields).not.toHaveProperty('levelno');
    const tb = recs.find((x) => x.body.length > 0)!;
    expect(tb.body[0]).toBe('Traceback (most recent call last):');
    expect(tb.fields).not.toHaveProperty('traceback');
  });
});

describe('JSON loggers (documented shapes)', () => {
  it('Go slog: levels with offsets', () => {
    const recs = parseFixture('slog.log');
    expect(recs.map((r) => levelName(r.level))).toEqual(['info', 'warning', 'trace', 'error']);
    expect(Math.floor(recs[0]!.time)).toBe(Date.UTC(2024, 4, 16, 10, 0, 0, 123));
    expect(recs[1]!.fields).toEqual({ user: { id: 7, name: 'bob' } });
  });

  it('zap: epoch seconds, logger, stacktrace into body', () => {
    const recs = parseFixture('zap.log');
    expect(recs.map(brief)).toEqual([
      { format: 'json', level: 'info', logger: 'api.http', message: 'listening' },
      { format: 'json', level: 'error', logger: 'api.db', message: 'query failed' },
      { format: 'json', level: 'critical', logger: '', message: 'dev panic' },
    ]);
    expect(recs[0]!.time).toBe(1715860800123);
    expect(recs[1]!.body).toEqual(['main.query', '\t/app/db/pool.go:17', 'main.main', '\t/app/main.go:9']);
    expect(recs[1]!.fields).toEqual({ caller: 'db/pool.go:17', error: 'timeout' });
  });

  it('logrus JSON', () => {
    expect(levels('logrus.json'.replace('.json', '.log'))).toEqual(['info', 'warning', 'critical']);
  });

  it('structlog: event as message, exception into body', () => {
    const recs = parseFixture('structlog.log');
    expect(brief(recs[1]!)).toEqual({ format: 'json', level: 'error', logger: 'app.billing', message: 'payment failed' });
    expect(recs[1]!.body.at(-1)).toBe('ValueError: card declined');
  });

  it('Serilog CLEF: @mt rendered, missing @l is Information, @x into body', () => {
    const recs = parseFixture('serilog_clef.log');
    expect(recs.map(brief)).toEqual([
      { format: 'json', level: 'info', logger: 'App.Mail', message: 'Hello, alice! You have 3 messages' },
      { format: 'json', level: 'warning', logger: '', message: 'Disk {"Name":"C:"} is full' },
      { format: 'json', level: 'error', logger: 'App.Program', message: 'Unhandled exception' },
      { format: 'json', level: 'trace', logger: '', message: '{literal} braces and {Missing}' },
    ]);
    expect(recs[0]!.fields).toEqual({ User: 'alice', Count: 3 });
    expect(recs[2]!.body).toEqual(['System.InvalidOperationException: boom', '   at App.Program.Main(String[] args) in Program.cs:line 10']);
  });

  it('Elastic ECS: log.level / log.logger flat or nested, error.stack_trace into body', () => {
    const recs = parseFixture('ecs.log');
    expect(recs.map(brief)).toEqual([
      { format: 'json', level: 'info', logger: 'app.http', message: 'request handled' },
      { format: 'json', level: 'error', logger: 'app.db', message: 'db down' },
    ]);
    expect(recs[0]!.fields).toEqual({
      'ecs.version': '1.6.0',
      http: { request: { method: 'GET' }, response: { status_code: 200 } },
      'service.name': 'shop',
    });
    expect(recs[1]!.body).toEqual(['java.sql.SQLException: down', '\tat app.Db.open(Db.java:10)']);
    expect(recs[1]!.fields!.error).toEqual({ type: 'java.sql.SQLException', message: 'down' });
  });

  it('GELF: syslog level numbers, epoch seconds, full_message into body', () => {
    const recs = parseFixture('gelf.log');
    expect(recs.map((r) => levelName(r.level))).toEqual(['critical', 'info']);
    expect(recs[0]!.time).toBe(1715853600123);
    expect(recs[0]!.body).toEqual(['Backtrace here', '', 'more stuff']);
    expect(recs[0]!.fields).toEqual({ version: '1.1', host: 'example.org', _user_id: 9001, _some_info: 'foo' });
  });

  it('OpenTelemetry: severityNumber, nanosecond strings, body, scope.name', () => {
    const recs = parseFixture('otel.log');
    expect(recs.map(brief)).toEqual([
      { format: 'json', level: 'info', logger: 'app.auth', message: 'user signed in' },
      { format: 'json', level: 'error', logger: 'app.billing', message: 'payment failed' },
      { format: 'json', level: 'critical', logger: '', message: '' },
    ]);
    expect(recs[0]!.time).toBe(1715853600123);
    expect(recs[1]!.time).toBe(1715853601000); // timeUnixNano 0: the observed time
    expect(recs[2]!.fields).toEqual({ body: { structured: true } });
  });

  it('Rust tracing JSON: fields.message, target as dotted logger', () => {
    const recs = parseFixture('tracing_json.log');
    expect(recs.map(brief)).toEqual([
      { format: 'json', level: 'info', logger: 'yak_shave', message: 'preparing to shave yaks' },
      { format: 'json', level: 'warning', logger: 'yak_shave.shaver', message: 'could not locate yak' },
    ]);
    expect(recs[0]!.fields).toEqual({ number_of_yaks: 3 });
  });

  it('a non-JSON line among JSON lines is a plain record, not an error and not a continuation', () => {
    const recs = parseText('{"level":30,"msg":"a"}\n{not json\n  indented\n{"level":40,"msg":"b"}\n');
    expect(recs.map((r) => [r.format, r.message, r.body])).toEqual([
      ['json', 'a', []],
      ['plain', '{not json', ['  indented']],
      ['json', 'b', []],
    ]);
  });

  it('epoch times in s, ms, µs and ns; a JSON object with no log keys keeps everything in fields', () => {
    const recs = parseText(
      ['{"ts":1715860800.5,"msg":"s"}', '{"ts":1715860800500,"msg":"ms"}', '{"ts":1715860800500000,"msg":"us"}', '{"ts":"1715860800500000000","msg":"ns"}', '{"a":1,"b":{"c":2}}'].join('\n'),
    );
    expect(recs.slice(0, 4).map((r) => r.time)).toEqual([1715860800500, 1715860800500, 1715860800500, 1715860800500]);
    expect(recs[4]!.format).toBe('json');
    expect(recs[4]!.fields).toEqual({ a: 1, b: { c: 2 } });
  });
});
