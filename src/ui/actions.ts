/*
 * What the viewer asks the app to do outside the screen (I/O the UI does
 * not do itself): save records to a file, put text on the clipboard.
 */

/** How saved records are written: as print mode's -o. */
export type SaveFormat = 'raw' | 'text' | 'json';

export interface SaveRequest {
  path: string;
  format: SaveFormat;
  /** Store indices, in view order, taken when Enter was pressed. */
  indices: Uint32Array;
}

export interface ViewerActions {
  /** Write records to a file; resolves to the count written, rejects with a one-line reason. */
  save?: (req: SaveRequest) => Promise<number>;
  /**
   * Put text on the terminal's clipboard (OSC 52): 'copied', or why not
   * ('unsupported': the terminal cannot; 'too long').
   */
  copy?: (text: string) => 'copied' | 'unsupported' | 'too long';
}
