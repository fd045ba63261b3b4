/** How the TUI runs Ink (shared with the keypress benchmark). */
export const INK_OPTIONS = {
  // Ctrl-C is a key like the others, so quitting restores the terminal.
  exitOnCtrlC: false,
  patchConsole: false,
  // Ink renders at once unless it rendered less than 1000/maxFps ms ago; then
  // the frame waits for the rest of that window (a key just after a
  // background redraw waited up to 17 ms at 60). Ink's part of a frame is
  // one placeholder line (line-slots.ts) and the lines are built in React's
  // render, which the throttle does not spare anyway, so the window only
  // caps how often a frame is written: at most 4 ms of waiting.
  maxFps: 250,
  // Ink 6.8's incremental mode starts one row too low when the frame is
  // shorter than the terminal; whole frames it is.
  incrementalRendering: false,
} as const;
