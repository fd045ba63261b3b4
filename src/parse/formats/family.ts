import type { Format } from '../head.js';
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

/** The format, carrying its sample lines (the registry checks it reads them). */
export function familyFormat(spec: FamilySpec): Format & { samples: readonly string[] } {
  const f = compileLogFormat(spec.templates, { name: spec.name, strictLevel: true, ...(spec.dateFormat !== undefined ? { dateFormat: spec.dateFormat } : {}) });
  if (spec.weak === true) {
    const parse = f.parse;
    return {
      ...f,
      parse(text) {
        const h = parse(text);
        if (h !== undefined) h.weak = true;
        return h;
      },
      samples: spec.samples,
    };
  }
  return { ...f, samples: spec.samples };
}
