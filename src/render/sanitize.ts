/**
 * Terminal safety: no byte of a log may reach the terminal as a control.
 * C0 controls except tab, DEL and C1 controls (which 8-bit terminals read as
 * CSI/OSC introducers) are shown as visible `\xNN` escapes. ESC itself is
 * escaped, so no sequence (cursor moves, OSC titles, OSC 52 clipboard) survives.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_G = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

function hex(ch: string): string {
  return '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
}

export function sanitize(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_G, hex) : text;
}
