import type { Format, Head } from '../head.js';
import { compileLogFormat, type TemplateSpec } from './log-format/compile.js';

/** A named format made of a library's layouts written as Python logging format strings, with lines it writes. */
export interface FamilySpec {
  name: string;
  templates: TemplateSpec[];
  dateFormat?: string;
  /** A layout too loose to switch formats on (no time): believed only as the source's own format (Head.weak). */
  weak?: boolean;
  /** Lines as the library writes them: each must parse with this format (checked on its first parse, and by test). */
  samples: string[];
}

/** Raised when a built-in format fails its own samples: a bug, caught before the format reads a line (registry.ts checkOnFirstParse). */
export class FormatSampleError extends Error {}

/**
 * The format, carrying its sample lines (the registry checks them on its
 * first parse, registry.ts checkOnFirstParse). Its layouts are compiled on
 * the first line it is asked about: every thread loads every family and
 * most read none of them (a worker thread of a Python print compiled all
 * sixteen at boot, ~15 ms of its start).
 */
export function familyFormat(spec: FamilySpec): Format & { samples: readonly string[] } {
  let compiled: Format | undefined;
  const real = (): Format => (compiled ??= compileFamily(spec));
  return {
    name: spec.name,
    firstChar: (c) => real().firstChar(c),
    parse: (text) => real().parse(text),
    samples: spec.samples,
  };
}

function compileFamily(spec: FamilySpec): Format {
  const f = compileLogFormat(spec.templates, { name: spec.name, strictLevel: true, ...(spec.dateFormat !== undefined ? { dateFormat: spec.dateFormat } : {}) });
  if (spec.weak !== true) return f;
  const parse = f.parse;
  return {
    ...f,
    parse(text): Head | undefined {
      const h = parse(text);
      if (h !== undefined) h.weak = true;
      return h;
    },
  };
}
