import type { Format, Head } from '../head.js';
import { compileLogFormat, type TemplateSpec } from './log-format/compile.js';

/** A named format made of a library's layouts written as Python logging format strings, with lines it writes. */
export interface FamilySpec {
  name: string;
  templates: TemplateSpec[];
  dateFormat?: string;
  /** A layout too loose to switch formats on (no time): believed only as the source's own format (Head.weak). */
  weak?: boolean;
  /** Lines as the library writes them: each must parse with this format (checked as it compiles, and by test). */
  samples: string[];
}

/** Raised when a built-in format fails its own samples: a bug, caught before the format reads a line (family.ts, registry.ts checkOnFirstParse). */
export class FormatSampleError extends Error {}

/** A family's format: it checks its own samples when it compiles (registry.ts checkOnFirstParse leaves it). */
export type FamilyFormat = Format & { readonly samples: readonly string[]; readonly checksOwnSamples: true };

/**
 * The format, carrying its sample lines. Its layouts are compiled, and its
 * samples checked, on the first line it is asked about: every thread loads
 * every family and most read none of them (a worker thread of a Python print
 * compiled them all, ~15 ms of its boot; checking them all at start was 16
 * ms of the 27 print mode spent on samples before it read).
 */
export function familyFormat(spec: FamilySpec): FamilyFormat {
  const lazy: FamilyFormat = {
    name: spec.name,
    firstChar(c: number): boolean {
      return compile().firstChar(c);
    },
    parse(text: string): Head | undefined {
      return compile().parse(text);
    },
    samples: spec.samples,
    checksOwnSamples: true,
  };
  // The compiled methods take the place of these, so later calls go straight
  // to them (one who kept a method from before calls through to them).
  let compiled = false;
  const compile = (): Format => {
    if (compiled) return lazy;
    const f = compileLogFormat(spec.templates, { name: spec.name, strictLevel: true, ...(spec.dateFormat !== undefined ? { dateFormat: spec.dateFormat } : {}) });
    const strict = f.parse;
    const parse =
      spec.weak === true
        ? (text: string): Head | undefined => {
            const h = strict(text);
            if (h !== undefined) h.weak = true;
            return h;
          }
        : strict;
    // Checked as it loads, on whichever thread, before it reads a line: a family no line asks about costs nothing.
    for (const line of spec.samples) if (!f.firstChar(line.charCodeAt(0)) || parse(line) === undefined) throw new FormatSampleError(`format ${spec.name} does not read its sample ${JSON.stringify(line)}`);
    compiled = true;
    lazy.firstChar = f.firstChar;
    lazy.parse = parse;
    return lazy;
  };
  return lazy;
}
