import { Level } from '../../model/level.js';
import type { Fields } from '../../model/record.js';

/**
 * HAProxy's HTTP log (`option httplog`), the message of its syslog lines:
 *   client:port [accept_date] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes ... "METHOD uri proto"
 * (TCP logs stop after the bytes). Read into fields; the level from the status
 * (-1 or 5xx: error, 4xx: warning), as HAProxy's own lines show none.
 */
const HTTP_LOG = /^(\S+):(\d+) \[([^\]]+)\] (\S+) ([^/\s]+)\/(\S+) (-?\d+(?:\/-?\d+){2,4}) (-?\d{1,3}) (\d+)(?: .*?"(\S+) (\S+) ?(\S*)")?/;

/** Fields and level of an HTTP/TCP log message; undefined when it is not one (`Proxy x started.`). */
export function haproxyLog(message: string, fields: Fields): Level | undefined {
  const m = HTTP_LOG.exec(message);
  if (!m) return undefined;
  fields.client = m[1]!;
  fields.frontend = m[4]!;
  fields.backend = m[5]!;
  fields.server = m[6]!;
  fields.timers = m[7]!;
  const status = Number(m[8]);
  fields.status = status;
  fields.bytes = Number(m[9]);
  if (m[10] !== undefined) {
    fields.method = m[10];
    fields.path = m[11]!;
  }
  return status < 0 || status >= 500 ? Level.error : status >= 400 ? Level.warning : Level.info;
}
