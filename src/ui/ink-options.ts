/** How the TUI runs Ink (shared with the keypress benchmark). */
export const INK_OPTIONS = {
  // Ctrl-C is a key like the others, so quitting restores the terminal.
  exitOnCtrlC: false,
  patchConsole: false,
  maxFps: 60,
  // Ink 6.8's incremental mode starts one row too low when the frame is
  // shorter than the terminal; whole frames it is.
  incrementalRendering: false,
} as const;
