import type { Key } from 'ink';

/**
 * One key as the viewer understands it: a printable character ("j", "G",
 * "/", " "), or a name for the rest.
 */
export type KeyName =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'enter'
  | 'escape'
  | 'backspace'
  | 'tab'
  | 'shift-tab'
  | `ctrl-${string}`
  | (string & {});

const CONTROL_NAMES: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x1b': 'escape',
};

function decodeChar(ch: string): KeyName | undefined {
  const named = CONTROL_NAMES[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `ctrl-${String.fromCharCode(code + 0x60)}`;
  if (code >= 0x80 && code < 0xa0) return undefined;
  return ch;
}

/**
 * Ink's (input, key) for one input event, as the keys it holds. Keys typed
 * quickly arrive together ("jjj", or "foo\r" pasted into a prompt): every
 * character counts.
 */
export function decodeKeys(input: string, key: Key): KeyName[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.return) return ['enter'];
  if (key.escape && input === '') return ['escape'];
  // Esc then a key at once arrives as one "Alt-key" sequence; no key is bound
  // to Alt, so it is what was typed: Esc, then the key.
  if (key.meta && input !== '' && !key.ctrl) return ['escape', ...decodeText(input)];
  if (key.tab) return [key.shift ? 'shift-tab' : 'tab'];
  if (key.backspace || key.delete) return ['backspace'];
  if (key.ctrl && input.length === 1) return [`ctrl-${input.toLowerCase()}`];
  return decodeText(input);
}

function decodeText(input: string): KeyName[] {
  const out: KeyName[] = [];
  for (const ch of input) {
    const k = decodeChar(ch);
    if (k !== undefined) out.push(k);
  }
  return out;
}

/**
 * Keys of raw terminal input that arrived before Ink has loaded, as Ink would
 * give them to decodeKeys: printable ASCII and control characters only.
 * Undefined for input that holds an escape or any other character: Ink's
 * parser reads that (escape sequences, text in other scripts).
 */
export function decodeEarlyKeys(input: string): KeyName[] | undefined {
  // eslint-disable-next-line no-control-regex
  if (input === '' || /[^\x00-\x1a\x1c-\x7f]/.test(input)) return undefined;
  return decodeText(input);
}
