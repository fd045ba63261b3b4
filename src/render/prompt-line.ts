import { cleanText, fitSegments, segsWidth, type Seg } from './text-fit.js';
import type { Theme } from './theme.js';

export interface PromptInput {
  kind: 'search' | 'find' | 'where';
  text: string;
  error?: string | undefined;
  width: number;
  theme: Theme;
}

/** The prompt line: `/pattern` with a block cursor, and the regex error if any. */
export function promptLine(i: PromptInput): string {
  const { theme } = i;
  const lead = i.kind === 'search' ? '/' : i.kind === 'where' ? 'where: ' : 'logger: ';
  const segs: Seg[] = [{ text: lead, open: theme.bold.open }, { text: cleanText(i.text) }, { text: ' ', open: theme.inverse.open }];
  if (i.error !== undefined) segs.push({ text: `  ${i.kind === 'where' ? '' : 'invalid regex: '}${cleanText(i.error)}`, open: theme.error.open });
  else if (i.kind === 'find') segs.push({ text: '  ↑↓ choose, Enter jump, Esc cancel', open: theme.dim.open });
  // Keep the end of a long pattern (where typing happens) in sight.
  return fitSegments(segs, i.width, { skip: Math.max(0, segsWidth(segs) - i.width) });
}
