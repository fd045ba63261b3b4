import type { Format, Head } from '../head.js';
import { compileLogFormat, type TemplateSpec } from './log-format/compile.js';

/** A named format made of a library's layouts written as Python logging format strings, with lines it writes. */
export interface FamilySpec {
  name: string;
  templates: TemplateSpec[];
  dateFormat?: string;
  /** A layout too loose to switch formats on (no time): believed only as the source's own format (Head.weak). */
  weak?: boolean;
  /** Lines as the library writes them: each must parse with this format (checkBuiltinSamples, and by test). */
  samples: string[];
}

/** Raised when a built-in format fails its own samples: a bug, caught at start (registry.ts checkBuiltinSamples). */
export class FormatSampleError extends Error {}

/**
 * The format, carrying its sample lines (the registry checks it reads them).
 * Its layouts are compiled on the first line it is asked about: every
 * thread loads every family, most read none of them (a worker thread of a
 * Python print compiled them all, ~15 ms of its boot).
 */
export function familyFormat(spec: FamilySpec): Format & { samples: readonly string[] } {
  const lazy: Format & { samples: readonly string[] } = {
    name: spec.name,
    firstChar(c: number): boolean {
      return compile().firstChar(c);
    },
    parse(text: string): Head | undefined {
      return compile().parse(text);
    },
    samples: spec.samples,
  };
  // The compiled methods take the place of these, so later calls go straight
  // to them (one who kept a method from before calls through to them).
  let compiled = false;
  const compile = (): Format => {
    if (compiled) return lazy;
    const f = compileLogFormat(spec.templates, { name: spec.name, strictLevel: true, ...(spec.dateFormat !== undefined ? { dateFormat: spec.dateFormat } : {}) });
    compiled = true;
    const parse = f.parse;
    lazy.firstChar = f.firstChar;
    lazy.parse =
      spec.weak === true
        ? (text: string): Head | undefined => {
            const h = parse(text);
            if (h !== undefined) h.weak = true;
            return h;
          }
        : parse;
    return lazy;
  };
  return lazy;
}
