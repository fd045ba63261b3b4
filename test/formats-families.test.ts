import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../src/model/record.js';
import { FORMATS_DIR, parseFixture } from './formats-helpers.js';

/**
 * Fixtures written by the real servers (generate-python-web.py) and by Python logging
 * (generate-python.py): every record of the family's shape has what its text shows.
 */
interface Family {
  file: string;
  formats: string[];
  /** What the family's lines show. */
  shows: { time: boolean; level: boolean; logger: boolean };
  /** Lines with no head of the family (start-up banners). */
  other: number;
}

const FAMILIES: Family[] = [
  { file: 'flask.log', formats: ['flask'], shows: { time: true, level: true, logger: true }, other: 3 },
  { file: 'django_server.log', formats: ['django'], shows: { time: true, level: true, logger: true }, other: 7 },
  { file: 'django_verbose.log', formats: ['django'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'uvicorn.log', formats: ['uvicorn'], shows: { time: false, level: true, logger: true }, other: 0 },
  { file: 'celery_worker.log', formats: ['celery'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'celery_beat.log', formats: ['celery'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'python_warnings.log', formats: ['pywarnings'], shows: { time: false, level: true, logger: true }, other: 0 },
  { file: 'python_colon.log', formats: ['python'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'python_bracket.log', formats: ['python'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'log4js_basic.log', formats: ['log4js'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'log4js_colored.log', formats: ['log4js'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'log4js_pattern.log', formats: ['log4js'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'tslog_pretty.log', formats: ['tslog'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'tslog_json.log', formats: ['json'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'consola.log', formats: ['consola'], shows: { time: false, level: true, logger: false }, other: 0 },
  { file: 'roarr.log', formats: ['json'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'debug.log', formats: ['debug'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'bole.log', formats: ['json'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'journald.json.log', formats: ['json'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'mongodb.log', formats: ['json'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'postgres.log', formats: ['postgres'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'mysql.log', formats: ['mysql'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'mariadb.log', formats: ['mysql'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'nginx_error.log', formats: ['nginx'], shows: { time: true, level: true, logger: true }, other: 0 },
  { file: 'vhost_access.log', formats: ['vhost-access'], shows: { time: true, level: true, logger: false }, other: 0 },
  { file: 'laravel.log', formats: ['monolog'], shows: { time: true, level: true, logger: true }, other: 0 },
];

describe('HAProxy through syslog', () => {
  it('reads httplog lines into fields, the level from the status', () => {
    const recs = parseFixture('haproxy.log');
    expect(recs.map((r) => [r.format, r.logger, r.level])).toEqual([['syslog', 'haproxy', 0], ['syslog', 'haproxy', 3], ['syslog', 'haproxy', 6], ['syslog', 'haproxy', 0]]);
    expect(recs[2]!.fields).toMatchObject({ frontend: 'http-in', backend: 'app', server: 'srv2', status: 503, bytes: 212, method: 'GET', path: '/api' });
  });
});

describe('W3C extended logs', () => {
  it('reads data lines by the #Fields directive, in UTC, the level from sc-status', () => {
    const recs = parseFixture('iis_w3c.log');
    expect(recs.map((r) => r.format)).toEqual(Array(7).fill('w3c'));
    const data = recs.slice(4);
    expect(data.map((r) => [new Date(r.time).toISOString(), r.level, r.message])).toEqual([
      ['2024-05-16T12:00:00.000Z', 3, 'GET /index.html 200'],
      ['2024-05-16T12:00:01.000Z', 6, 'POST /api/orders?id=3 500'],
      ['2024-05-16T12:00:02.000Z', 5, 'GET /missing.png 404'],
    ]);
    expect(data[1]!.fields?.['cs-username']).toBe('bob');
  });
});

function share(recs: LogRecord[], f: (r: LogRecord) => boolean): number {
  return recs.filter(f).length / recs.length;
}

describe('named families, from fixtures their libraries wrote', () => {
  for (const fam of FAMILIES) {
    it(fam.file, () => {
      const recs = parseFixture(fam.file);
      const own = recs.filter((r) => r.format !== 'plain');
      expect(recs.length - own.length).toBe(fam.other);
      expect(new Set(own.map((r) => r.format))).toEqual(new Set(fam.formats));
      expect(share(own, (r) => !Number.isNaN(r.time))).toBe(fam.shows.time ? 1 : 0);
      expect(share(own, (r) => r.level !== 0)).toBe(fam.shows.level ? 1 : 0);
      // consola shows a tag (its logger) only on tagged lines.
      if (fam.file === 'consola.log') expect(own.filter((r) => r.logger !== '').map((r) => r.logger)).toEqual(['db']);
      else if (fam.file === 'mongodb.log') expect(share(own, (r) => r.logger !== '')).toBe(5 / 6); // `"c":"-"` names no component
      else expect(share(own, (r) => r.logger !== '')).toBe(fam.shows.logger ? 1 : 0);
      // Every record starts at a line of its own shape: nothing of the family is folded into a body.
      const text = readFileSync(join(FORMATS_DIR, fam.file), 'utf8').split('\n');
      for (const r of own) if (r.format !== 'json') for (const b of r.body) expect(text.some((l) => l.endsWith(b)), b).toBe(true);
    });
  }

  it('gunicorn: error lines after an access line are records of their own, not its body', () => {
    const recs = parseFixture('gunicorn.log');
    const text = readFileSync(join(FORMATS_DIR, 'gunicorn.log'), 'utf8');
    const errorLines = text.split('\n').filter((l) => /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] \[\d+\] \[[A-Z]+\] /.test(l));
    const accessLines = text.split('\n').filter((l) => /^127\.0\.0\.1 - - \[/.test(l));
    const errors = recs.filter((r) => r.format === 'gunicorn');
    expect(errors.length).toBe(errorLines.length);
    expect(errors.every((r) => r.logger === 'gunicorn.error' && r.level !== 0 && !Number.isNaN(r.time))).toBe(true);
    const access = recs.filter((r) => r.format === 'apache');
    expect(access.length).toBe(accessLines.length);
    expect(access.every((r) => r.body.length === 0)).toBe(true);
    // The failing request's traceback is the body of gunicorn's error record.
    const boom = errors.find((r) => r.message.startsWith('Error handling request /boom'))!;
    expect(boom.level).toBe(6);
    expect(boom.body[0]).toBe('Traceback (most recent call last):');
    expect(boom.body.at(-1)).toBe('ZeroDivisionError: division by zero');
    expect(recs.filter((r) => r.format === 'plain')).toEqual([]);
  });

  it('Node and JSON loggers: levels as written, nested keys, namespaces', () => {
    expect(parseFixture('tslog_json.log').map((r) => r.levelName ?? '')).toEqual(['SILLY', '', '', '', 'WARN', '', 'FATAL', '']);
    expect(parseFixture('tslog_json.log').at(-1)!.logger).toBe('db');
    expect(parseFixture('log4js_basic.log').find((r) => r.levelName === 'MARK')?.level).toBe(4);
    expect(parseFixture('log4js_basic.log').find((r) => r.level === 6)?.body[0]).toMatch(/^ {4}at /);
    expect(parseFixture('debug.log').map((r) => r.logger)).toEqual(['app.http', 'app.db.pool', 'app.http']);
    expect(parseFixture('roarr.log').map((r) => r.level)).toEqual([1, 2, 3, 5, 6, 7]);
    const j = parseFixture('journald.json.log');
    expect(j.map((r) => [r.level, r.logger])).toEqual([[3, 'systemd'], [6, 'sshd'], [5, 'nova.compute.manager'], [2, 'oslo_concurrency.lockutils'], [4, 'init.scope']]);
    expect(j[2]!.fields?.REQUEST_ID).toBe('req-1a2b');
    expect(j[2]!.time).toBe(1715860802500);
    const m = parseFixture('mongodb.log');
    expect(m.map((r) => [r.level, r.levelName])).toEqual([[3, 'I'], [3, 'I'], [5, 'W'], [6, 'E'], [2, 'D1'], [7, 'F']]);
  });

  it('servers: PostgreSQL DETAIL/STATEMENT lines are the body, levels as written, compose services', () => {
    const pg = parseFixture('postgres.log');
    expect(pg.length).toBe(8);
    const dup = pg.find((r) => r.level === 6)!;
    expect(dup.body).toEqual(['DETAIL:  Key (id)=(42) already exists.', 'STATEMENT:  INSERT INTO orders (id, total) VALUES (42, 10.5);']);
    expect(dup.fields).toEqual({ process: 4301, user: 'app', database: 'shop' });
    expect(pg[0]!.levelName).toBe('LOG');
    expect(parseFixture('mysql.log').map((r) => r.logger)).toEqual(['Server', 'InnoDB', 'InnoDB', 'Server', 'Server', 'Server', 'Server']);
    expect(parseFixture('vhost_access.log').map((r) => [r.level, r.fields?.vhost])).toEqual([[3, 'shop.example.com:443'], [6, 'shop.example.com:443'], [5, 'blog.example.com:80']]);
    expect(parseFixture('laravel.log')[1]!.body.at(-1)).toBe('"}');
    const compose = parseFixture('compose.log');
    expect(compose.map((r) => [r.fields?.service, r.logger])).toEqual([['db-1', 'postgres'], ['web-1', 'gunicorn.error'], ['web-1', 'gunicorn.error'], ['cache-1', ''], ['web-1', '']]);
    expect(compose[2]!.body.at(-1)).toBe('web-1  | ZeroDivisionError: division by zero');
    expect(compose[4]!.fields?.status).toBe(200);
  });

  it('loglevel writes the bare message (console methods, no prefix): plain records, one per line', () => {
    const recs = parseFixture('loglevel.log');
    expect(recs.map((r) => [r.format, r.message])).toEqual([['plain', 'info'], ['plain', 'warn'], ['plain', 'error'], ['plain', 'debug']]);
  });

  it('reads what the families imply and keep', () => {
    const flask = parseFixture('flask.log');
    expect(flask.find((r) => r.logger === 'app')?.body.at(-1)).toBe('ZeroDivisionError: division by zero');
    expect(flask.filter((r) => r.logger === 'werkzeug').map((r) => r.fields?.status)).toEqual([200, 500, 404, 200]);
    const dj = parseFixture('django_server.log').filter((r) => r.format === 'django');
    expect(dj.map((r) => r.level)).toEqual([3, 6, 5, 3]);
    const celery = parseFixture('celery_worker.log');
    const task = celery.find((r) => r.logger === 'tasks.add')!;
    expect([task.level, task.message, typeof task.fields?.task_id]).toEqual([5, 'adding 2 and 3', 'string']);
    const uv = parseFixture('uvicorn.log');
    expect(uv.filter((r) => r.logger === 'uvicorn.access').map((r) => r.fields?.status)).toEqual([200, 500, 200, 200]);
    const w = parseFixture('python_warnings.log');
    expect(w.map((r) => r.fields?.category)).toEqual(['DeprecationWarning', 'ResourceWarning', 'UserWarning']);
    expect(w[0]!.body).toEqual(['  old()']);
  });
});
