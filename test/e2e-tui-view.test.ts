import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTmux, tempLog, tmuxSessions } from './e2e-tui-harness.js';

// The view half of issue 12 in a real terminal: timeline, marks, time range, save, copy.

const { logview } = tmuxSessions();

/** 120 records, one a second from 10:00:00, every 10th an ERROR. */
const LINES = Array.from({ length: 120 }, (_, i) => {
  const t = new Date(Date.UTC(2024, 4, 16, 10, 0, i)).toISOString().slice(11, 19);
  return `2024-05-16 ${t},000 ${i % 10 === 0 ? 'ERROR' : 'INFO'} app.worker event ${i}`;
});
const ENV = 'env TZ=UTC XDG_CONFIG_HOME=/nonexistent';

describe.skipIf(!hasTmux)('TUI view tools in a real terminal', () => {
  it('T opens the timeline; the cursor shows a bucket; Enter jumps the list there', async () => {
    const log = tempLog('timeline.log', LINES.join('\n') + '\n');
    const t = logview(log, { env: ENV, cols: 100, rows: 24 });
    // The status bar's sparkline.
    await t.waitFor(() => /shown 120\/120 {2}[▁▂▃▄▅▆▇█]+/.test(t.status()));
    t.send('T');
    await t.waitFor('1 column = 2 s');
    await t.waitFor('▲ 10:01:58 – 10:02:00  2 records: 2 INFO');
    t.send('g');
    await t.waitFor('▲ 10:00:00 – 10:00:02  2 records: 1 ERROR  1 INFO');
    t.send('l', 'l', 'l', 'l', 'l');
    await t.waitFor('▲ 10:00:10 – 10:00:12');
    t.send('Enter');
    await t.waitFor('at 2024-05-16 10:00:10');
    expect(t.status()).toContain('PAUSED');
    // The selected row (inverse) is the bucket's first record.
    expect(t.tmux('capture-pane', '-p', '-e', '-t', 'main').split('\n').find((l) => l.includes('\x1b[7m') && l.includes('event 10'))).toBeDefined();
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it("m marks, ' jumps to the next mark, M shows only the marks", async () => {
    const log = tempLog('marks.log', LINES.slice(0, 20).join('\n') + '\n');
    const t = logview(log, { env: ENV, cols: 100, rows: 24 });
    await t.waitFor('20/20');
    t.send('g', 'm', 'j', 'j', 'j', 'm');
    await t.waitFor('marked (2 marks)');
    await t.waitFor(/◆ event 0/);
    t.send('g', 'j', "'");
    await t.waitFor((s) => /4 of 20/.test(s));
    t.send('M');
    await t.waitFor(/shown 2\/20 .*2 marked \(only\)/);
    t.send('M');
    await t.waitFor(/shown 20\/20/);
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('@ takes a time range relative to the selected record', async () => {
    const log = tempLog('range.log', LINES.join('\n') + '\n');
    const t = logview(log, { env: ENV, cols: 120, rows: 24 });
    await t.waitFor('120/120');
    t.send('@');
    await t.waitFor('time range: ');
    // A leading '-' would be read as a tmux flag.
    t.send('-');
    t.type('9s');
    t.send('Enter');
    // The last record is at 10:01:59: 10:01:50..10:01:59 is ten records.
    await t.waitFor(/shown 10\/120 .*time 2024-05-16 10:01:50\.\.10:01:59/);
    t.send('@');
    t.type('10:00:00..10:00:04');
    t.send('Enter');
    await t.waitFor(/shown 5\/120/);
    t.send('@');
    t.type('later');
    t.send('Enter');
    await t.waitFor("not a time: 'later'");
    t.send('C-u', 'Enter');
    await t.waitFor(/shown 120\/120 .*time range cleared/);
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('s saves the filtered view to a file and reports the count', async () => {
    const log = tempLog('save.log', LINES.join('\n') + '\n');
    const out = join(dirname(log), 'errors.log');
    const t = logview(log, { env: ENV, cols: 160, rows: 24 });
    await t.waitFor('120/120');
    t.send('6');
    await t.waitFor(/shown 12\/120/);
    t.send('s');
    await t.waitFor('save 12 shown records to: ');
    t.type(out);
    t.send('Enter');
    await t.waitFor('wrote 12 records to');
    await t.waitFor('(raw)');
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe(LINES.filter((l) => l.includes('ERROR')).join('\n') + '\n');
    t.send('s');
    t.type(`${out}.json`);
    t.send('Enter');
    await t.waitFor('(json)');
    const objs = readFileSync(`${out}.json`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { level: string });
    expect(objs).toHaveLength(12);
    expect(objs.every((o) => o.level === 'error')).toBe(true);
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('y copies the selected record with OSC 52 (tmux takes it into a paste buffer)', async () => {
    const log = tempLog('copy.log', LINES.slice(0, 5).join('\n') + '\n');
    const t = logview(log, { env: ENV, cols: 120, rows: 24 });
    t.tmux('set', '-s', 'set-clipboard', 'on');
    await t.waitFor('5/5');
    t.send('y');
    await t.waitFor('copied the record (47 bytes) to the clipboard (OSC 52)');
    expect(t.tmux('show-buffer')).toBe(LINES[4]);
    t.send('q');
    await t.waitFor('EXITED 0');
  });

  it('the config file sets default filters, a key remap and the light theme', async () => {
    const log = tempLog('config.log', LINES.join('\n') + '\n');
    const xdg = join(dirname(log), 'xdg');
    mkdirSync(join(xdg, 'logview'), { recursive: true });
    writeFileSync(join(xdg, 'logview', 'config.json'), JSON.stringify({ theme: 'light', filters: { level: 'error' }, keys: { 'ctrl-t': 'timeline' } }));
    const t = logview(log, { env: `env TZ=UTC TERM=xterm-256color XDG_CONFIG_HOME=${xdg}`, cols: 120, rows: 24 });
    await t.waitFor(/shown 12\/120 .*≥ERR/);
    // The light theme's ERROR: 256-colour red 160, not the dark theme's bold 31.
    expect(t.tmux('capture-pane', '-p', '-e', '-t', 'main')).toMatch(/\x1b\[38;5;160m(\x1b\[49m)?ERROR/);
    t.send('C-t');
    await t.waitFor('1 column = ');
    t.send('Escape', 'q');
    await t.waitFor('EXITED 0');
  });
});
