#!/usr/bin/env node
// Per family fixture: lines, records, and the share of records with a time, a level and a
// logger among the records of the family's own shape (banner lines without a head are counted
// apart as "other"). Run after `npm run build`: node scripts/format-coverage.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBuffer } from '../dist/parse/record-stream.js';

const DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'formats');
const FAMILIES = [
  ['gunicorn', 'gunicorn.log', 'gunicorn + apache (access)'],
  ['flask/werkzeug', 'flask.log', 'flask'],
  ['django runserver', 'django_server.log', 'django'],
  ['django verbose', 'django_verbose.log', 'django'],
  ['uvicorn', 'uvicorn.log', 'uvicorn'],
  ['celery worker', 'celery_worker.log', 'celery'],
  ['celery beat', 'celery_beat.log', 'celery'],
  ['python warnings', 'python_warnings.log', 'pywarnings'],
  ['python %(name)s:', 'python_colon.log', 'python'],
  ['python [%(name)s]', 'python_bracket.log', 'python'],
  ['log4js basic', 'log4js_basic.log'],
  ['log4js coloured', 'log4js_colored.log'],
  ['log4js pattern', 'log4js_pattern.log'],
  ['tslog pretty', 'tslog_pretty.log'],
  ['tslog JSON', 'tslog_json.log'],
  ['consola', 'consola.log'],
  ['roarr', 'roarr.log'],
  ['debug', 'debug.log'],
  ['bole', 'bole.log'],
  ['journald JSON', 'journald.json.log'],
  ['MongoDB JSON', 'mongodb.log'],
  ['PostgreSQL', 'postgres.log'],
  ['MySQL 8', 'mysql.log'],
  ['MariaDB', 'mariadb.log'],
  ['nginx error', 'nginx_error.log'],
  ['vhost access', 'vhost_access.log'],
  ['Laravel/Monolog', 'laravel.log'],
  ['docker compose', 'compose.log'],
  ['W3C / IIS', 'iis_w3c.log'],
  ['HAProxy (syslog)', 'haproxy.log'],
];

const pct = (n, d) => (d === 0 ? 'n/a' : ((100 * n) / d).toFixed(1));
console.log('| family | file | lines | records | other | time % | level % | logger % |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [family, file] of FAMILIES) {
  let data;
  try {
    data = readFileSync(join(DIR, file));
  } catch {
    continue;
  }
  const lines = data.toString('utf8').split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').length;
  const recs = parseBuffer(data);
  const own = recs.filter((r) => r.format !== 'plain');
  const has = (f) => own.filter(f).length;
  console.log(`| ${family} | ${file} | ${lines} | ${recs.length} | ${recs.length - own.length} | ${pct(has((r) => !Number.isNaN(r.time)), own.length)} | ${pct(has((r) => r.level !== 0), own.length)} | ${pct(has((r) => r.logger !== ''), own.length)} |`);
}
