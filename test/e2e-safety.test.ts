// Red-team findings (issue 11) that print mode and the CLI must survive, each
// through the built bin/logview.js: hostile names and bytes, regexes that
// backtrack for ever, nesting that overflows the stack, signals, dates.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, jsonLines, runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'logview-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESC = '\x1b';
// Anything a terminal obeys or that reorders what is read.
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ue000-\uf8ff]/;

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('item 12: a regex that backtracks for ever never hangs print mode', () => {
  it('-g "(a+)+$" on lines of 40 a\'s and a b', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => 'a'.repeat(40) + (i % 2 ? 'b' : '')).join('\n') + '\n';
    const r = await runCli(['--print', '-g', '(a+)+$'], { input: lines });
    expect(r.code).toBe(0);
    expect(r.stdout.toString().trim().split('\n')).toHaveLength(10);
  }, 20000);

  it('-g "(x+x+)+y" on a 5,000-character line', async () => {
    const r = await runCli(['--print', '-g', '(x+x+)+y'], { input: 'x'.repeat(5000) + '\nxxy\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('xxy\n');
  }, 20000);
});

describe('item 13: JSON nested 5,000 deep', () => {
  const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
  const input = `{"level":"info","msg":"before"}\n${deep}\n{"level":"info","msg":"after"}\n`;

  it('text: shown as text, and the records after it printed', async () => {
    const r = await runCli(['--print'], { input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.toString();
    expect(out).toContain('before');
    expect(out).toContain('{"a":{"a":');
    expect(out).toContain('after');
  }, 20000);

  it('json output: one valid object per record', async () => {
    const r = await runCli(['--print', '-o', 'json'], { input });
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => x.message as string).map((m) => m.slice(0, 8))).toEqual(['before', '{"a":{"a', 'after']);
  }, 20000);
});

describe('items 15, 16: nothing from a name, a value or a log reaches the terminal raw', () => {
  it('a file name with OSC title and clipboard sequences and a newline: one escaped error line', async () => {
    const name = join(dir, `x${ESC}]2;PWNED\x07${ESC}]52;c;cHduZWQ=\x07\nsecond`);
    const r = await runCli(['--print', name]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^logview: .*No such file or directory\n$/);
    expect(r.stderr.slice(0, -1)).not.toMatch(OBEYED);
    expect(r.stderr).toContain('\\x1b]2;PWNED\\x07');
  });

  it('an option value with ESC in a usage error', async () => {
    const r = await runCli(['--print', '--level', `${ESC}]2;PWNED\x07`]);
    expect(r.code).toBe(2);
    expect(r.stderr.slice(0, -1)).not.toMatch(OBEYED);
    expect(r.stderr).toContain('\\x1b]2;PWNED');
  });

  const bidi = 'INFO user \u202Eevil\u202C \u2066iso\u2069 \u200Fr\u200E and \uE000\uE101 private\n';
  it('bidi controls and private-use characters escaped in text output', async () => {
    const r = await runCli(['--print'], { input: bidi });
    const out = r.stdout.toString();
    expect(out).not.toMatch(OBEYED);
    expect(out).toContain('\\u202e');
    expect(out).toContain('\\u2066');
    expect(out).toContain('\\u200f');
    expect(out).toContain('\\ue000');
  });

  it('bidi controls escaped in JSON output, and the value intact once parsed', async () => {
    const r = await runCli(['--print', '-o', 'json'], { input: bidi });
    const text = r.stdout.toString();
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\ue000-\uf8ff]/);
    expect(text).toContain('\\u202e');
    expect(jsonLines(r.stdout)[0]!.message).toContain('\u202Eevil\u202C');
  });
});

describe('item 21: dates, zones and keys', () => {
  it('year 1 is shown as 0001, not 1901', async () => {
    const r = await runCli(['--print', '-o', 'json'], { input: '0001-01-01T00:00:00Z INFO x year one\n' });
    expect(jsonLines(r.stdout)[0]!.time).toBe('0001-01-01T00:00:00.000Z');
    const t = await runCli(['--print'], { input: '0001-01-01 00:00:00,000 INFO x year one\n', env: { TZ: 'UTC' } });
    expect(t.stdout.toString()).toMatch(/^0001-01-01 00:00:00\.000 /);
  });

  it('--since with a zone offset of +99:99 is bad usage', async () => {
    const r = await runCli(['--print', '--since', '2024-05-01T12:00:00+99:99', file('one.log', 'x\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logview: invalid --since/);
    const ok = await runCli(['--print', '--since', '2024-05-01T12:00:00+05:30', file('one.log', 'x\n')]);
    expect(ok.code).toBe(0);
  });

  it('logfmt keeps a __proto__= pair', async () => {
    const r = await runCli(['--print', '-o', 'json'], { input: 'time=2024-01-01T00:00:00Z level=info msg=hi __proto__=polluted a=b\n' });
    expect(jsonLines(r.stdout)[0]!.fields).toEqual(JSON.parse('{"__proto__":"polluted","a":"b"}'));
  });
});

describe('item 20: SIGUSR1 opens no debugging port', () => {
  it('the inspector stays closed and logview keeps running', async () => {
    const p = file('usr1.log', 'first\n');
    const child = spawn(process.execPath, [BIN, '--print', '-F', p], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    // The inspector's port, asked before and after: it must not start listening because of us.
    const listening = () =>
      new Promise<boolean>((r) => {
        const s = connect(9229, '127.0.0.1');
        s.on('connect', () => (s.destroy(), r(true)));
        s.on('error', () => r(false));
      });
    const before = await listening();
    child.kill('SIGUSR1');
    await new Promise((r) => setTimeout(r, 700));
    expect(err).not.toContain('Debugger listening');
    if (!before) expect(await listening()).toBe(false);
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
  }, 15000);
});

describe('item 19: stdin closed or a file, and errors in words', () => {
  it('/dev/tty without a controlling terminal: one logview: line in words, no raw Node text', async () => {
    const child = spawn('setsid', ['-w', process.execPath, BIN, '--print', '/dev/tty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(1);
    expect(err).toBe('logview: /dev/tty: No such device or address\n');
  });

  /** Run the bin under bash with a redirection of stdin: exit code, stdout, stderr. */
  async function withStdin(args: string, redirect: string): Promise<{ code: number | null; out: string; err: string }> {
    const child = spawn('bash', ['-c', `exec ${process.execPath} ${BIN} ${args} ${redirect}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    return { code, out, err };
  }

  // As cat and tail: `cat <&-` -> "cat: -: Bad file descriptor", exit 1.
  it('a closed stdin (`<&-`) read as the input is an unreadable source: one line, exit 1', async () => {
    for (const args of ['--print', '--print -', '--print -o raw -f']) {
      expect(await withStdin(args, '<&-'), args).toEqual({ code: 1, out: '', err: 'logview: standard input: Bad file descriptor (it is closed)\n' });
    }
  });

  it('`</dev/null` is an empty input, not a closed one: nothing printed, exit 0', async () => {
    expect(await withStdin('--print', '</dev/null')).toEqual({ code: 0, out: '', err: '' });
  });

  it('a closed stdin does not matter when it is not read', async () => {
    const p = file('closed-stdin.log', 'one\n');
    expect(await withStdin(`--print -o raw ${p}`, '<&-')).toEqual({ code: 0, out: 'one\n', err: '' });
  });

  it('`-f < file` follows the file on stdin', async () => {
    const p = file('stdin-follow.log', 'one\n');
    const child = spawn('bash', ['-c', `exec ${process.execPath} ${BIN} --print -f -o raw < ${p}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const wait = async (s: string) => {
      for (let i = 0; i < 400 && !out.includes(s); i++) await new Promise((r) => setTimeout(r, 25));
    };
    await wait('one');
    writeFileSync(p, 'two\n', { flag: 'a' });
    await wait('two');
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(out).toBe('one\ntwo\n');
    expect(code).toBe(0);
  }, 20000);
});
