import { createSupportsColor } from 'supports-color';
import type { ColorDepth } from '../render/theme.js';
import type { ColorWhen } from './options.js';

/** FORCE_COLOR's level: undefined when unset; 0 for "0"/"false"; 1-3 otherwise. */
function forcedLevel(value: string | undefined): ColorDepth | undefined {
  if (value === undefined) return undefined;
  if (value === '0' || value === 'false') return 0;
  const n = Number.parseInt(value, 10);
  return (Number.isNaN(n) ? 1 : Math.max(1, Math.min(n, 3))) as ColorDepth;
}

/**
 * Colour depth for a stream. An explicit --color wins; then FORCE_COLOR, then
 * NO_COLOR (no-color.org), then what supports-color makes of the terminal.
 */
export function colorDepth(when: ColorWhen, stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): ColorDepth {
  if (when === 'never') return 0;
  const forced = forcedLevel(env.FORCE_COLOR);
  const sniffed = (s: NodeJS.WriteStream): ColorDepth => {
    const r = createSupportsColor(s, { sniffFlags: false });
    return r ? (r.level as ColorDepth) : 0;
  };
  if (when === 'always') return forced || sniffed({ isTTY: true } as NodeJS.WriteStream) || 1;
  if (forced !== undefined) return forced;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  return stream.isTTY ? sniffed(stream) : 0;
}
