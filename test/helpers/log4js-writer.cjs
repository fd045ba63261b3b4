// Real log4js pattern-layout output for random records, for test/log4js-pattern.test.ts.
// Usage: node log4js-writer.cjs SEED N PATTERN [cut]   (TZ from the environment)
// Writes {"lines": [...], "records": [{time, level, category, message, pid, host, req, user,
// fileName, lineNumber, columnNumber, functionName}]}: each line as the real logger, event and
// layout wrote it (through an appender of ours), each record what the logger was given.
// `cut`: log4js's own levels only (a cut `%.1p` cannot tell custom ones apart).
'use strict';
const log4js = require('log4js');
const os = require('node:os');
const util = require('node:util');

const [seed, n, pattern, cut] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5] === 'cut'];

// mulberry32: the same records for the same seed.
let s = seed >>> 0;
function rnd() {
  s = (s + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const WORDS = ['alpha', 'beta', 'GET', '/v2/servers', 'x=1', 'a:b', '-', '[id]', '{k}', '%s', '50%', 'ok.', 'a - b', 'c: d', 'é', '日本', '%d'];
const ident = () => pick('abcdefghijklmnopqrstuvwxyz_'.split('')) + Array.from({ length: int(0, 8) }, () => pick('abcdefghijklmnopqrstuvwxyz0123456789_-'.split(''))).join('');
const category = () => (rnd() < 0.1 ? 'default' : Array.from({ length: int(1, 4) }, ident).join('.'));
const message = () => Array.from({ length: int(1, 7) }, () => pick(WORDS)).join(' ');

// The event's time is `new Date()`: give it a random one (2001..2035, ms resolution).
let nextTime = 0;
const RealDate = Date;
global.Date = class extends RealDate {
  constructor(...a) {
    if (a.length === 0) super(nextTime);
    else super(...a);
  }
};

const lines = [];
const events = [];
let user = '';
const appender = {
  configure(config, layouts) {
    const layout = layouts.layout(config.layout.type, config.layout);
    return (ev) => {
      lines.push(layout(ev));
      events.push(ev);
    };
  },
};
log4js.configure({
  levels: { AUDIT: { value: 20001, colour: 'cyan' }, DEBUGV: { value: 9000, colour: 'grey' } },
  appenders: { out: { type: appender, layout: { type: 'pattern', pattern, tokens: { user: () => user } } } },
  categories: { default: { appenders: ['out'], level: 'all', enableCallStack: true } },
});
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'MARK', ...(cut ? [] : ['AUDIT', 'DEBUGV'])];

const records = [];
for (let i = 0; i < n; i++) {
  nextTime = Math.floor(978307200000 + rnd() * (2051222400000 - 978307200000));
  const rec = { time: nextTime, level: pick(LEVELS), category: category(), message: message(), pid: process.pid, host: os.hostname() };
  const logger = log4js.getLogger(rec.category);
  rec.req = rnd() < 0.2 ? null : `req-${int(0, 0xffffff).toString(16)}`;
  if (rec.req === null) logger.removeContext('req');
  else logger.addContext('req', rec.req);
  user = rec.user = pick(['bob', 'alice', 'svc-1', 'u42']);
  const before = lines.length;
  logger.log(rec.level, rec.message);
  if (lines.length !== before + 1) throw new Error(`no line for ${JSON.stringify(rec)}`);
  rec.message = util.format(rec.message);
  const ev = events[before];
  for (const k of ['fileName', 'lineNumber', 'columnNumber', 'functionName']) rec[k] = ev[k] ?? null;
  records.push(rec);
}
log4js.shutdown();
process.stdout.write(JSON.stringify({ lines, records }));
