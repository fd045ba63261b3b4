import type { Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { readInnerLine } from './inner-line.js';
import { timeFromValue } from '../time.js';
import { guessPlainLevel } from './plain.js';

/** `kubectl logs --prefix`: `[pod/NAME/CONTAINER] `. */
const PREFIX = /^\[pod\/([^/\]\s]+)\/([^\]\s]+)\] /;
/** `kubectl logs --timestamps`: the runtime's RFC 3339 time (ns, UTC) and a space. */
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) /;

/**
 * `kubectl logs` output with `--prefix` and/or `--timestamps` (e.g. through
 * `cmd:kubectl logs -f deploy/nova-api --timestamps --prefix`): the pod and
 * container become fields, the runtime's timestamp the record's time (UTC and
 * on every line, so pods merge by it even when the app writes naive local
 * times); the rest of the line is read by the other formats, as compose's is.
 * No state is kept between lines.
 */
export function kubectlFormat(inner: () => readonly Format[]): Format {
  const name = 'kubectl';
  return {
    name,
    firstChar: (c) => c === 91 /* [ */ || (c >= 48 && c <= 57),
    parse(text: string): Head | undefined {
      let rest = text;
      const fields: Fields = {};
      const p = PREFIX.exec(rest);
      if (p) {
        fields.pod = p[1]!;
        fields.container = p[2]!;
        rest = rest.slice(p[0].length);
      }
      const s = STAMP.exec(rest);
      let stamp = NaN;
      if (s) {
        stamp = timeFromValue(s[1]!);
        rest = rest.slice(s[0].length);
      }
      if (!p && (!s || Number.isNaN(stamp))) return undefined;
      const c = rest.charCodeAt(0);
      // An indented rest continues the record before it (a traceback, a stack).
      if (c === 32 || c === 9) return undefined;
      if (rest.startsWith('Traceback (most recent call last):')) return undefined;
      const h = readInnerLine(inner(), rest);
      const head: Head = h ?? { time: NaN, level: guessPlainLevel(rest), logger: '', message: rest, format: name };
      head.format = name;
      if (!Number.isNaN(stamp)) head.time = stamp;
      head.fields = { ...fields, ...head.fields };
      if (head.foldKey !== undefined && p) head.foldKey = `${p[1]!}/${p[2]!} ${head.foldKey}`;
      // A pod's plain text with no time is a loose shape.
      if (h === undefined && Number.isNaN(stamp)) head.weak = true;
      delete head.single;
      return head;
    },
  };
}
