import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers/records.js';
import { BIN, jsonLines, ROOT, runCli } from './helpers/run-cli.js';
import { writePinoLog } from './helpers/writers/pino-log.js';
import { writePythonLog } from './helpers/writers/python-log.js';

const dir = mkdtempSync(join(tmpdir(), 'logview-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fx = (name: string) => join(FIXTURES, name);

interface JsonRecord {
  source: string;
  line: number;
  time?: string;
  level?: string;
  logger?: string;
  message: string;
  body?: string[];
  http?: { direction: string; method?: string; url?: string; status?: number; reason?: string; headers: Record<string, string>; size?: number };
}
const records = (buf: Buffer) => jsonLines(buf) as unknown as JsonRecord[];

describe('logview --print -o json on every kamaki sample', () => {
  it('seed example: exactly the POST request and the 200 OK response', async () => {
    const r = await runCli(['--print', '-o', 'json', fx('kamaki_seed_example.log')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const recs = records(r.stdout);
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({ source: fx('kamaki_seed_example.log'), line: 1, level: 'debug', logger: 'kamaki.clients.send', http: { direction: 'request', method: 'POST', size: 74 } });
    expect(Object.keys(recs[0]!.http!.headers)).toHaveLength(2);
    expect(recs[1]).toMatchObject({ line: 6, level: 'debug', logger: 'kamaki.clients.recv', message: '200 OK', http: { direction: 'response', status: 200, reason: 'OK', size: 2425 } });
    expect(Object.keys(recs[1]!.http!.headers)).toHaveLength(11);
  });

  const expected: Record<string, { count: number; levels: (string | undefined)[] }> = {
    'kamaki_stderr.log': { count: 10, levels: [undefined, ...Array(6).fill('debug'), undefined, undefined, undefined] },
    'kamaki_file.log': { count: 13, levels: [undefined, undefined, 'debug', 'debug', undefined, 'debug', 'debug', 'debug', 'debug', undefined, undefined, undefined, undefined] },
    'kamaki_file_debug.log': { count: 13, levels: ['info', 'debug', 'debug', 'debug', 'info', 'debug', 'debug', 'debug', 'debug', 'debug', 'error', 'warning', 'error'] },
    'kamaki_file_0.12.log': { count: 13, levels: ['info', 'debug', 'info', 'info', 'info', 'info', 'info', 'info', 'info', 'debug', 'error', 'warning', 'error'] },
  };
  it.each(Object.keys(expected))('%s: records, loggers, levels, http, traceback in body', async (name) => {
    const r = await runCli(['-o', 'json', fx(name)]);
    expect(r.code).toBe(0);
    const recs = records(r.stdout);
    expect(recs).toHaveLength(expected[name]!.count);
    expect(recs.map((x) => x.level)).toEqual(expected[name]!.levels);
    const http = recs.filter((x) => x.http);
    expect(http.map((x) => `${x.logger} ${x.http!.method ?? x.http!.status}`)).toEqual([
      'kamaki.clients.send POST',
      'kamaki.clients.recv 200',
      'kamaki.clients.send GET',
      'kamaki.clients.recv 200',
      'kamaki.clients.send GET',
      'kamaki.clients.recv 404',
    ]);
    expect(http.map((x) => x.http!.size)).toEqual([67, 158, 0, 40, 0, 0]);
    const failed = recs.find((x) => x.message === 'Command failed: file list')!;
    expect(failed.logger).toBe('kamaki.cli');
    expect(failed.body).toEqual([
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 195, in kamaki_session',
      "    _lookup('pithos')",
      '  File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 194, in _lookup',
      '    raise KeyError(name)',
      "KeyError: 'pithos'",
    ]);
    expect(new Set(recs.map((x) => x.logger))).toEqual(
      new Set([...(name === 'kamaki_stderr.log' ? [] : ['kamaki', 'kamaki.clients']), 'kamaki.cli.config', 'kamaki.clients.send', 'kamaki.clients.recv', 'kamaki.cli', 'kamaki.cli.cmds.errors']),
    );
  });

  it('times are ISO-8601 UTC of the local asctime', async () => {
    const r = await runCli(['-o', 'json', fx('kamaki_file_debug.log')], { env: { TZ: 'Europe/Athens' } });
    expect(records(r.stdout)[0]!.time).toBe('2024-05-15T21:00:06.036Z');
  });
});

describe('filters from the command line', () => {
  const file = fx('kamaki_file_debug.log');
  const loggers = async (...args: string[]) => records((await runCli(['-o', 'json', ...args, file])).stdout).map((x) => x.logger);

  it('-L selects a subtree with Python prefix semantics', async () => {
    expect(new Set(await loggers('-L', 'kamaki.clients'))).toEqual(new Set(['kamaki.clients', 'kamaki.clients.send', 'kamaki.clients.recv']));
    expect(await loggers('-L', 'kamaki.client')).toEqual([]);
  });

  it('-x wins over -L, and -l sets the threshold', async () => {
    expect(new Set(await loggers('-L', 'kamaki.clients', '-x', 'kamaki.clients.send', '-l', 'debug'))).toEqual(new Set(['kamaki.clients', 'kamaki.clients.recv']));
    expect(await loggers('-l', 'WARNING')).toEqual(['kamaki.cli', 'kamaki.cli.cmds.errors', 'kamaki.cli']);
  });

  it('-g matches any line of the record as written in the file, as grep does', async () => {
    expect(await loggers('-g', "KeyError: 'pithos'")).toEqual(['kamaki.cli']); // a traceback line
    expect(await loggers('-g', '^  404 Not Found')).toEqual(['kamaki.clients.recv']); // anchored as in the file
    expect(await loggers('-g', '^404')).toEqual([]); // grep finds no such line either
    expect(await loggers('-g', 'ERROR\\) 2024-05-16 00:00:11,516')).toEqual(['kamaki.cli']); // the head line too
  });

  it('the combination of -L -l -g from the README', async () => {
    const r = await runCli(['--print', '-L', 'kamaki.cli', '-l', 'warning', '-g', 'authenticator', '--color', 'never', file]);
    expect(r.stdout.toString()).toBe('2024-05-16 00:00:11.790 ERROR kamaki.cli Failed to load authenticator [Authentication failed: 401 UNAUTHORIZED]\n');
  });
});

describe('output modes and colour', () => {
  it('-o raw prints the original bytes unchanged', async () => {
    for (const name of ['kamaki_file.log', 'kamaki_stderr.log', 'kamaki_file_0.12.log']) {
      const r = await runCli(['-o', 'raw', fx(name)]);
      expect(r.stdout.equals(readFileSync(fx(name)))).toBe(true);
    }
  });

  it('-o raw with a filter prints whole records (all their lines)', async () => {
    const r = await runCli(['-o', 'raw', '-l', 'error', fx('kamaki_file_debug.log')]);
    const lines = r.stdout.toString().split('\n');
    expect(lines[0]).toBe('kamaki.cli(ERROR) 2024-05-16 00:00:11,516');
    expect(lines).toContain("KeyError: 'pithos'");
  });

  it('no colour when piped, colour with --color always or FORCE_COLOR, none with NO_COLOR', async () => {
    const f = fx('kamaki_file_debug.log');
    const esc = (r: { stdout: Buffer }) => r.stdout.includes('\x1b[');
    expect(esc(await runCli([f]))).toBe(false);
    expect(esc(await runCli(['--color', 'always', f]))).toBe(true);
    expect(esc(await runCli([f], { env: { FORCE_COLOR: '1' } }))).toBe(true);
    expect(esc(await runCli(['--color', 'auto', f], { env: { NO_COLOR: '1' } }))).toBe(false);
    expect(esc(await runCli(['--color', 'always', f], { env: { NO_COLOR: '1' } }))).toBe(true);
    expect(esc(await runCli(['--color', 'never', f], { env: { FORCE_COLOR: '3' } }))).toBe(false);
  });

  it('escape sequences from a log are shown escaped in text and json, unchanged only in raw', async () => {
    const evil = join(dir, 'evil.log');
    const content = 'INFO:app:title \x1b]0;owned\x07 clear \x1b[2J clip \x1b]52;c;aGk=\x07 c1 \u009b31m del \x7f\n';
    writeFileSync(evil, content);
    for (const mode of ['text', 'json']) {
      const r = await runCli(['-o', mode, '--color', 'always', evil]);
      const s = r.stdout.toString();
      // Only our own SGR colour sequences may contain ESC.
      expect(s.replace(/\x1b\[[\d;]*m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(s).toContain(mode === 'text' ? '\\x1b]0;owned\\x07' : '\\u001b]0;owned\\u0007');
    }
    expect((await runCli(['-o', 'raw', evil])).stdout.toString()).toBe(content);
  });
});

describe('stdin', () => {
  it('reads stdin when no FILE is given and stdin is a pipe, and for "-"', async () => {
    const input = readFileSync(fx('kamaki_seed_example.log'));
    for (const args of [['-o', 'json'], ['-o', 'json', '-']]) {
      const r = await runCli(args, { input });
      expect(r.code).toBe(0);
      const recs = records(r.stdout);
      expect(recs.map((x) => x.source)).toEqual(['-', '-']);
      expect(recs.map((x) => x.http?.direction)).toEqual(['request', 'response']);
    }
  });

  it('flushes a last line without a newline', async () => {
    const r = await runCli(['-o', 'json'], { input: 'WARNING:a:one\nERROR:b:two' });
    expect(records(r.stdout).map((x) => x.message)).toEqual(['one', 'two']);
  });
});

describe('errors', () => {
  const oneLine = (s: string) => {
    expect(s.endsWith('\n')).toBe(true);
    expect(s.trimEnd().split('\n')).toHaveLength(1);
    expect(s.startsWith('logview: ')).toBe(true);
    expect(s).not.toMatch(/\bat .*\.js:\d+/);
  };

  it('a missing file: one line, exit 1', async () => {
    const r = await runCli([join(dir, 'nope.log')]);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain('No such file or directory');
  });

  it('a directory: one line, exit 1', async () => {
    const r = await runCli([dir]);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain('Is a directory');
  });

  // root ignores file modes, so as root the check runs as nobody (65534), which
  // needs to be able to read the project; a clone under a private home cannot.
  const isRoot = process.getuid?.() === 0;
  const nobodyCanRun = !isRoot || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], { uid: 65534, gid: 65534, cwd: '/' }).status === 0;
  it.skipIf(!nobodyCanRun)('no permission: one line, exit 1', async () => {
    const secret = join(dir, 'secret.log');
    writeFileSync(secret, 'INFO:a:hidden\n');
    chmodSync(secret, 0o000);
    const asUser = isRoot ? { uid: 65534, gid: 65534 } : {};
    const r = await runCli([secret], asUser);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain('Permission denied');
    expect(r.stdout.length).toBe(0);
  });

  it('with several files, a bad one is reported and the rest still print', async () => {
    const r = await runCli(['-o', 'json', fx('kamaki_seed_example.log'), join(dir, 'missing.log'), fx('kamaki_stderr.log')]);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(records(r.stdout)).toHaveLength(12);
  });

  it.each([
    [['--bogus', 'x']],
    [['-l', 'loud', 'x']],
    [['-o', 'xml', 'x']],
    [['--format', 'nope', 'x']],
    [['--color', 'sometimes', 'x']],
    [['-g', '(unclosed', 'x']],
    [['--since', 'yesterday-ish', 'x']],
    [['-l']],
  ])('bad usage %j: one line, exit 2', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
  });

  it('no input at all (stdin a terminal, no FILE) is bad usage', () => {
    // `script` gives the child a real terminal on stdin.
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} --print`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 10000 });
    if (r.error) throw r.error;
    expect(r.stdout).toContain('logview: no input');
    expect(r.status).toBe(2);
  });

  it('--help and --version exit 0', async () => {
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout.toString()).toContain('--logger <PREFIX>');
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.toString()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('a full disk on stdout: one line, exit 1', () => {
    const r = spawnSync('bash', ['-c', `node ${BIN} --print ${fx('kamaki_file.log')} > /dev/full`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain('No space left on device');
  });

  it('`logview --print big.log | head` exits quietly', async () => {
    const big = join(dir, 'big.log');
    writeFileSync(big, '2024-01-01 00:00:00,000 INFO app.x line of text\n'.repeat(200_000));
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${BIN} --print ${big} | head -n 2`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.split('\n')).toHaveLength(3);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('strange content is shown safely and exits 0', () => {
  it('binary, NUL, invalid UTF-8, a 10 MB line, broken JSON', async () => {
    const f = join(dir, 'strange.log');
    const parts = [
      Buffer.from('INFO:a:before\n'),
      Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x80, 0x0a]),
      Buffer.from('{"broken": json\n'),
      Buffer.from('{"time":1e25,"msg":"far future"}\ntime=100000000000000000000000 level=info msg=hi\n'),
      Buffer.alloc(10 * 1024 * 1024, 0x41),
      Buffer.from('\nINFO:a:after\n'),
    ];
    writeFileSync(f, Buffer.concat(parts));
    for (const mode of ['text', 'json']) {
      const r = await runCli(['-o', mode, f]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const s = r.stdout.toString();
      expect(s).toContain('after');
      expect(s).toContain('line cut');
      expect(s.length).toBeLessThan(3 * 1024 * 1024);
      expect(s).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
  });

  it('-o raw keeps the newline of a line cut at 1 MiB: the next line stays a line of its own', async () => {
    const f = join(dir, 'long-line.log');
    writeFileSync(f, 'A'.repeat(2 << 20) + '\nnext\n');
    const r = await runCli(['-o', 'raw', f]);
    expect(r.code).toBe(0);
    const lines = r.stdout.toString().split('\n');
    expect(lines).toEqual(['A'.repeat(1024 * 1024), 'next', '']);
  });
});

describe('a big file is printed by worker threads, exactly as one thread prints it', () => {
  it('raw and text output, with and without filters, match LOGVIEW_WORKERS=0', async () => {
    // ~20 MiB of Python logging with tracebacks: three 8 MiB segments.
    const f = join(dir, 'big.log');
    writePythonLog(f, { count: 190000, tracebackEvery: 101, message: 'message number %d %s', pad: 60 });
    expect(readFileSync(f).length).toBeGreaterThan(17 * 1024 * 1024);
    for (const args of [[], ['-o', 'raw'], ['-o', 'raw', '-l', 'error'], ['-l', 'warning', '-x', 'app'], ['-g', 'lookup failed 1[0-9]*5$']]) {
      const par = await runCli([...args, f]);
      const seq = await runCli([...args, f], { env: { LOGVIEW_WORKERS: '0' } });
      expect(par.code).toBe(0);
      expect(par.stderr).toBe('');
      expect(par.stdout.length).toBeGreaterThan(1000);
      expect(par.stdout.equals(seq.stdout)).toBe(true);
    }
    const raw = await runCli(['-o', 'raw', f]);
    expect(raw.stdout.equals(readFileSync(f))).toBe(true);
  }, 120_000);

  it('a record of millions of lines, more than a worker thread holds, is printed whole: the rest is read on one thread', async () => {
    // The worker parsing it runs out of its heap (16 MiB) and ends; print went
    // on with an error before. Its 3,000,000 parts also overflowed the stack
    // of the sequential raw output.
    const f = join(dir, 'huge-record.log');
    writePythonLog(f, { count: 100000, tracebackEvery: 101, message: 'message number %d %s', pad: 60, huge: { at: 50000, lines: 3_000_000 } });
    expect(readFileSync(f).length).toBeGreaterThan(17 * 1024 * 1024);
    for (const args of [['-o', 'raw'], []]) {
      const par = await runCli([...args, f]);
      const seq = await runCli([...args, f], { env: { LOGVIEW_WORKERS: '0' } });
      expect(par.stderr).toBe('');
      expect(par.code).toBe(0);
      expect(seq.code).toBe(0);
      expect(par.stdout.equals(seq.stdout)).toBe(true);
    }
    const raw = await runCli(['-o', 'raw', f]);
    expect(raw.stdout.equals(readFileSync(f))).toBe(true);
  }, 120_000);
});


describe('-l drops records before parsing them (level-skim), exactly as the filter does after', () => {
  it('-o json -l LEVEL is the unfiltered output less the records below LEVEL', async () => {
    const f = join(dir, 'skim.log');
    writePythonLog(f, { count: 20000, tracebackEvery: 37, continuationEvery: 13 });
    // A few lines the skim is unsure of: an empty line, kamaki HTTP calls, a `name: message` line.
    writeFileSync(f, readFileSync(f, 'utf8') + '\n2024-05-16 00:00:00,001 DEBUG kamaki.clients.send POST /x\n  Content-Length: 1\nkamaki.cli: plain\n2024-05-16 00:00:00,002 ERROR app.worker last\n');
    const all = jsonLines((await runCli(['-o', 'json', f])).stdout) as Array<{ level?: string }>;
    const rank = ['trace', 'debug', 'info', 'notice', 'warning', 'error', 'critical'];
    for (const level of ['info', 'warning', 'error', 'critical']) {
      const r = await runCli(['-o', 'json', '-l', level, f]);
      expect(r.code).toBe(0);
      const want = all.filter((x) => x.level === undefined || rank.indexOf(x.level) >= rank.indexOf(level));
      expect(want.length).toBeGreaterThan(0);
      expect(jsonLines(r.stdout)).toEqual(want);
    }
  }, 60_000);
});

describe('-l on JSON lines: dropped by the JSON skim, exactly as the filter does after', () => {
  it('pino, through worker threads: -o json -l LEVEL is the unfiltered output less the records below LEVEL', async () => {
    const f = join(dir, 'pino.ndjson');
    writePinoLog(f, { count: 120000, errorEvery: 53, oddEvery: 211 });
    expect(readFileSync(f).length).toBeGreaterThan(16 * 1024 * 1024);
    const all = jsonLines((await runCli(['-o', 'json', f])).stdout) as Array<{ level?: string }>;
    const rank = ['trace', 'debug', 'info', 'notice', 'warning', 'error', 'critical'];
    for (const level of ['warning', 'error']) {
      const r = await runCli(['-o', 'json', '-l', level, f]);
      const seq = await runCli(['-o', 'raw', '-l', level, f], { env: { LOGVIEW_WORKERS: '0' } });
      expect(r.code).toBe(0);
      const want = all.filter((x) => x.level === undefined || rank.indexOf(x.level) >= rank.indexOf(level));
      expect(want.length).toBeGreaterThan(1000);
      expect(jsonLines(r.stdout)).toEqual(want);
      expect((await runCli(['-o', 'raw', '-l', level, f])).stdout.equals(seq.stdout)).toBe(true);
    }
  }, 120_000);
});
