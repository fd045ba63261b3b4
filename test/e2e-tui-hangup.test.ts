import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, sh, tempLog, Tmux, tmuxSessions } from './e2e-tui-harness.js';
import { alive } from './helpers/alive.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'loghub', 'OpenStack_2k.log');

async function until(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return test();
}

describe('the terminal hangs up (its tmux server killed)', () => {
  const { track } = tmuxSessions();

  // The terminal may go at any moment: before the first paint, between it and
  // Ink's first frame (keys raw, no Ink yet: restoring them threw EIO and the
  // process stayed, indexing, for ever), or once Ink draws.
  it.each([0, 100, 200, 400, 800, 1600])('after %i ms: logview ends, without an abort', async (delay) => {
    const dir = tempLog('pid', '');
    const pidFile = `${dir}.pid`;
    const errFile = `${dir}.err`;
    const t = track(new Tmux(`echo $$ > ${sh(pidFile)}; exec node ${sh(BIN)} ${sh(FIXTURE)} 2>${sh(errFile)}`));
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 10_000)).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    await new Promise((r) => setTimeout(r, delay));
    t.kill();
    expect(await until(() => !alive(pid), 5000)).toBe(true);
    // Node's own abort when it resets a hung-up terminal's modes at exit.
    const err = existsSync(errFile) ? readFileSync(errFile, 'utf8') : '';
    expect(err).not.toMatch(/Assertion failed|Native stack trace/);
  });
});
