import { cleanText, fitSegments, segsWidth, type Seg } from './text-fit.js';
import type { Theme } from './theme.js';

export interface PromptInput {
  kind: 'search' | 'find' | 'where' | 'time' | 'save';
  /** What the line starts with, when not the kind's own (`/`, `logger: `). */
  lead?: string;
  /** Shown dim after the text while there is no error. */
  hint?: string;
  text: string;
  error?: string | undefined;
  width: number;
  theme: Theme;
}

/** The prompt line: `/pattern` with a block cursor, and the regex error if any. */
export function promptLine(i: PromptInput): string {
  const { theme } = i;
  const lead = i.lead ?? (i.kind === 'search' ? '/' : i.kind === 'where' ? 'where: ' : 'logger: ');
  const segs: Seg[] = [{ text: lead, open: theme.bold.open }, { text: cleanText(i.text) }, { text: ' ', open: theme.inverse.open }];
  if (i.error !== undefined) segs.push({ text: `  ${i.kind === 'search' || i.kind === 'find' ? 'invalid regex: ' : ''}${cleanText(i.error)}`, open: theme.error.open });
  else if (i.kind === 'find') segs.push({ text: '  ↑↓ choose, Enter jump, Esc cancel', open: theme.dim.open });
  else if (i.hint !== undefined) segs.push({ text: `  ${i.hint}`, open: theme.dim.open });
  // Keep the end of a long pattern (where typing happens) in sight.
  return fitSegments(segs, i.width, { skip: Math.max(0, segsWidth(segs) - i.width) });
}
