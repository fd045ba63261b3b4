import { fitSegments, type Seg } from './text-fit.js';
import type { Theme } from './theme.js';

export interface OverlayInput {
  title: string;
  /** The overlay's lines, already wrapped to `width`. */
  lines: readonly Seg[][];
  scroll: number;
  width: number;
  height: number;
  theme: Theme;
}

/** Details or help: a title bar (with the lines shown, when they do not all fit), then the lines. */
export function overlayLines(i: OverlayInput): string[] {
  const { lines, width } = i;
  const bodyRows = Math.max(0, i.height - 1);
  const more = lines.length > bodyRows ? `  ${i.scroll + 1}-${Math.min(lines.length, i.scroll + bodyRows)}/${lines.length}` : '';
  const out = [fitSegments([{ text: `${i.title}${more}  (j/k scroll, Esc close)` }], width, { base: i.theme.inverse.open, pad: true })];
  for (let k = i.scroll; k < lines.length && out.length < i.height; k++) out.push(fitSegments(lines[k]!, width));
  return out;
}
