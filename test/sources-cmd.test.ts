// cmd:COMMAND as a source: real scripts that print, sleep and exit, run by the
// built bin/logview.js; --restart; a command that does not exist.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitCommand } from '../src/source/command/split-command.js';
import { parseSourceSpec, withStderrTwins } from '../src/source/source-spec.js';
import { sourceTags } from '../src/render/row-format.js';
import { killLiveClis, LiveCli } from './helpers/live-cli.js';
import { jsonLines, runCli } from './helpers/run-cli.js';
import { tmuxSessions } from './e2e-tui-harness.js';
import { alive } from './helpers/alive.js';

const dir = mkdtempSync(join(tmpdir(), 'logview-cmd-'));
const { logview } = tmuxSessions();
afterAll(() => {
  killLiveClis();
  rmSync(dir, { recursive: true, force: true });
});

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return p;
}

describe('splitting a cmd: line into words', () => {
  it('splits like a shell, without expanding anything', () => {
    expect(splitCommand(`kubectl logs -f deploy/nova-api --timestamps`)).toEqual(['kubectl', 'logs', '-f', 'deploy/nova-api', '--timestamps']);
    expect(splitCommand(`logcli query --tail -o jsonl '{app="nova"}'`)).toEqual(['logcli', 'query', '--tail', '-o', 'jsonl', '{app="nova"}']);
    expect(splitCommand(`sh -c "echo \\"a b\\" \\$HOME" x\\ y`)).toEqual(['sh', '-c', 'echo "a b" $HOME', 'x y']);
    expect(() => splitCommand(`echo 'x`)).toThrow(/unterminated single quote/);
    expect(() => splitCommand(`   `)).toThrow(/no command/);
  });
});

describe('source arguments', () => {
  it('reads cmd:, journal:, remote files and local paths', () => {
    expect(parseSourceSpec('cmd:ls -l')).toEqual({ kind: 'cmd', command: 'ls -l' });
    expect(parseSourceSpec('journal:')).toEqual({ kind: 'journal' });
    expect(parseSourceSpec('journal:nova-api.service')).toEqual({ kind: 'journal', unit: 'nova-api.service' });
    expect(parseSourceSpec('journal:/var/log/journal')).toEqual({ kind: 'journal', path: '/var/log/journal' });
    expect(parseSourceSpec('ctl1:/var/log/nova/*.log')).toEqual({ kind: 'ssh', host: 'ctl1', path: '/var/log/nova/*.log' });
    expect(parseSourceSpec('stack@10.0.0.5:/var/log/x.log')).toEqual({ kind: 'ssh', host: '10.0.0.5', user: 'stack', path: '/var/log/x.log' });
    expect(parseSourceSpec('ssh://stack@[::1]:2222/var/log/x.log')).toEqual({ kind: 'ssh', host: '::1', user: 'stack', port: 2222, path: '/var/log/x.log' });
    expect(parseSourceSpec('./ctl1:/x')).toEqual({ kind: 'file', path: './ctl1:/x' });
    expect(parseSourceSpec('app.log')).toEqual({ kind: 'file', path: 'app.log' });
    expect(parseSourceSpec('C:relative')).toEqual({ kind: 'file', path: 'C:relative' });
  });

  it('gives each command a stderr source, tagged apart in the rows', () => {
    const names = withStderrTwins(['cmd:kubectl logs -f x', 'app.log', 'ctl1:/var/log/nova/api.log', 'journal:nova-compute.service']);
    expect(names).toEqual(['cmd:kubectl logs -f x', 'cmd:kubectl logs -f x [stderr]', 'app.log', 'ctl1:/var/log/nova/api.log', 'journal:nova-compute.service']);
    expect(sourceTags(names)).toEqual(['kubectl', 'kubectl:err', 'app', 'ctl1', 'nova-compute']);
  });
});

describe('cmd:COMMAND', () => {
  it('reads stdout and stderr as they come; stderr is its own source; the exit is a notice', async () => {
    const p = script(
      'prints.sh',
      [
        'echo "2026-12-01 10:00:00,000 INFO app.main: started"',
        'echo "Traceback (most recent call last):" >&2',
        'sleep 0.3',
        'echo "2026-12-01 10:00:01,000 WARNING app.main: second"',
        'printf "2026-12-01 10:00:02,000 ERROR app.main: no newline at the end"',
        'exit 3',
      ].join('\n'),
    );
    const r = await runCli(['-p', '-o', 'json', `cmd:${p}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`logview: cmd:${p}: exited with status 3\n`);
    const recs = jsonLines(r.stdout);
    const out = recs.filter((x) => x.source === `cmd:${p}`);
    const err = recs.filter((x) => x.source === `cmd:${p} [stderr]`);
    expect(out.map((x) => [x.level, x.logger, x.message])).toEqual([
      ['info', 'app.main', 'started'],
      ['warning', 'app.main', 'second'],
      ['error', 'app.main', 'no newline at the end'],
    ]);
    expect(err.map((x) => x.message)).toEqual(['Traceback (most recent call last):']);
    // --cmd is the same source.
    const r2 = await runCli(['-p', '-o', 'json', '--cmd', p]);
    expect(jsonLines(r2.stdout)).toEqual(recs);
  });

  it('is live: records show before the command exits, and stopping logview stops the command', async () => {
    const pidFile = join(dir, 'live.pid');
    const p = script('live.sh', `echo $$ > ${pidFile}\necho "2026-12-01 10:00:00,000 INFO app: one"\nwhile :; do sleep 0.1; done`);
    const cli = new LiveCli(['-p', '--color', 'never', `cmd:${p}`]);
    await cli.waitFor('first record', () => cli.lines().some((l) => l.includes('app one')));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    const exit = await cli.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(cli.stderr).toBe('');
    // SIGTERM to the command's process group; it may take a moment to go.
    const t0 = Date.now();
    while (alive(pid) && Date.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 20));
    expect(alive(pid)).toBe(false);
  });

  it('--restart runs the command again after it exits, each run in order', async () => {
    const counter = join(dir, 'runs');
    const p = script('count.sh', `n=$(cat ${counter} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${counter}\necho "2026-12-01 10:00:0$n,000 INFO runner: run $n begins"\necho "2026-12-01 10:00:0$n,500 INFO runner: run $n ends"\nexit $n`);
    const cli = new LiveCli(['-p', '-o', 'json', '--restart', `cmd:${p}`]);
    await cli.waitFor('three runs', () => cli.lines().filter((l) => l.includes('ends')).length >= 3, 30000);
    expect((await cli.stop('SIGTERM')).code).toBe(0);
    const msgs = cli
      .lines()
      .map((l) => JSON.parse(l) as { message: string })
      .map((x) => x.message);
    expect(msgs.slice(0, 6)).toEqual(['run 1 begins', 'run 1 ends', 'run 2 begins', 'run 2 ends', 'run 3 begins', 'run 3 ends']);
    expect(cli.stderr).toMatch(new RegExp(`^logview: cmd:${p}: exited with status 1; restarting\nlogview: cmd:${p}: exited with status 2; restarting\n`));
  });

  it('a command that does not exist is one line and exit 1; the other sources go on', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, '2026-12-01 10:00:00,000 INFO app: from the file\n');
    const r = await runCli(['-p', '--color', 'never', 'cmd:no-such-command-xyz --flag', log]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('logview: cmd:no-such-command-xyz --flag: command not found\n');
    expect(r.stdout.toString()).toContain('from the file');
    const alone = await runCli(['-p', 'cmd:no-such-command-xyz']);
    expect([alone.code, alone.stderr, alone.stdout.length]).toEqual([1, 'logview: cmd:no-such-command-xyz: command not found\n', 0]);
    // Found but not executable.
    const noexec = join(dir, 'noexec.sh');
    writeFileSync(noexec, 'echo hi\n', { mode: 0o644 });
    const ne = await runCli(['-p', `cmd:${noexec}`]);
    expect([ne.code, ne.stderr]).toEqual([1, `logview: cmd:${noexec}: Permission denied\n`]);
    // With --restart it is not run again and again.
    const rr = await runCli(['-p', '--restart', 'cmd:no-such-command-xyz']);
    expect([rr.code, rr.stderr]).toEqual([1, 'logview: cmd:no-such-command-xyz: command not found\n']);
  });

  it('known outputs: kubectl --timestamps --prefix, logcli jsonl and docker compose prefixes give time and source fields', async () => {
    // Stand-ins that print what those tools print (their formats as documented and as seen in their output).
    const kubectl = script(
      'kubectl',
      [
        `echo '[pod/nova-api-7d9f8/nova-api] 2026-12-01T10:00:00.123456789Z 2026-12-01 09:00:00.120 7 INFO nova.api.openstack.requestlog [req-1 - - - - -] GET /v2.1/servers'`,
        `echo '[pod/nova-api-7d9f8/nova-api] 2026-12-01T10:00:01.000000001Z plain start-up text'`,
        `echo '[pod/nova-api-55c4d/nova-api] 2026-12-01T10:00:02.5Z {"level":"error","msg":"db gone","logger":"nova.db"}'`,
      ].join('\n'),
    );
    const k = await runCli(['-p', '-o', 'json', `cmd:${kubectl} logs -f deploy/nova-api --timestamps --prefix`]);
    expect(k.code).toBe(0);
    expect(jsonLines(k.stdout).map((x) => [x.time, x.level, x.logger, x.message, x.fields])).toEqual([
      ['2026-12-01T10:00:00.123Z', 'info', 'nova.api.openstack.requestlog', 'GET /v2.1/servers', { pod: 'nova-api-7d9f8', container: 'nova-api', request_id: 'req-1' }],
      ['2026-12-01T10:00:01.000Z', undefined, undefined, 'plain start-up text', { pod: 'nova-api-7d9f8', container: 'nova-api' }],
      ['2026-12-01T10:00:02.500Z', 'error', 'nova.db', 'db gone', { pod: 'nova-api-55c4d', container: 'nova-api' }],
    ]);
    const logcli = script(
      'logcli',
      [
        `echo '{"labels":{"app":"nova","pod":"nova-api-0"},"line":"2026-12-01 10:00:00.123 7 WARNING nova.compute.manager [-] disk low","timestamp":"2026-12-01T10:00:00.123456789Z"}'`,
        `echo '{"labels":{"app":"nova","pod":"nova-api-1"},"line":"plain text","timestamp":"2026-12-01T10:00:01Z"}'`,
      ].join('\n'),
    );
    const l = await runCli(['-p', '-o', 'json', `cmd:${logcli} query --tail -o jsonl '{app="nova"}'`]);
    expect(jsonLines(l.stdout).map((x) => [x.time, x.level, x.logger, x.message, x.fields])).toEqual([
      ['2026-12-01T10:00:00.123Z', 'warning', 'nova.compute.manager', 'disk low', { app: 'nova', pod: 'nova-api-0' }],
      ['2026-12-01T10:00:01.000Z', undefined, undefined, 'plain text', { app: 'nova', pod: 'nova-api-1' }],
    ]);
    const compose = script('docker', `echo 'web-1  | 2026-12-01 10:00:00,000 INFO app.web: up'\necho 'db-1   | 2026-12-01 10:00:01.000 UTC [1] LOG:  ready'`);
    const c = await runCli(['-p', '-o', 'json', `cmd:${compose} compose logs -f`]);
    expect(jsonLines(c.stdout).map((x) => (x.fields as { service?: string } | undefined)?.service)).toEqual(['web-1', 'db-1']);
  });

  it('bad quoting is bad usage (exit 2)', async () => {
    const r = await runCli(['-p', `cmd:echo 'oops`]);
    expect([r.code, r.stderr]).toEqual([2, "logview: cmd:echo 'oops: unterminated single quote (see logview --help)\n"]);
    expect(existsSync(dir)).toBe(true);
  });
});

describe('cmd: in the viewer', () => {
  it('shows stdout and stderr rows tagged apart, the exit in the status bar; keys work', async () => {
    const p = script('vc.sh', 'echo "2026-12-01 10:00:00,000 INFO app.main: to stdout"\necho "to stderr" >&2\nsleep 0.5\nexit 4');
    const t = logview(`'cmd:${p}'`, { cols: 120, rows: 20 });
    await t.waitFor('exited with status 4', 20000);
    expect(t.lines().find((l) => l.includes('to stdout'))).toMatch(/^vc +\d/);
    expect(t.lines().find((l) => l.includes('to stderr'))).toMatch(/^vc:err /);
    t.send('?');
    await t.waitFor('(j/k scroll, Esc close)');
    t.send('Escape');
    t.send('q');
    await t.waitFor('EXITED 0');
  }, 60000);
});
