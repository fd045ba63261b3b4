// Issue 11 item 12, the rest: patterns V8's linear-time engine refuses
// (backreferences, lookarounds) never hang print mode or the TUI, through
// the built bin/logview.js (the TUI in tmux).
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { hasTmux, sh, tempLog, tmuxSessions } from './e2e-tui-harness.js';

const A40 = 'a'.repeat(40);
const STOPPED = /^logview: regex \/\(a\*\)\*\\1b\/ stopped: over 500 ms without an answer/;

describe('print mode: a backtracking pattern the linear engine cannot take', () => {
  it('-g "(a*)*\\1b" on a line of 40 a\'s: the matches before it, one line on stderr, exit 1', async () => {
    const r = await runCli(['--print', '-o', 'raw', '-g', '(a*)*\\1b'], { input: `aab\nxyz\n${A40}\naab\n` });
    expect(r.stdout.toString()).toBe('aab\n');
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.stderr).toMatch(STOPPED);
    expect(r.code).toBe(1);
  }, 20000);

  it('a file argument (read in parallel otherwise) and a -q regex stop the same way', async () => {
    const log = tempLog('redos-backref.log', `aab\n${A40}\naab\n`);
    const g = await runCli(['--print', '-o', 'raw', '-g', '(a*)*\\1b', log]);
    expect([g.stdout.toString(), g.code]).toEqual(['aab\n', 1]);
    expect(g.stderr).toMatch(STOPPED);
    const q = await runCli(['--print', '-o', 'raw', '-q', 'message ~ /(a*)*\\1b/', log]);
    expect(q.code).toBe(1);
    expect(q.stderr).toMatch(STOPPED);
  }, 30000);

  it('backreferences and lookarounds that do not run away still match', async () => {
    const r = await runCli(['--print', '-o', 'raw', '-g', '\\b(\\w+) \\1\\b'], { input: 'the the cat\nno repeat\nis is\n' });
    expect([r.stdout.toString(), r.stderr, r.code]).toEqual(['the the cat\nis is\n', '', 0]);
    const l = await runCli(['--print', '-o', 'raw', '-g', 'foo(?!bar)'], { input: 'foobar\nfoobaz\n' });
    expect([l.stdout.toString(), l.code]).toEqual(['foobaz\n', 0]);
  }, 20000);
});

const { logview } = tmuxSessions();

describe.skipIf(!hasTmux)('TUI: / with a pattern that backtracks without bound', () => {
  it('the search stops at its deadline with a notice in the status bar; the prompt still takes Esc, and q quits', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `INFO app ${i % 50 === 7 ? 'aab' : A40}`).join('\n') + '\n';
    const t = logview(sh(tempLog('redos-tui.log', lines)), { cols: 220 });
    await t.waitFor('200/200');
    t.send('/');
    t.type('(a*)*\\1b');
    await t.waitFor(/regex \/\(a\*\)\*\\1b\/ stopped/, 15000);
    // The prompt is still open and takes keys: Esc closes it.
    const prompt = /^\/\(a\*\)\*\\1b\s*$/m;
    expect(t.screen()).toMatch(prompt);
    t.send('Escape');
    await t.waitFor((s) => !prompt.test(s), 5000);
    t.send('q');
    await t.waitFor('EXITED 0', 10000);
  }, 40000);
});
