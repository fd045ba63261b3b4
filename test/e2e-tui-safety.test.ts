// Red-team findings (issue 11) in the TUI, driven in a real terminal (tmux):
// a backtracking search, a 5,000-deep JSON record opened, bidi controls,
// hostile file names, an unreadable source's exit status, devices.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, hasTmux, sh, tempLog, Tmux, tmuxSessions } from './e2e-tui-harness.js';

const { logview, track } = tmuxSessions();
const q = sh;

describe.skipIf(!hasTmux)('TUI under attack', () => {
  it('item 12: typing /(a+)+$ over lines of a\'s never freezes: keys answer and q quits', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `INFO app ${'a'.repeat(40)}${i % 2 ? 'b' : ''}`).join('\n') + '\n';
    const t = logview(q(tempLog('redos.log', lines)));
    await t.waitFor('200/200');
    t.send('/');
    t.type('(a+)+$');
    t.send('Enter');
    // Every line ends in a newline, so none matches; each one backtracks for ever without the linear fallback.
    await t.waitFor(/\/\(a\+\)\+\$\/ 0 matches/, 15000);
    t.send('/');
    t.type('(a+)+b');
    t.send('Enter');
    await t.waitFor(/\/\(a\+\)\+b\/ 100 matches/, 15000);
    t.send('q');
    await t.waitFor('EXITED 0', 10000);
  }, 40000);

  it('item 13: Enter on a JSON record nested 5,000 deep shows its details, no crash', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const t = logview(q(tempLog('deep.log', `{"level":"info","msg":"before"}\n${deep}\n{"level":"info","msg":"after"}\n`)));
    await t.waitFor('3/3');
    t.send('g', 'j', 'Enter');
    await t.waitFor(/record details/, 10000);
    expect(t.screen()).toContain('{"a":{"a":');
    t.send('Escape');
    t.send('q');
    await t.waitFor('EXITED 0', 10000);
  }, 40000);

  it('item 16: bidi controls show escaped, never reorder the line', async () => {
    const t = logview(q(tempLog('bidi.log', 'INFO app access \u202Eevil\u202C granted \u2066x\u2069\n')));
    await t.waitFor('1/1');
    const s = t.screen();
    expect(s).toContain('\\u202e');
    expect(s).toContain('\\u2066');
    expect(s).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('item 15: a file name with an OSC title sequence: the pane keeps its title, the name shows escaped', async () => {
    const name = join(dirname(tempLog('x.log', '')), 'a\x1b]2;PWNED\x07.log');
    writeFileSync(name, 'INFO app hello\n');
    const t = logview(q(name));
    await t.waitFor('1/1');
    expect(t.tmux('display', '-p', '-t', 'main', '#{pane_title}')).not.toContain('PWNED');
    expect(t.status()).toContain('\\x1b]2;PWNED\\x07');
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('item 19: a directory given as the source: one logview: line and exit status 1', async () => {
    const d = join(dirname(tempLog('x.log', '')), 'adir');
    mkdirSync(d);
    const t = logview(q(d));
    await t.waitFor('Is a directory');
    t.send('q');
    const s = await t.waitFor(/EXITED \d/);
    expect(s).toContain('EXITED 1');
    expect(s).toMatch(/logview: .*adir: Is a directory/);
  });

  it('item 3: `<(cmd)` opens in the TUI without ESPIPE', async () => {
    // The harness's shell is sh; process substitution needs bash.
    const t = new Tmux(`bash -c ${q(`node ${q(BIN)} <(printf 'INFO app from-a-pipe\\n'); echo "EXITED $?"; sleep 60`)}`);
    track(t);
    await t.waitFor('from-a-pipe');
    expect(t.screen()).not.toContain('ESPIPE');
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('item 11: /dev/urandom in the TUI is read as a stream: no "file truncated"', async () => {
    const t = logview('/dev/urandom');
    await t.waitFor(/\d+\/\d+/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.status()).not.toContain('truncated');
    t.send('q');
    await t.waitFor('EXITED 0', 15000);
  }, 30000);

  it('item 19: a closed stdin (`<&-`) is one error line and exit 1; `</dev/null` opens an empty view', async () => {
    const closed = logview('<&-');
    const s = await closed.waitFor(/EXITED \d/);
    expect(s).toMatch(/^logview: standard input: Bad file descriptor \(it is closed\)\nEXITED 1$/m);
    const empty = logview('</dev/null');
    await empty.waitFor('stdin closed');
    expect(empty.alternateOn()).toBe(true);
    empty.send('q');
    await empty.waitFor('EXITED 0', 10000);
  }, 30000);
});
