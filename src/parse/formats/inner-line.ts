import type { Format, Head } from '../head.js';

/**
 * The rest of a line after a tool's prefix (compose's service, kubectl's pod
 * and time, logcli's JSON wrapper), read by the first format that reads it
 * with some confidence (not a loose shape); undefined when none does.
 */
export function readInnerLine(formats: readonly Format[], rest: string): Head | undefined {
  const c = rest.charCodeAt(0);
  for (const f of formats) {
    if (!f.firstChar(c)) continue;
    const g = f.parse(rest);
    if (g !== undefined && g.weak !== true) return g;
  }
  return undefined;
}
