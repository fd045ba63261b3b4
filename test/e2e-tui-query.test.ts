import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTmux, ROOT, tmuxSessions, type Tmux } from './e2e-tui-harness.js';

const KAMAKI = join(ROOT, 'test/fixtures/http/kamaki_http.log');
const NOVA = join(ROOT, 'test/fixtures/http/nova_api.log');
const DEBUG = join(ROOT, 'test/fixtures/kamaki_file_debug.log');

const { logview } = tmuxSessions();

/**
 * Wait until the viewer answers keys: a key typed while Ink mounts can be
 * lost (seen here under load), so `?` is sent until the help shows, then closed.
 */
async function ready(t: Tmux): Promise<void> {
  for (let tries = 0; ; tries++) {
    t.send('?');
    try {
      await t.waitFor('previous record', 1000);
      break;
    } catch (err) {
      if (tries >= 20) throw err;
    }
  }
  t.send('Escape');
  await t.waitFor((s) => !s.includes('previous record'));
}

const COUNT = /shown (\d+)\/(\d+)/;
function shown(status: string): number {
  const m = COUNT.exec(status);
  if (!m) throw new Error(`no counts in status: ${status}`);
  return Number(m[1]);
}

describe.skipIf(!hasTmux)('TUI data keys in a real terminal', () => {
  it(': a field query: the error as you type, applied on Enter, shown in the status bar', async () => {
    const t = logview(`${KAMAKI} ${NOVA}`, { cols: 140 });
    await t.waitFor('shown 10/10');
    await ready(t);
    t.send(':');
    await t.waitFor(/^where:/m);
    t.type('status >= 500 and level >');
    await t.waitFor('expected a value');
    t.type('= info');
    await t.waitFor((s) => !s.includes('expected a value'));
    t.send('Enter');
    await t.waitFor(() => t.status().includes('where status >= 500 and level >= info'));
    expect(shown(t.status())).toBe(1); // the wsgi line: kamaki's 500 is DEBUG
    expect(t.screen()).toContain('"DELETE /compute/v2.1/servers/42 HTTP/1.1"');
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('-q on the command line is the prompt\'s starting query', async () => {
    const t = logview(`-q 'logger ~ nova' ${KAMAKI} ${NOVA}`, { cols: 140 });
    await t.waitFor(() => t.status().includes('where logger ~ nova') && t.status().includes('shown 2/10'));
    await ready(t);
    t.send(':');
    await t.waitFor('where: logger ~ nova');
    t.send('Escape');
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('r filters to the selected record\'s request across both files, R clears', async () => {
    const t = logview(`${KAMAKI} ${NOVA}`, { cols: 140 });
    await t.waitFor('shown 10/10');
    await ready(t);
    // The bottom is selected; up to the nova ERROR line (5th of 10).
    t.send('g', 'j', 'j', 'j', 'j');
    t.send('r');
    await t.waitFor(() => t.status().includes('shown 4/10'));
    expect(t.status()).toContain('request req-00aa');
    const s = t.screen();
    expect(s).toContain('DELETE https://cyclades.example.org/compute/v2.1/servers/42');
    expect(s).toContain('500 Internal Server Error');
    expect(s).not.toContain('flavors');
    t.send('R');
    await t.waitFor(() => t.status().includes('shown 10/10'));
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('H lists the exchanges; Enter shows both halves; Esc and H go back', async () => {
    const t = logview(`${KAMAKI} ${NOVA}`, { cols: 120 });
    await t.waitFor('shown 10/10');
    await ready(t);
    t.send('H');
    await t.waitFor('HTTP exchanges  1/4');
    const s = t.screen();
    expect(s).toMatch(/10:00:00\.150 {2}DELETE {2}500 +120 B +200 ms +req-9d1c2b7e…/);
    expect(s).toMatch(/GET {5}404 +0 B +250 ms +\/compute\/v2\.1\/flavors/);
    t.send('j', 'Enter');
    await t.waitFor('request and response');
    expect(t.screen()).toContain('x-openstack-request-id: req-9d1c2b7e-5a44-4c0e-b1a3-2f6e1c0d9b77');
    t.send('Escape');
    await t.waitFor('HTTP exchanges  2/4');
    t.send('H');
    await t.waitFor((x) => !x.includes('HTTP exchanges') && x.includes('Command failed: flavor list'));
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('--http-status and -l LOGGER=LEVEL: the list and the tree pane show the same rules', async () => {
    const t = logview(`--http-status 4xx ${KAMAKI}`, { cols: 120 });
    await t.waitFor(() => t.status().includes('shown 2/'));
    expect(t.screen()).toContain('404 Not Found');
    t.send('q');
    await t.waitFor('EXITED 0');
    const u = logview(`-l kamaki.clients=debug -l info ${DEBUG}`, { cols: 120 });
    await u.waitFor(() => u.status().includes('shown 12/13'));
    await ready(u);
    u.send('t');
    await u.waitFor(/clients ≥DEBUG/);
    u.send('q');
    await u.waitFor('EXITED 0');
  });
});
