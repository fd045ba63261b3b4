import { describe, expect, it } from 'vitest';
import { detailLines } from '../src/render/details-lines.js';
import { Theme } from '../src/render/theme.js';
import { parseText } from './helpers/records.js';

const text = (r: Parameters<typeof detailLines>[0]): string[] => detailLines(r, 'app.log', new Theme(0)).map((segs) => segs.map((s) => s.text).join(''));

describe('details pane', () => {
  it('shows the level as the log wrote it beside the normalised one (issue 9 part 4)', () => {
    const [debugv] = parseText('kamaki.clients.send(DEBUGV) 2024-05-16 00:00:06,036\n  GET https://example.org/x\n');
    expect(debugv!.levelName).toBe('DEBUGV');
    expect(text(debugv!).find((l) => l.includes('level'))).toMatch(/DEBUG \(DEBUGV\)/);
    const [plain] = parseText('2024-05-16 00:00:06,036 WARNING app.x careful\n');
    const level = text(plain!).find((l) => l.includes('level'))!;
    expect(level).toMatch(/WARNING/);
    expect(level).not.toContain('(');
  });
});
