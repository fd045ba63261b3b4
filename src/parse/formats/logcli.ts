import type { FieldValue, Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { readInnerLine } from './inner-line.js';
import { timeFromValue } from '../time.js';
import { tooDeep } from './json.js';
import { guessPlainLevel } from './plain.js';

/**
 * Grafana Loki's `logcli query -o jsonl` (e.g. `cmd:logcli query --tail -o
 * jsonl '{app="nova"}'`): `{"labels":{...},"line":"...","timestamp":"..."}`.
 * The line is read by the other formats, the labels become fields and the
 * entry's timestamp the record's time. No state is kept between lines.
 */
export function logcliFormat(inner: () => readonly Format[]): Format {
  const name = 'logcli';
  return {
    name,
    firstChar: (c) => c === 123 /* { */,
    parse(text: string): Head | undefined {
      if (!text.includes('"line"') || !text.includes('"labels"') || tooDeep(text)) return undefined;
      let o: unknown;
      try {
        o = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
      const { labels, line, timestamp } = o as { labels?: unknown; line?: unknown; timestamp?: unknown };
      if (typeof line !== 'string' || labels === undefined) return undefined;
      const time = timeFromValue(timestamp);
      const h = readInnerLine(inner(), line);
      const head: Head = h ?? { time: NaN, level: guessPlainLevel(line), logger: '', message: line, format: name };
      head.format = name;
      if (!Number.isNaN(time)) head.time = time;
      const fields: Fields = typeof labels === 'object' && labels !== null && !Array.isArray(labels) ? { ...(labels as Fields) } : { labels: labels as FieldValue };
      head.fields = { ...fields, ...head.fields };
      head.single = true;
      return head;
    },
  };
}
