import { describe, expect, it } from 'vitest';
import { hasTmux, sh, tempLog, tmuxSessions } from './e2e-tui-harness.js';

// Issue 9 in a real terminal: a log4js pattern layout given as --log-format log4js:...,
// its custom levels shown in the row's level column as written.

const { logview } = tmuxSessions();

// As log4js 6 writes pattern '%d{yyyy-MM-dd hh:mm:ss.SSS} [%-5p] %c - %m' with custom levels AUDIT and DEBUGV.
const LINES = [
  '2024-05-16 10:00:01.101 [AUDIT] api.auth - login ok',
  '2024-05-16 10:00:02.202 [DEBUGV] kamaki.clients.send - GET /servers',
  '2024-05-16 10:00:03.303 [MARK ] app - marked',
  '2024-05-16 10:00:04.404 [WARN ] app.http - slow',
  '2024-05-16 10:00:05.505 [FATAL] app - down',
];
const PATTERN = 'log4js:%d{yyyy-MM-dd hh:mm:ss.SSS} [%-5p] %c - %m';

describe.skipIf(!hasTmux)('levels as written, in a real terminal', () => {
  it('a log4js pattern layout read by --log-format log4js:; the row shows AUDIT, DBGV, MARK, WARN, FATAL', async () => {
    const log = tempLog('node-app.log', LINES.join('\n') + '\n');
    const t = logview(`--log-format ${sh(PATTERN)} ${sh(log)}`, { env: 'env TZ=UTC XDG_CONFIG_HOME=/nonexistent', cols: 100, rows: 12 });
    await t.waitFor('shown 5/5');
    const rows = t.lines().slice(0, 5).map((l) => l.trimEnd());
    expect(rows).toEqual([
      expect.stringMatching(/^10:00:01\.101 AUDIT api\.auth +login ok$/),
      expect.stringMatching(/^10:00:02\.202 DBGV  kamaki\.clients\.send +GET \/servers$/),
      expect.stringMatching(/^10:00:03\.303 MARK  app +marked$/),
      expect.stringMatching(/^10:00:04\.404 WARN  app\.http +slow$/),
      expect.stringMatching(/^10:00:05\.505 FATAL app +down$/),
    ]);
    // The details pane has the name in full beside the normalised level.
    t.send('k', 'k', 'k', 'Enter');
    await t.waitFor('DEBUG (DEBUGV)');
  });
});
