import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers/records.js';
import { jsonLines, runCli } from './helpers/run-cli.js';

const fx = (name: string) => join(FIXTURES, name);
const KAMAKI = fx('http/kamaki_http.log');
const NOVA = fx('http/nova_api.log');
const OSLO = fx('oslo_text.log');
const dir = mkdtempSync(join(tmpdir(), 'logview-query-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Rec {
  source: string;
  line: number;
  level?: string;
  logger?: string;
  message: string;
  http?: { direction: string; status?: number; pair?: { source: string; line: number }; latency_ms?: number };
}

async function json(args: string[]): Promise<Rec[]> {
  const r = await runCli(['--print', '-o', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return jsonLines(r.stdout) as unknown as Rec[];
}

describe('logview --print -q/--where', () => {
  it('level and logger: level >= warning and logger ~ nova.compute', async () => {
    const recs = await json(['-q', 'level >= warning and logger ~ nova.compute', OSLO]);
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) {
      expect(['warning', 'error', 'critical']).toContain(r.level);
      expect(r.logger).toContain('nova.compute');
    }
  });

  it('fields, numbers, regex with i, exists, not, or, in, in text and raw output alike', async () => {
    const log = join(dir, 'app.jsonl');
    writeFileSync(
      log,
      [
        '{"time":"2024-01-01T00:00:00Z","level":"info","msg":"GET /a","status":200,"duration":0.1,"user":"admin"}',
        '{"time":"2024-01-01T00:00:01Z","level":"error","msg":"Upstream TIMEOUT","status":504,"duration":"2.5","user":"bob","trace_id":"t-1"}',
        '{"time":"2024-01-01T00:00:02Z","level":"warn","msg":"slow","status":200,"duration":0.9,"user":"admin"}',
        '',
      ].join('\n'),
    );
    const msgs = async (q: string) => (await json(['-q', q, log])).map((r) => r.message);
    expect(await msgs('status >= 500')).toEqual(['Upstream TIMEOUT']);
    expect(await msgs('fields.user == "admin"')).toEqual(['GET /a', 'slow']);
    expect(await msgs('message ~ /timeout/i')).toEqual(['Upstream TIMEOUT']);
    expect(await msgs('duration > 0.5 and not exists(trace_id)')).toEqual(['slow']);
    expect(await msgs('(user == bob or level == info) and status in (200, 504)')).toEqual(['GET /a', 'Upstream TIMEOUT']);
    const raw = await runCli(['--print', '-o', 'raw', '-q', 'status >= 500', log]);
    expect(raw.stdout.toString()).toBe('{"time":"2024-01-01T00:00:01Z","level":"error","msg":"Upstream TIMEOUT","status":504,"duration":"2.5","user":"bob","trace_id":"t-1"}\n');
    const text = await runCli(['--print', '-q', 'status >= 500', log]);
    expect(text.stdout.toString()).toMatch(/^\S+ \S+ ERROR .*Upstream TIMEOUT/);
    expect(text.stdout.toString().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it("a kamaki request's status is its response's: status >= 500 keeps both halves", async () => {
    expect((await json(['-q', 'status >= 500', KAMAKI])).map((r) => r.line)).toEqual([11, 19]);
    expect((await json(['-q', 'method == GET and status < 300', KAMAKI])).map((r) => r.line)).toEqual([3, 31]);
  });

  it('a bad expression: one logview: line, the expression and a caret under the fault, exit 2', async () => {
    const r = await runCli(['--print', '-q', 'level >= warnin and x == 1', OSLO]);
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toBe(
      ['logview: invalid --where: expected a level: trace, debug, info, notice, warning, error, critical', '  level >= warnin and x == 1', '           ^^^^^^', ''].join('\n'),
    );
    const e = await runCli(['--print', '-q', 'status >=', OSLO]);
    expect(e.code).toBe(2);
    expect(e.stderr.split('\n')[2]).toBe('           ^');
  });

  it('a regex that backtracks for ever still ends (V8 falls back to its linear-time engine)', async () => {
    const log = join(dir, 'evil.log');
    writeFileSync(log, `2024-01-01 00:00:00,000 INFO app ${'a'.repeat(40)}!\n`);
    const r = await runCli(['--print', '-q', 'message ~ /^(a+)+$/i', log]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('');
  });
});

describe('logview --print -l LOGGER=LEVEL (Python logging config semantics)', () => {
  it('the nearest configured ancestor wins; the root default applies otherwise', async () => {
    const recs = await json(['-l', 'kamaki.clients=debug', '-l', 'kamaki.cli=warning', '-l', 'info', fx('kamaki_file_debug.log')]);
    for (const r of recs) {
      if (r.logger?.startsWith('kamaki.clients')) continue; // debug and up
      if (r.logger?.startsWith('kamaki.cli')) expect(['warning', 'error', 'critical']).toContain(r.level);
      else expect(r.level).not.toBe('debug');
    }
    expect(recs.some((r) => r.logger === 'kamaki.clients.send' && r.level === 'debug')).toBe(true);
    expect(recs.some((r) => r.logger === 'kamaki.cli.config')).toBe(false); // DEBUG under kamaki.cli=warning
    expect(recs.some((r) => r.logger === 'kamaki' && r.level === 'info')).toBe(true);
    const bad = await runCli(['--print', '-l', 'nova=loud', OSLO]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^logview: invalid level 'loud'/);
  });
});

describe('logview --print --request', () => {
  it('records sharing a request id across sources; a kamaki request through its response; ids are a union', async () => {
    const id = 'req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77';
    const recs = await json(['--request', id, KAMAKI, NOVA]);
    expect(recs.map((r) => `${r.source.slice(r.source.lastIndexOf('/') + 1)}:${r.line}`)).toEqual(['kamaki_http.log:11', 'nova_api.log:1', 'nova_api.log:2', 'kamaki_http.log:19']);
    const both = await json(['--request', id, '--request', 'REQ-1111AAAA-0000-0000-0000-000000000001', KAMAKI]);
    expect(both.map((r) => r.line)).toEqual([3, 11, 19, 31]);
  });
});

describe('logview --print --http-status / --http-method, and -o json pairs', () => {
  it('-o json: http.pair names the other half, http.latency_ms the time between', async () => {
    const recs = (await json([KAMAKI])).filter((r) => r.http);
    expect(recs.map((r) => [r.line, r.http!.pair?.line, r.http!.latency_ms])).toEqual([
      [3, 31, 500],
      [11, 19, 200],
      [19, 11, 200],
      [31, 3, 500],
      [41, 49, 250],
      [49, 41, 250],
    ]);
    expect(recs[0]!.http!.pair!.source).toBe(KAMAKI);
  });

  it('status classes and methods pick whole exchanges (both halves), kamaki and oslo wsgi alike', async () => {
    const five = await json(['--http-status', '5xx', KAMAKI, NOVA]);
    expect(five.map((r) => r.message)).toEqual([
      'DELETE https://cyclades.example.org/compute/v2.1/servers/42',
      '10.0.0.1 "DELETE /compute/v2.1/servers/42 HTTP/1.1" status: 500 len: 120 time: 0.1200000',
      '500 Internal Server Error',
    ]);
    const get4 = await json(['--http-status', '404,2xx', '--http-method', 'get', KAMAKI]);
    expect(get4.map((r) => r.line)).toEqual([3, 31, 41, 49]);
    const text = await runCli(['--print', '--http-status', '4xx', KAMAKI]);
    expect(text.stdout.toString()).toMatch(/GET https:\/\/cyclades\.example\.org\/compute\/v2\.1\/flavors[\s\S]*404 Not Found/);
    const bad = await runCli(['--print', '--http-status', '6xx', KAMAKI]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("logview: invalid --http-status '6xx' (expected 5xx, 404, 4xx,5xx or 500-599) (see logview --help)\n");
  });

  it('access logs: one line is a whole exchange', async () => {
    const recs = await json(['--http-status', '4xx', fx('formats/apache_access.log')]);
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) expect(r.message).toMatch(/" 4\d\d /);
  });

  it('--help lists the new options', async () => {
    const r = await runCli(['--help']);
    for (const o of ['-q, --where <EXPR>', '--request <ID>', '--http-status <SPEC>', '--http-method <METHOD>', '-l, --level <[LOGGER=]LEVEL>']) expect(r.stdout.toString()).toContain(o);
  });
});
