import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGlob } from '../src/cli/path-glob.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'logview.js');
const tmp = mkdtempSync(join(tmpdir(), 'logview-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], xdg = join(tmp, 'none')): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, XDG_CONFIG_HOME: xdg, NO_COLOR: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(s: string): Record<string, unknown>[] {
  return s.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** An XDG_CONFIG_HOME whose logview/config.json holds `config`. */
function xdg(name: string, config: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'logview'), { recursive: true });
  writeFileSync(join(dir, 'logview', 'config.json'), config);
  return dir;
}

// Written by oslo.log's documented defaults: logging_context_format_string,
// logging_default_format_string, logging_exception_prefix, logging_debug_format_suffix.
const OSLO_CONTEXT = '%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s [%(global_request_id)s %(request_id)s %(user_identity)s] %(instance)s%(message)s';
const OSLO_DEFAULT = '%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s [-] %(instance)s%(message)s';
const OSLO_PREFIX = '%(asctime)s.%(msecs)03d %(process)d ERROR %(name)s %(instance)s';
const OSLO_SUFFIX = '%(funcName)s %(pathname)s:%(lineno)d';
const NOVA = [
  '2024-05-16 12:00:00.101 4242 INFO nova.compute.manager [None req-1a2b admin admin - default default] [instance: 6f1c] Starting instance',
  '2024-05-16 12:00:00.202 4242 DEBUG nova.compute.claims [-] Claim ok claim /usr/lib/python3/nova/compute/claims.py:45',
  '2024-05-16 12:00:00.303 4242 ERROR nova.compute.manager [None req-1a2b admin admin - default default] [instance: 6f1c] Build failed',
  '2024-05-16 12:00:00.303 4242 ERROR nova.compute.manager [instance: 6f1c] Traceback (most recent call last):',
  '2024-05-16 12:00:00.303 4242 ERROR nova.compute.manager [instance: 6f1c]   File "/usr/lib/python3/nova/compute/manager.py", line 10, in build',
  '2024-05-16 12:00:00.303 4242 ERROR nova.compute.manager [instance: 6f1c] RuntimeError: no host',
  '2024-05-16 12:00:00.404 4242 AUDIT nova.compute.resource_tracker [-] Final resource view',
  '',
].join('\n');

describe('--log-format and the config file (end to end)', () => {
  const nova = join(tmp, 'nova-compute.log');
  writeFileSync(nova, NOVA);

  it('reads oslo.log option values given as --log-format: context, default, exception prefix, debug suffix', () => {
    const r = run(['-p', '-o', 'json', '--log-format', OSLO_CONTEXT, '--log-format', OSLO_DEFAULT, '--log-format', OSLO_PREFIX, '--log-format', OSLO_SUFFIX, nova]);
    expect(r.stderr).toBe('');
    const recs = json(r.stdout);
    expect(recs.map((x) => [x.level, x.logger, x.message])).toEqual([
      ['info', 'nova.compute.manager', 'Starting instance'],
      ['debug', 'nova.compute.claims', 'Claim ok'],
      ['error', 'nova.compute.manager', 'Build failed'],
      ['info', 'nova.compute.resource_tracker', 'Final resource view'],
    ]);
    expect(recs[0]!.fields).toEqual({ process: 4242, request_id: 'req-1a2b', user_identity: 'admin admin - default default', instance: '6f1c' });
    expect(recs[1]!.fields).toEqual({ process: 4242, funcName: 'claim', pathname: '/usr/lib/python3/nova/compute/claims.py', lineno: 45 });
    expect(recs[2]!.body).toEqual(['Traceback (most recent call last):', '  File "/usr/lib/python3/nova/compute/manager.py", line 10, in build', 'RuntimeError: no host']);
    expect(recs[3]!.levelName).toBe('AUDIT');
    expect(recs[0]!.time).toBe(new Date(2024, 4, 16, 12, 0, 0, 101).toISOString());
  });

  it('takes a log4js pattern layout as --log-format log4js:PATTERN, and in the config file', () => {
    const log = join(tmp, 'node-app.txt');
    // log4js 6: pattern '%d{yyyy-MM-dd hh:mm:ss.SSS} %-5p %c{2} (%z) %X{user} %m', TZ as ours.
    writeFileSync(log, '2024-05-16 12:00:00.101 INFO  http.server (4242) bob listening on 8080\n2024-05-16 12:00:01.202 AUDIT api.auth (4242) null login failed\n');
    const pattern = 'log4js:%d{yyyy-MM-dd hh:mm:ss.SSS} %-5p %c{2} (%z) %X{user} %m';
    const want = [
      ['info', undefined, 'http.server', 'listening on 8080', { pid: 4242, user: 'bob' }, new Date(2024, 4, 16, 12, 0, 0, 101).toISOString()],
      ['info', 'AUDIT', 'api.auth', 'login failed', { pid: 4242, user: 'null' }, new Date(2024, 4, 16, 12, 0, 1, 202).toISOString()],
    ];
    const r = run(['-p', '-o', 'json', '--log-format', pattern, log]);
    expect(r.stderr).toBe('');
    expect(json(r.stdout).map((x) => [x.level, x.levelName, x.logger, x.message, x.fields, x.time])).toEqual(want);
    const dir = xdg('log4js', JSON.stringify({ sources: { 'node-*.txt': pattern } }));
    expect(json(run(['-p', '-o', 'json', log], dir).stdout).map((x) => [x.level, x.levelName, x.logger, x.message, x.fields, x.time])).toEqual(want);
    const bad = run(['-p', '--log-format', 'log4js:%d %p %c', log]);
    expect([bad.status, bad.stderr]).toEqual([2, "logview: invalid --log-format: log4js pattern '%d %p %c' has no %m before any %n (see logview --help)\n"]);
  });

  it('the config file maps a path glob to a format string, a name, or an object', () => {
    const access = join(tmp, 'site.access.log');
    writeFileSync(access, '127.0.0.1 - - [16/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 5\n');
    const app = join(tmp, 'app.txt');
    writeFileSync(app, '12:00:01 W shop.cart | low stock\n');
    const dir = xdg('ok', JSON.stringify({
      sources: {
        [join(tmp, 'nova-*.log')]: { logFormat: [OSLO_CONTEXT, OSLO_DEFAULT, OSLO_PREFIX] },
        '*.access.log': 'apache',
        'app.txt': { logFormat: '%(asctime)s %(levelname).1s %(name)s | %(message)s', dateFormat: '%H:%M:%S' },
      },
    }));
    const r = run(['-p', '-o', 'json', nova], dir);
    expect(r.stderr).toBe('');
    expect(json(r.stdout).map((x) => x.logger)).toEqual(['nova.compute.manager', 'nova.compute.claims', 'nova.compute.manager', 'nova.compute.resource_tracker']);
    expect(json(run(['-p', '-o', 'json', access], dir).stdout)[0]!.time).toBe('2024-05-16T12:00:00.000Z');
    const a = json(run(['-p', '-o', 'json', app], dir).stdout)[0]!;
    expect([a.level, a.logger, a.message]).toEqual(['warning', 'shop.cart', 'low stock']);
    // --no-config and the command line win over the file.
    expect(json(run(['-p', '-o', 'json', '--no-config', app], dir).stdout)[0]!.logger).toBeUndefined();
    expect(json(run(['-p', '-o', 'json', '--format', 'plain', nova], dir).stdout)[0]!.logger).toBeUndefined();
  });

  it('--config PATH reads that file; a bad file or flag is one logview: line and exit 2', () => {
    const file = join(tmp, 'my.json');
    writeFileSync(file, JSON.stringify({ sources: { '*.log': { logFormat: '%(levelname)s:%(name)s:%(message)s' } } }));
    const log = join(tmp, 'basic.log');
    writeFileSync(log, 'WARNING:py.warnings:careful\n');
    expect(json(run(['-p', '-o', 'json', '--config', file, log]).stdout)[0]!.logger).toBe('py.warnings');
    const cases: [string[], string, RegExp][] = [
      [['--config', join(tmp, 'missing.json'), log], '', /^logview: .*missing\.json: no such file\n$/],
      [[log], '{"sources": {"*.log": 3}}', /^logview: .*config\.json: "sources" > "\*\.log": expected a format name, a format string or an object\n$/],
      [[log], '{"source": {}}', /^logview: .*config\.json: unknown key "source" \(expected sources, jsonKeys, theme, filters, keys, timeZone, columns, clipboard\)\n$/],
      [[log], '{"sources": {"*.log": {"format": "nope"}}}', /^logview: .*config\.json: "sources" > "\*\.log": unknown format "nope"/],
      [[log], '{"sources": {"*.log": "%(asctime)s %(message)q"}}', /^logview: .*config\.json: "sources" > "\*\.log": invalid %-style field/],
      [[log], '{oops', /^logview: .*config\.json: not valid JSON/],
      [['--log-format', '%(name)s', '--format', 'python', log], '', /^logview: give --format or --log-format, not both/],
      [['--log-format', '%(asctime)s %(message)s', '--date-format', '%Y %Q', log], '', /^logview: invalid --log-format: date format '%Y %Q': unknown directive %Q/],
    ];
    cases.forEach(([args, config, want], k) => {
      const r = run(['-p', ...args], config === '' ? join(tmp, 'none') : xdg(`bad${k}`, config));
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(want);
      expect(r.stdout).toBe('');
    });
  });
});

describe('config jsonKeys', () => {
  it('adds key paths, any depth, that JSON lines are read by', () => {
    const log = join(tmp, 'nested.json.log');
    writeFileSync(log, '{"ts":"2024-05-16T12:00:00Z","meta":{"severity":{"name":"warning"},"origin":{"component":"billing.invoice"}},"text":"late"}\n');
    expect(json(run(['-p', '-o', 'json', log]).stdout)[0]!.logger).toBeUndefined();
    const dir = xdg('keys', JSON.stringify({ jsonKeys: { level: ['meta.severity.name'], logger: ['meta.origin.component'] } }));
    const r = json(run(['-p', '-o', 'json', log], dir).stdout)[0]!;
    expect([r.level, r.logger, r.message, r.fields]).toEqual(['warning', 'billing.invoice', 'late', undefined]);
    const bad = run(['-p', log], xdg('badkeys', JSON.stringify({ jsonKeys: { colour: ['x'] } })));
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/"jsonKeys": unknown role "colour"/)]);
  });
});

describe('config path globs', () => {
  it('matches base names without a slash, absolute paths with one', () => {
    expect(compileGlob('*.log')('/var/log/nova/api.log')).toBe(true);
    expect(compileGlob('*.log')('/var/log/nova/api.log.1')).toBe(false);
    expect(compileGlob('/var/log/nova/*.log')('/var/log/nova/api.log')).toBe(true);
    expect(compileGlob('/var/log/nova/*.log')('/var/log/nova/old/api.log')).toBe(false);
    expect(compileGlob('/var/log/**/*.log')('/var/log/nova/old/api.log')).toBe(true);
    expect(compileGlob('/var/log/**/*.log')('/var/log/api.log')).toBe(true);
    expect(compileGlob('{api,conductor}-[0-9].log')('conductor-3.log')).toBe(true);
    expect(compileGlob('{api,conductor}-[0-9].log')('scheduler-3.log')).toBe(false);
    expect(compileGlob('~/logs/?.log', '/home/u')('/home/u/logs/a.log')).toBe(true);
  });
});
