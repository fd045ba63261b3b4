import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { hasTmux, sh, tempLog, tmuxSessions } from './e2e-tui-harness.js';

// Wide and combining text through the built TUI: the bundle makes
// string-width's Intl.Segmenter on first use (scripts/bundle.mjs), so these
// rows are its first use; cut to the terminal's width, none wraps.

const { logview } = tmuxSessions();
const COLS = 60;
const ROWS = 12;

describe.skipIf(!hasTmux)('TUI: wide characters in the built bundle', () => {
  it('CJK, emoji and combining marks fit their rows: nothing wraps, the status bar stays on the last row', async () => {
    const lines = [
      '2024-05-16 10:00:00,000 INFO app.api ' + '日本語のメッセージ'.repeat(8),
      '2024-05-16 10:00:01,000 WARNING app.db ✅ done 🎉 ' + '👍'.repeat(40),
      '2024-05-16 10:00:02,000 ERROR app.api cafe\u0301 e\u0301te\u0301 ' + '한국어'.repeat(20),
    ];
    const t = logview(sh(tempLog('wide.log', lines.join('\n') + '\n')), { cols: COLS, rows: ROWS });
    await t.waitFor('3/3');
    const screen = await t.waitFor((s) => s.includes('日本語') && s.includes('👍') && s.includes('한국어'));
    const rows = screen.split('\n');
    for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(COLS);
    // A row counted too narrow would wrap onto the next and push the status bar down and off.
    expect(rows.filter((r) => r.includes('日本語'))).toHaveLength(1);
    expect(rows.filter((r) => r.includes('한국어'))).toHaveLength(1);
    expect(t.status()).toContain('3/3');
    t.send('q');
    await t.waitFor('EXITED 0', 10000);
  }, 40000);
});
