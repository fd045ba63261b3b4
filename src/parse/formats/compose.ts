import type { Format, Head } from '../head.js';
import { readInnerLine } from './inner-line.js';
import { guessPlainLevel } from './plain.js';

/** `web-1  | ` (compose v2) or `web_1  | ` (v1): the service name, padding, a bar. */
const PREFIX = /^([A-Za-z0-9][\w.-]*?)\s+\| ?/;

/**
 * `docker compose logs` / `up` output: each line prefixed by its service.
 * The rest of the line is read by the other formats, in their order; the
 * service becomes the field `service`. A rest no format reads is the
 * service's plain text. The parse keeps no state between lines: a record is
 * read again alone (the store, the details pane) and must come out the same.
 */
export function composeFormat(inner: () => readonly Format[]): Format {
  const name = 'compose';
  return {
    name,
    firstChar: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
    parse(text: string): Head | undefined {
      const bar = text.indexOf('|');
      if (bar < 2 || bar > 80) return undefined;
      const m = PREFIX.exec(text);
      if (!m) return undefined;
      const rest = text.slice(m[0].length);
      const c = rest.charCodeAt(0);
      const service = m[1]!;
      // An indented rest continues the record before it (a traceback, a stack).
      if (c === 32 || c === 9) return undefined;
      const h = readInnerLine(inner(), rest);
      // A traceback's unindented lines (its header and exception line) continue the record before.
      if (h === undefined && (rest.startsWith('Traceback (most recent call last):') || /^[\w.]+(Error|Exception)\b/.test(rest))) return undefined;
      const head: Head = h ?? { time: NaN, level: guessPlainLevel(rest), logger: '', message: rest, format: name };
      head.format = name;
      head.fields = { service, ...head.fields };
      // Heads of a service fold only with the same service.
      if (head.foldKey !== undefined) head.foldKey = `${service} ${head.foldKey}`;
      // The prefix alone says little: a service's plain text is a loose shape.
      if (h === undefined) head.weak = true;
      delete head.single;
      return head;
    },
  };
}
