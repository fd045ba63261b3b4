import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { append, hasTmux, probeFollow, ROOT, tempLog, Tmux, tmuxSessions } from './e2e-tui-harness.js';

const FIXTURE = join(ROOT, 'test/fixtures/kamaki_file_debug.log');
const OSLO = join(ROOT, 'test/fixtures/oslo_text.log');


// Whether ingest follows files yet (another branch adds it): asked of the built CLI.
const followAvailable = hasTmux && (await probeFollow());
const { logview, track } = tmuxSessions();

const COUNT = /shown (\d+)\/(\d+)/;
function counts(status: string): [number, number] {
  const m = COUNT.exec(status);
  if (!m) throw new Error(`no counts in status: ${status}`);
  return [Number(m[1]), Number(m[2])];
}

describe.skipIf(!hasTmux)('TUI in a real terminal', () => {
  it('opens a file full screen on the alternate screen, and restores the terminal on q', async () => {
    const t = logview(FIXTURE, { before: 'echo BEFORE-LOGVIEW;' });
    await t.waitFor('Failed to load authenticator');
    expect(t.alternateOn()).toBe(true);
    const s = t.screen();
    expect(s).toContain('Failed to load authenticator');
    expect(s).not.toContain('BEFORE-LOGVIEW');
    expect(t.status()).toMatch(/FOLLOW .*kamaki_file_debug\.log\s+13 of 13\s+100%\s+shown 13\/13 .*\? help/);
    t.send('q');
    const after = await t.waitFor('EXITED 0');
    expect(t.alternateOn()).toBe(false);
    expect(after).toContain('BEFORE-LOGVIEW');
    expect(after).not.toContain('Failed to load authenticator');
  });

  it('scrolls: g to the top pauses, j moves, G resumes following', async () => {
    const t = logview(`${FIXTURE} ${OSLO}`, { rows: 15 });
    await t.waitFor('24/24');
    t.send('g');
    await t.waitFor((s) => s.split('\n')[0]!.includes('kamaki server list -v'));
    expect(t.status()).toContain('PAUSED');
    t.send('PageDown');
    await t.waitFor((s) => !s.split('\n')[0]!.includes('kamaki server list -v'));
    t.send('G');
    await t.waitFor((s) => s.split('\n')[13]!.includes('FOLLOW'));
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('searches incrementally, moves with n, and shows only matches with &', async () => {
    const t = logview(FIXTURE);
    await t.waitFor('13/13');
    t.send('g');
    t.send('/');
    t.type('recv');
    await t.waitFor(/^\/recv/m);
    t.send('Enter');
    await t.waitFor(/\/recv\/ 3 matches/);
    t.send('n', 'n', 'n');
    await t.waitFor('no more matches below');
    t.send('&');
    await t.waitFor((s) => counts(t.status())[0] === 3 && s.includes('(only)'));
    // An invalid regex is shown in the prompt, not a crash.
    t.send('/');
    t.type('a(b');
    await t.waitFor('invalid regex');
    t.send('Escape');
    await t.waitFor((s) => !s.includes('invalid regex'));
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('filters by logger subtree from the tree pane', async () => {
    const t = logview(FIXTURE);
    await t.waitFor('13/13');
    t.send('t');
    await t.waitFor('(all loggers)');
    t.send('/');
    t.type('clients');
    await t.waitFor(/logger: clients/);
    t.send('Enter');
    await t.waitFor((s) => !/logger: clients/.test(s));
    t.send('Space');
    await t.waitFor(/clients hidden/);
    const [shown, total] = counts(t.status());
    expect(total).toBe(13);
    expect(shown).toBe(13 - 8); // kamaki.clients and everything under it
    t.send('Space');
    await t.waitFor(() => counts(t.status())[0] === 13);
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('changes the level threshold with + and - over the levels present, and 1..7 directly', async () => {
    const t = logview(FIXTURE);
    await t.waitFor('13/13');
    // DEBUG, INFO, WARNING and ERROR are present: two steps up is WARNING.
    t.send('+', '+');
    await t.waitFor(() => t.status().includes('≥WARNING'));
    expect(counts(t.status())).toEqual([3, 13]);
    t.send('-');
    await t.waitFor(() => t.status().includes('≥INFO'));
    t.send('6');
    await t.waitFor(() => t.status().includes('≥ERROR'));
    expect(counts(t.status())).toEqual([2, 13]);
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('shows details and help, and closes them with Escape', async () => {
    const t = logview(FIXTURE);
    await t.waitFor('13/13');
    t.send('g', 'j', 'j', 'Enter');
    await t.waitFor('HTTP request');
    expect(t.screen()).toContain('Content-Length: 67');
    t.send('Escape');
    await t.waitFor((s) => !s.includes('HTTP request'));
    t.send('?');
    await t.waitFor('previous record');
    t.send('Escape');
    await t.waitFor((s) => !s.includes('previous record'));
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('re-lays out on resize, down to 40x10', async () => {
    const t = logview(FIXTURE);
    await t.waitFor('Failed to load authenticator');
    t.resize(40, 10);
    // Wait for the settled frame: while a resize is handled the terminal may
    // show a frame drawn for the old size, or be cleared for a moment.
    const s = await t.waitFor((s) => {
      const l = s.split('\n');
      return (l[8] ?? '').includes('FOLLOW') && l.every((x) => x.length <= 40) && s.includes('Failed to load');
    });
    expect(s).toContain('Failed to load');
    t.resize(120, 30);
    await t.waitFor((s) => (s.split('\n')[28] ?? '').includes('? help  q quit'));
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('reads piped stdin, keys from the terminal; q exits while the producer still runs', async () => {
    // The producer keeps writing (empty lines) until logview is gone.
    const t = logview('', { before: `(cat ${FIXTURE}; while echo; do sleep 0.2; done) |` });
    // (The last record waits for the next line or EOF: it may still grow.)
    await t.waitFor('cloud.default.token is now empty');
    expect(t.status()).toContain('stdin');
    t.send('g');
    await t.waitFor('PAUSED');
    t.send('q');
    await t.waitFor('EXITED 0', 5000);
    expect(t.alternateOn()).toBe(false);
  });

  it('says when piped stdin has closed', async () => {
    const t = logview('', { before: `cat ${FIXTURE} |` });
    await t.waitFor('stdin closed');
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('quits on Ctrl-C, SIGTERM and SIGHUP, restoring the normal screen', async () => {
    const t = logview(FIXTURE);
    await t.waitFor('13/13');
    t.send('C-c');
    await t.waitFor('EXITED 0');
    expect(t.alternateOn()).toBe(false);

    // In the background (keys then come from /dev/tty), so the test knows its pid.
    for (const [signal, status] of [
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      const pidFile = tempLog('pid', '');
      const u = new Tmux(`cd ${ROOT} && node bin/logview.js ${FIXTURE} & echo $! > ${pidFile}; wait $!; echo "EXITED $?"; sleep 60`);
      track(u);
      await u.waitFor('13/13');
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, signal);
      await u.waitFor(`EXITED ${status}`, 5000);
      expect(u.alternateOn()).toBe(false);
    }
  });

  it('falls back to print mode when there is no terminal to read keys from', async () => {
    const t = logview(`${FIXTURE} < /dev/null`, { before: 'setsid -w' });
    const s = await t.waitFor('EXITED 0');
    expect(s).toContain('Failed to load authenticator');
    expect(s).not.toContain('FOLLOW');
  });

  it.skipIf(!followAvailable)('follows an append (needs [follow])', async () => {
    const path = tempLog('app.log', readFileSync(FIXTURE, 'utf8'));
    const t = logview(path);
    await t.waitFor('13/13');
    append(path, '2024-05-16 00:01:00,000 ERROR kamaki.cli appended while watching\n');
    await t.waitFor('appended while watching');
    expect(counts(t.status())).toEqual([14, 14]);
    // Scrolled up, new records are counted, not shown.
    t.send('g');
    await t.waitFor('PAUSED');
    append(path, '2024-05-16 00:01:01,000 INFO kamaki.cli one more\n');
    await t.waitFor('PAUSED +1');
    t.send('G');
    await t.waitFor('one more');
    t.send('q');
    await t.waitFor('EXITED 0');
  });
  it('a mistyped file without -f is one logview: line and exit 1, as in print mode (issue 10 item 2)', async () => {
    const t = logview('nope-does-not-exist.log');
    const s = await t.waitFor('EXITED 1');
    expect(s).toContain('logview: nope-does-not-exist.log: No such file or directory');
    expect(s).not.toContain('FOLLOW');
    expect(t.alternateOn()).toBe(false);
  });

  it('with -F, a missing file is waited for like tail -F (issue 10 item 2)', async () => {
    const t = logview('-F nope-does-not-exist.log');
    await t.waitFor(/waiting for|no records yet/);
    expect(t.alternateOn()).toBe(true);
    t.send('q');
    await t.waitFor('EXITED');
  });

  it('no argument on a terminal says how to start, exit 2 (issue 10 item 11)', async () => {
    const t = logview('');
    const s = await t.waitFor('EXITED 2');
    expect(s).toContain('logview: no input');
    expect(s).toContain('--demo');
  });

  it('an unbound key says so in the status bar (issue 10 item 8)', async () => {
    const t = logview(FIXTURE);
    await t.waitFor('13/13');
    t.send('z');
    await t.waitFor('z: not a key -- ? for help');
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('a file name with the placeholder characters is shown escaped, never spliced into the screen (issue 11 item 17)', async () => {
    const path = tempLog('a\uE000\uE100\uE001.log', readFileSync(FIXTURE, 'utf8'));
    const t = logview(`'${path}'`);
    await t.waitFor('13/13');
    expect(t.status()).toContain('a\\ue000\\ue100\\ue001.log');
    expect(t.status()).toMatch(/FOLLOW .*13 of 13/);
    t.send('q');
    await t.waitFor('EXITED 0');
  });
});
