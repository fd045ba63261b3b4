import { Level } from '../../model/level.js';
import type { Format, Head } from '../head.js';
import { parsePythonHead, pythonSeamLevel, pythonSeamSpans, pythonTracebackStep } from '../python-head.js';
import { TRACEBACK_LINE } from './stack-traces.js';
import { pythonSeamRunner } from '../skim/python-seam-run.js';
import { pythonGrouping } from './python-grouping.js';

function firstChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 60 || c === 62;
}

/**
 * Python `logging` and kamaki shapes (python-head.ts). Shapes that show
 * neither time nor level (`name: message`, `> message`, a bare name) match far
 * too much text to switch formats on: they count only in a Python source.
 */
export const pythonFormat: Format = {
  name: 'python',
  firstChar,
  parse(text: string): Head | undefined {
    const h = parsePythonHead(text);
    if (h !== undefined && Number.isNaN(h.time) && h.level === Level.none) h.weak = true;
    return h;
  },
  sureSeamLevel: pythonSeamLevel,
  seamSpans: pythonSeamSpans,
  seamRunner: pythonSeamRunner,
  traceback: { opener: TRACEBACK_LINE, step: pythonTracebackStep },
  grouping: pythonGrouping,
};
