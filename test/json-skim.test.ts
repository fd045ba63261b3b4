import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { jsonFormat, setJsonKeys, tooDeep } from '../src/parse/formats/json.js';
import { JsonKind, JsonMembers } from '../src/parse/json-members.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { isSeamLine } from '../src/parse/seams.js';
import { filteredRaw, keptRaw } from './helpers/kept-raw.js';

/** What json.ts takes as a JSON record line (parseJsonHead's checks before headFromObject). */
function isJsonObjectLine(text: string): boolean {
  if (text.charCodeAt(0) !== 123) return false;
  let end = text.length - 1;
  while (end > 0 && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end--;
  if (text.charCodeAt(end) !== 125 || tooDeep(text)) return false;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Lines that are JSON objects, nearly so, or not at all. */
const mutated: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.json({ depthSize: 'small' }), fc.dictionary(fc.string(), fc.jsonValue()).map((o) => JSON.stringify(o))),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '{', '}', '[', ']', '"', '\\', ',', ':', ' ', '\t', '\r', '1', '-', '.', 'e', 'n', 'u', '\u0001', 'é', '\\u12', '\\x')), { maxLength: 3 }),
  )
  .map(([text, edits]) => {
    let s = text;
    for (const [at, put] of edits) {
      const i = s.length === 0 ? 0 : at % s.length;
      s = s.slice(0, i) + put + s.slice(i + (put === '' ? 1 : 0));
    }
    return s;
  });

describe('JsonMembers', () => {
  it('takes exactly the lines json.ts reads as JSON objects, and finds their top-level members', () => {
    const m = new JsonMembers();
    fc.assert(
      fc.property(fc.oneof(mutated, fc.constantFrom('{"a":1}  ', '{"a":1}\t ', '{"a":1} x', '{}', '{ }', '{"a":[]}', '{"a":{}}', '{"a":01}', '{"a":-}', '{"a":1.}', '{"a":1e}', '{"a":tru}', '{"a":"\\u00e9"}', '{"a":"\t"}', '{"a":1,}', '{,}', '[1]', '{"a" 1}', '{"a":1}}', '{"a":1 "b":2}')), (text) => {
        const b = Buffer.from(text);
        const ok = m.scan(b, 0, b.length);
        expect(ok).toBe(isJsonObjectLine(text));
        if (!ok) return;
        const o = JSON.parse(text) as Record<string, unknown>;
        const seen = new Map<string, unknown>();
        for (let k = 0; k < m.count; k++) {
          const key = JSON.parse(`"${b.toString('utf8', m.keyStart[k], m.keyEnd[k])}"`) as string;
          const raw = b.toString('utf8', m.valueStart[k], m.valueEnd[k]);
          seen.set(key, JSON.parse(m.kind[k] === JsonKind.string ? `"${raw}"` : raw));
        }
        expect(new Map(Object.entries(o))).toEqual(seen);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses nesting deeper than json.ts reads', () => {
    const m = new JsonMembers();
    const deep = (n: number) => Buffer.from('{"a":' + '['.repeat(n - 1) + ']'.repeat(n - 1) + '}');
    expect(m.scan(deep(64), 0, deep(64).length)).toBe(true);
    expect(m.scan(deep(65), 0, deep(65).length)).toBe(false);
  });
});

const KEYS = ['level', 'levelname', 'levelno', 'severity', 'lvl', 'PRIORITY', 'log.level', 'time', 'ts', 'timestamp', '@t', 't', 't.$date', 'created', 'asctime', 'msg', 'message', '@m', '@mt', 'name', 'logger', 'target', 'fields', 'log', 'context', 's', 'c', 'pid', 'x'];
const VALUES: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(10, 20, 30, 40, 50, 60, 3, 0, 7, -1, 1.5, 1e3, 1716000000000, 1716000000, 1716000000.25, 0.0),
  fc.constantFrom('info', 'ERROR', 'warn', 'Information', 'DEBUGV', 'debug+2', '3', 'E', 'I', 'x', '', 'kamaki.clients.send', 'kamaki::clients::recv', 'app.db', 'nova'),
  fc.constantFrom('2024-05-16T12:34:56.789Z', '2024-05-16 12:34:56,789', 'Thu, 16 May 2024 12:34:56 GMT', '1716000000000', 'not a time', 'é-time', 'caf\u00e9'),
  fc.constantFrom(null, true, false, [], ['a'], {}, { level: 'error' }, { $date: '2024-05-16T12:34:56Z' }, { message: 'in fields', level: 'error' }, { logLevel: 'warn' }),
);
type Member = [key: string, value: unknown, escaped: boolean];
const member: fc.Arbitrary<Member> = fc.tuple(fc.constantFrom(...KEYS), VALUES, fc.constantFrom(false, false, false, true));
/** A logger's usual members (time, level, logger, message) with others among them, in any order. */
const logged: fc.Arbitrary<Member[]> = fc
  .tuple(
    fc.tuple(fc.constantFrom('time', 'ts', 'timestamp', '@t', 't', 'created'), fc.constantFrom<unknown>(1716000000000, 1716000000.25, '2024-05-16T12:34:56.789Z', 1716000000000, 0, 'x', null), fc.constant(false)),
    fc.tuple(fc.constantFrom('level', 'levelname', 'severity', 'PRIORITY', 'levelno', 'lvl'), fc.constantFrom<unknown>(30, 50, 10, 3, '3', 'error', 'INFO', 'warn', 'x', null), fc.constant(false)),
    fc.tuple(fc.constantFrom('name', 'logger', 'target', 'name'), fc.constantFrom<unknown>('api.db', 'app', 'kamaki.clients.send', 'a::b', '', 7), fc.constant(false)),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), VALUES, fc.constantFrom(false, false, false, false, false, false, false, true)), { maxLength: 3 }),
  )
  .chain(([t, l, n, rest]) => fc.shuffledSubarray([t, l, n, ...rest], { minLength: 3 + rest.length }));
/** JSON log lines of many loggers' shapes, with repeated keys, escapes and nesting. */
export const jsonLine: fc.Arbitrary<string> = fc
  .oneof(logged, fc.array(member, { maxLength: 7 }))
  .map((members) => '{' + members.map(([k, v, esc]) => `${esc ? JSON.stringify(k).replace(/[a-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : JSON.stringify(k)}:${JSON.stringify(v)}`).join(',') + '}');

/** Lines where json.ts reads the level in a way of its own. */
const TRICKY = fc.constantFrom(
  '{"t.$date":"2024-05-16T12:34:56Z","s":"E","level":"info","name":"mongo"}',
  '{"t":{"$date":"2024-05-16T12:34:56Z"},"s":"W","c":"NET","level":"info","name":"x"}',
  '{"fields":{"message":"m","level":"error"},"time":1716000000000,"level":"info","name":"rust"}',
  '{"log":{"level":"error"},"time":1716000000000,"level2":"info","name":"ecs"}',
  '{"log.level":"error","time":1716000000000,"name":"ecs"}',
  '{"level":"info","level":"error","time":1716000000000,"name":"dup"}',
  '{"lev\\u0065l":"error","time":1716000000000,"name":"esc"}',
  '{"level":"err\\u006fr","time":1716000000000,"name":"esc"}',
  '{"level":"error","time":1716000000000,"name":"kamaki.clients.recv"}',
  '{"level":"error","time":1716000000000,"target":"kamaki::clients::send"}',
  '{"@t":"2024-05-16T12:34:56Z","@mt":"x {A}","A":1,"SourceContext":"svc"}',
);

function seamLevel(text: string): Level | undefined {
  const b = Buffer.from(text);
  return jsonFormat.sureSeamLevel!(b, 0, b.length);
}

describe('the JSON seam level', () => {
  it('answers only for seam lines with a logger, with the level the parser reads', () => {
    fc.assert(
      fc.property(fc.oneof(jsonLine, mutated, TRICKY), (text) => {
        const level = seamLevel(text);
        if (level === undefined) return;
        const h = jsonFormat.parse(text);
        expect(isSeamLine(jsonFormat, text)).toBe(true);
        expect(h?.logger).not.toBe('');
        expect(h?.level).toBe(level);
      }),
      { numRuns: 20000 },
    );
  });

  it('answers for pino, bunyan, winston and zap lines, so there is something to skim', () => {
    expect(seamLevel('{"level":30,"time":1796163967226,"pid":31409,"hostname":"vm","name":"api.db","req":1,"msg":"handled"}')).toBe(Level.info);
    expect(seamLevel('{"name":"app","hostname":"h","pid":1,"level":50,"msg":"boom","time":"2024-05-16T12:34:56.789Z","v":0}')).toBe(Level.error);
    expect(seamLevel('{"level":"warn","message":"slow","logger":"svc","timestamp":"2024-05-16T12:34:56.789Z"}')).toBe(Level.warning);
    expect(seamLevel('{"level":"debug","ts":1716000000.25,"logger":"zap.core","msg":"x"}')).toBe(Level.debug);
    // No logger: another format might read the line.
    expect(seamLevel('{"level":30,"time":1796163967226,"msg":"no name"}')).toBeUndefined();
  });

  it('follows the key lists of config.json', () => {
    try {
      setJsonKeys({ level: ['sev'], logger: ['component'] });
      expect(seamLevel('{"sev":"error","time":1716000000000,"component":"db","msg":"x"}')).toBe(Level.error);
    } finally {
      setJsonKeys({});
    }
    expect(seamLevel('{"sev":"error","time":1716000000000,"component":"db","msg":"x"}')).toBeUndefined();
  });
});

function shape(r: LogRecord): unknown {
  return { offset: r.offset, line: r.line, level: r.level, logger: r.logger, message: r.message, body: r.body, fields: r.fields, raw: Buffer.concat(r.raw).toString('latin1') };
}

const passes = (floor: Level) => (r: LogRecord) => r.level === Level.none || r.level >= floor;

describe('a skimmed parse of JSON lines', () => {
  it('keeps exactly the records at or above the floor that a full parse gives', () => {
    const other = fc.constantFrom('', '  indented', '\tat x.y(Z.java:1)', 'Traceback (most recent call last):', 'plain text', '2024-05-16 12:34:56,789 ERROR app python line', '{"broken":');
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: jsonLine }, { weight: 1, arbitrary: other }), { minLength: 1, maxLength: 40 }), fc.constantFrom<Level>(Level.info, Level.warning, Level.error), (lines, floor) => {
        const data = Buffer.from(lines.join('\n') + '\n');
        const opts = { home: jsonFormat };
        const full = parseBuffer(data, 0, opts).filter(passes(floor)).map(shape);
        const skimmed = parseBuffer(data, 0, { ...opts, levelFloor: floor }).filter(passes(floor)).map(shape);
        expect(skimmed).toEqual(full);
      }),
      { numRuns: 3000 },
    );
  });

  it('with KeptBytes (-o raw), writes exactly the raw bytes of the records at or above the floor, none of them parsed when all are seams', () => {
    const other = fc.constantFrom('', '  indented', 'plain text', '{"broken":', '{"level":50,"msg":"no logger"}');
    fc.assert(
      // Level.none: no floor, every record printed as it is (print -o raw alone).
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: jsonLine }, { weight: 1, arbitrary: other }), { minLength: 1, maxLength: 40 }), fc.constantFrom<Level>(Level.none, Level.info, Level.warning, Level.error), fc.array(fc.nat(), { maxLength: 4 }), (lines, floor, cutAt) => {
        const data = Buffer.from(lines.join('\n') + '\n');
        expect(keptRaw(data, jsonFormat, floor, cutAt.map((c) => c % data.length)).text).toBe(filteredRaw(data, jsonFormat, floor));
      }),
      { numRuns: 3000 },
    );
    const pino = Buffer.from(Array.from({ length: 200 }, (_, i) => JSON.stringify({ level: [30, 50, 40][i % 3], time: 1715817600000 + i, pid: 1, hostname: 'h', name: 'app', msg: `m ${i}` })).join('\n') + '\n');
    const got = keptRaw(pino, jsonFormat, Level.error, [5000]);
    expect(got.text).toBe(filteredRaw(pino, jsonFormat, Level.error));
    expect(got.text.split('\n').length - 1).toBe(67);
    expect(got.parsed).toBe(0);
    const all = keptRaw(pino, jsonFormat, Level.none, [5000]);
    expect(all.text).toBe(pino.toString('latin1'));
    expect(all.parsed).toBe(0);
  });
});
