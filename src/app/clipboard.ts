import type { ClipboardSetting } from '../cli/view-config.js';

/** Base64 bytes most terminals take in one OSC 52 write (xterm's default limit is far larger; tmux and others cut near 100 kB). */
export const OSC52_LIMIT = 100_000;

/** Terminals that never take OSC 52 (the Linux console, dumb terminals, emacs' term). */
const NO_OSC52 = /^(dumb|linux|cons25|vt\d+|emacs|eterm.*)$/;

/**
 * Does this terminal take OSC 52 clipboard writes? xterm-likes do (xterm,
 * kitty, alacritty, foot, WezTerm, iTerm2, Windows Terminal), and so does
 * tmux (with `set-clipboard on`, its default for terminals that can);
 * GNU screen outside tmux and the consoles above do not.
 */
export function osc52Supported(env: NodeJS.ProcessEnv, setting: ClipboardSetting = 'auto'): boolean {
  if (setting !== 'auto') return setting === 'osc52';
  const term = env.TERM ?? '';
  if (term === '' || NO_OSC52.test(term)) return false;
  if (/^screen/.test(term) && env.TMUX === undefined) return false;
  return true;
}

/** Our own OSC 52 write: the text base64-encoded, so no byte of a log reaches the terminal as a control. */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

/** The viewer's copy action: writes OSC 52 to the terminal when it takes it. */
export function clipboardWriter(out: { write(s: string): unknown }, supported: boolean): (text: string) => 'copied' | 'unsupported' | 'too long' {
  return (text) => {
    if (!supported) return 'unsupported';
    const seq = osc52(text);
    if (seq.length > OSC52_LIMIT) return 'too long';
    out.write(seq);
    return 'copied';
  };
}
