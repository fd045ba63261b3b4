import { fitSegments, padLine } from './text-fit.js';
import type { Theme } from './theme.js';

/** The panes' lines, each already cut to its pane's width, and where they go. */
export interface ScreenInput {
  /** Rows of the body, above the prompt and the status bar. */
  bodyHeight: number;
  /** The pane left of a bar (the logger tree beside the list), `width` columns wide. */
  left?: { lines: readonly string[]; width: number } | undefined;
  /** The body's (right or only) pane. */
  main: readonly string[];
  /** The prompt line above the status bar, when a prompt is open. */
  prompt?: string | undefined;
  status: string;
  theme: Theme;
}

/**
 * The whole screen as lines, top to bottom: every body row (the left pane
 * padded to its width, the bar, then the main pane), the prompt, the status
 * bar. The TUI hands these to the terminal as one frame (ui/line-slots.ts).
 */
export function screenLines(i: ScreenInput): string[] {
  const out: string[] = [];
  const left = i.left;
  const bar = left ? fitSegments([{ text: '│', open: i.theme.dim.open }], 1) : '';
  for (let r = 0; r < i.bodyHeight; r++) {
    const main = i.main[r] ?? '';
    out.push(left ? padLine(left.lines[r] ?? '', left.width) + bar + main : main);
  }
  if (i.prompt !== undefined) out.push(i.prompt);
  out.push(i.status);
  return out;
}
