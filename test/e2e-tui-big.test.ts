import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { append, tempLog, tmuxSessions } from './e2e-tui-harness.js';
import { writePythonLog } from './helpers/writers/python-log.js';

const { logview } = tmuxSessions();

/** Shown/total from the status bar. */
function total(status: string): number {
  const m = /([\d,]+)…?\/([\d,]+)/.exec(status);
  return m ? Number(m[2]!.replace(/,/g, '')) : -1;
}

describe('TUI on a big file and on a growing last line', () => {
  it('shows the tail of a big file at once, indexes the start in the background, and g reaches the first record', async () => {
    // ~40 MiB written by Python's logging (tracebacks included): opened at its tail.
    const path = tempLog('big.log', '');
    writePythonLog(path, { count: 400000, tracebackEvery: 1001, message: 'record %d %s', pad: 40 });
    const records = readFileSync(path, 'latin1').split('\n').filter((l) => l.startsWith('20')).length;
    const t = logview(path, { cols: 160, rows: 30 });
    await t.waitFor(/record 399999 y/, 20_000);
    // The tail came first: fewer records than the file holds while the start is indexed.
    const early = t.status();
    expect(total(early)).toBeLessThan(records);
    await t.waitFor((s) => {
      const status = s.split('\n').filter((l) => l.trim() !== '').pop() ?? '';
      return total(status) === records && !status.includes('indexing');
    }, 120_000);
    // The tail's record is still the one selected at the bottom.
    expect(t.screen()).toMatch(/record 399999 y/);
    t.send('g');
    await t.waitFor(/record 0 y/, 10_000);
    t.send('G');
    await t.waitFor(/record 399999 y/, 10_000);
  }, 180_000);

  it('a last line without a newline shows after a moment, and grows in place when the writer completes it', async () => {
    const path = tempLog('partial.log', '');
    writeFileSync(path, '2024-05-16 00:00:01,000 INFO app first\n2024-05-16 00:00:02,000 WARNING app half a line');
    const t = logview(path, { cols: 100, rows: 10 });
    await t.waitFor(/half a line/, 10_000);
    await t.waitFor(() => total(t.status()) === 2, 10_000);
    append(path, ' and the rest\n2024-05-16 00:00:03,000 INFO app third\n');
    await t.waitFor(/third/, 10_000);
    const s = t.screen();
    expect(s).toMatch(/half a line and the rest/);
    // Replaced, not repeated.
    expect(s.match(/half a line/g)).toHaveLength(1);
    await t.waitFor(() => total(t.status()) === 3, 10_000);
  }, 60_000);
});


