/**
 * Terminal safety: no character of a log (or of a file name, an option value,
 * an error message) may reach the terminal as a control.
 *
 * - C0 controls except tab, DEL and C1 controls (which 8-bit terminals read as
 *   CSI/OSC introducers) show as visible `\xNN` escapes. ESC itself is
 *   escaped, so no sequence (cursor moves, OSC titles, OSC 52 clipboard) survives.
 * - Bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
 *   U+2066-U+2069) reorder what an operator reads (a "Trojan Source" line):
 *   shown as `\uNNNN`. So are the line and paragraph separators U+2028/U+2029.
 * - Private-use characters U+E000-U+F8FF: the TUI reserves part of that range
 *   for its own line placeholders, so none may come from a log.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_SRC = '[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069\\ue000-\\uf8ff]';
const UNSAFE = new RegExp(UNSAFE_SRC);
const UNSAFE_G = new RegExp(UNSAFE_SRC, 'g');

function escapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  return c <= 0xff ? '\\x' + c.toString(16).padStart(2, '0') : '\\u' + c.toString(16).padStart(4, '0');
}

export function sanitize(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_G, escapeChar) : text;
}

/** True when `text` holds nothing sanitize() would escape. */
export function isTerminalSafe(text: string): boolean {
  return !UNSAFE.test(text);
}

// JSON.stringify escapes C0 but not DEL, C1, bidi controls or private use,
// which terminals obey or which reorder the line: escaped as JSON `\uNNNN`.
// eslint-disable-next-line no-control-regex
const JSON_UNSAFE_SRC = '[\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069\\ue000-\\uf8ff]';
const JSON_UNSAFE = new RegExp(JSON_UNSAFE_SRC);
const JSON_UNSAFE_G = new RegExp(JSON_UNSAFE_SRC, 'g');

/** Serialised JSON made terminal-safe: still valid JSON, same value once parsed. */
export function escapeJsonText(json: string): string {
  return JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE_G, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) : json;
}
