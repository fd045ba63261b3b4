import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { levelColumn } from '../src/render/row-format.js';
import { recordListLines, statusBarLine } from '../src/ui/screen.js';
import { expectGolden } from './golden.js';
import { makeViewer } from './ui-helpers.js';

// Times print in local time: the golden files are written for UTC.
process.env.TZ = 'UTC';

describe('the level column shows the level as written where it says more', () => {
  it('keeps the normalised label for spellings of it', () => {
    for (const [level, written] of [[Level.warning, 'WARNING'], [Level.warning, 'warn'], [Level.error, 'E'], [Level.info, 'Information'], [Level.critical, 'CRITICAL'], [Level.notice, 'NOTICE'], [Level.error, 'ERR']] as const) {
      expect(levelColumn(level, written), written).toBe('');
    }
    expect(levelColumn(Level.info, undefined)).toBe('');
  });

  it('shows other names upper-cased in five cells, longer ones cut with an ellipsis', () => {
    expect(levelColumn(Level.info, 'AUDIT')).toBe('AUDIT');
    expect(levelColumn(Level.trace, 'silly')).toBe('SILLY');
    expect(levelColumn(Level.notice, 'MARK')).toBe('MARK ');
    expect(levelColumn(Level.critical, 'FATAL')).toBe('FATAL');
    expect(levelColumn(Level.debug, 'D1')).toBe('D1   ');
    expect(levelColumn(Level.debug, 'DEBUGV')).toBe('DBGV ');
    expect(levelColumn(Level.info, 'INFO12')).toBe('INF12');
    expect(levelColumn(Level.trace, 'VERBOSE')).toBe('VERB…');
    expect(levelColumn(Level.info, 'success')).toBe('SUCC…');
    // Control characters in a level word are made safe before it is fitted.
    expect(levelColumn(Level.info, 'A\x1bB')).not.toMatch(/\x1b/);
  });

  it('golden: a list of Python records with custom level names, 100x12', () => {
    const lines = [
      '2024-05-16 00:00:01,000 DEBUGV kamaki.clients.send GET https://cyclades.example.org/servers',
      '2024-05-16 00:00:02,000 AUDIT nova.compute.resource_tracker Final resource view',
      '2024-05-16 00:00:03,000 SILLY app.worker polling',
      '2024-05-16 00:00:04,000 Information app.http request served',
      '2024-05-16 00:00:05,000 WARNING app.http slow',
      '2024-05-16 00:00:06,000 FATAL app.worker gave up',
      '2024-05-16 00:00:07,000 INFO app.worker done',
    ];
    const v = makeViewer(lines, { columns: 100, rows: 9 });
    const shown = recordListLines(v);
    expect(shown.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').slice(13, 18))).toEqual(['DBGV ', 'AUDIT', 'SILLY', 'INFO ', 'WARN ', 'FATAL', 'INFO ']);
    expectGolden('list-level-names-100x9', [...shown, statusBarLine(v)]);
  });
});
