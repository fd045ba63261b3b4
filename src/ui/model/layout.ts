/** What the screen shows, as far as the layout cares. */
export interface LayoutInput {
  /** Terminal size in cells. */
  columns: number;
  rows: number;
  treeOpen: boolean;
  /** A prompt line sits above the status bar. */
  prompt: boolean;
}

/** A pane's horizontal place in the body (all panes are bodyHeight rows tall). */
export interface Span {
  /** First column, 0-based. */
  x: number;
  /** Width in columns. */
  width: number;
}

export interface Layout {
  columns: number;
  /** Ink's root is one row shorter than the terminal: a full-height frame makes Ink clear and redraw. */
  frameHeight: number;
  /** Rows of the body (list, tree, overlays), above the prompt and the status bar. */
  bodyHeight: number;
  /** The record list; width 0 when the tree pane covers it. */
  list: Span;
  /** The tree pane, when open. */
  tree: Span | undefined;
  /** Column of the bar between tree and list, when side by side. */
  separator: number | undefined;
}

/** Side-by-side tree pane from this width; narrower, it takes the whole body. */
export const SIDE_TREE_MIN_COLS = 100;

/** Terminal size and open panes -> where each pane goes. */
export function layout(i: LayoutInput): Layout {
  const columns = Math.max(1, i.columns);
  const frameHeight = Math.max(2, Math.max(2, i.rows) - 1);
  const bodyHeight = Math.max(1, frameHeight - 1 - (i.prompt ? 1 : 0));
  if (!i.treeOpen) return { columns, frameHeight, bodyHeight, list: { x: 0, width: columns }, tree: undefined, separator: undefined };
  if (columns < SIDE_TREE_MIN_COLS) return { columns, frameHeight, bodyHeight, list: { x: 0, width: 0 }, tree: { x: 0, width: columns }, separator: undefined };
  const treeWidth = Math.min(48, Math.floor(columns * 0.35));
  return {
    columns,
    frameHeight,
    bodyHeight,
    tree: { x: 0, width: treeWidth },
    separator: treeWidth,
    list: { x: treeWidth + 1, width: columns - treeWidth - 1 },
  };
}
