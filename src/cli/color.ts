import { createSupportsColor } from 'supports-color';
import type { ColorDepth } from '../render/theme.js';
import type { ColorWhen } from './options.js';

/**
 * Colour depth for a stream. An explicit --color wins; then FORCE_COLOR
 * (handled by supports-color), then NO_COLOR (no-color.org), then whether the
 * stream is a colour terminal.
 */
export function colorDepth(when: ColorWhen, stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): ColorDepth {
  if (when === 'never') return 0;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (when === 'always') {
    const s = createSupportsColor({ isTTY: true } as NodeJS.WriteStream, { sniffFlags: false });
    return s ? (s.level as ColorDepth) : 1;
  }
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return 0;
  if (!forced && env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const s = createSupportsColor(stream, { sniffFlags: false });
  return s ? (s.level as ColorDepth) : 0;
}
