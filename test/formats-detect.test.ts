import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { FormatDetector } from '../src/parse/detect.js';
import { jsonFormat } from '../src/parse/formats/json.js';
import { osloFormat } from '../src/parse/formats/oslo.js';
import { pythonFormat } from '../src/parse/formats/python.js';
import type { Format } from '../src/parse/head.js';
import { RecordStore } from '../src/store/record-store.js';
import { brief, parseFixture, parseText } from './formats-helpers.js';

/** A format that counts its calls, to see which formats the detector asks. */
function counting(f: Format): Format & { calls: number } {
  const c = { name: f.name, firstChar: f.firstChar, calls: 0, parse: (t: string) => (c.calls++, f.parse(t)) };
  return c;
}

describe('format detection', () => {
  it('settles each source on its first lines', () => {
    expect(parseFixture('python_default.log').map((r) => r.format)).toEqual(Array(6).fill('python'));
    expect(parseFixture('python_dash.log').map(brief)[3]).toEqual({ format: 'python', level: 'error', logger: 'app.db', message: 'query failed' });
    expect(parseFixture('python_basic.log').map((r) => r.logger)).toEqual(['app', 'app.db', 'app.db', 'app.db', 'app.http', 'app']);
    const tb = parseFixture('python_default.log')[3]!;
    expect(tb.body.at(-1)).toBe("KeyError: 'missing'");
  });

  it('tries the last winning format first, then the others, per line', () => {
    const json = counting(jsonFormat);
    const oslo = counting(osloFormat);
    const python = counting(pythonFormat);
    const d = new FormatDetector([json, oslo, python]);
    d.settle(['{"msg":"a"}']);
    const others = oslo.calls + python.calls;
    expect(d.parse('{"msg":"b"}')?.format).toBe('json');
    expect(json.calls).toBe(2); // settle + one parse
    expect(oslo.calls + python.calls).toBe(others); // the settled format answered: nobody else asked
    expect(d.parse('2024-05-16 00:00:23.709 25746 INFO a.b [-] x')?.format).toBe('oslo');
    const before = json.calls;
    expect(d.parse('2024-05-16 00:00:23.709 25746 INFO a.b [-] y')?.format).toBe('oslo');
    expect(json.calls).toBe(before); // the last winner answered first
  });

  it('reads mixed files line by line', () => {
    const recs = parseFixture('mixed.log');
    expect(recs.map((r) => [r.format, r.logger, r.message])).toEqual([
      ['python', 'app', 'starting'],
      ['json', 'worker', 'json line among text'],
      ['syslog', 'sshd', 'syslog line among text'],
      ['python', 'app', 'failed'],
      ['logfmt', 'sched', 'logfmt line'],
    ]);
    expect(recs[3]!.body).toEqual(['Traceback (most recent call last):', '  File "x.py", line 1, in <module>', "KeyError: 'k'"]);
  });

  it('believes loose shapes only from the source\'s own format', () => {
    // In a log4j file, `java.lang.X: msg` is the exception line, not a Python `name: message` call.
    const recs = parseFixture('spring_boot.log');
    expect(recs).toHaveLength(3);
    // In a kamaki file the same shape is a logger call.
    const k = parseText('kamaki.cli: one\nkamaki.cli.config: two\n');
    expect(k.map((r) => [r.format, r.logger])).toEqual([['python', 'kamaki.cli'], ['python', 'kamaki.cli.config']]);
  });

  it('--format forces one format: other shapes become plain records or continuations', () => {
    const text = '{"level":50,"msg":"json"}\n2024-05-16 12:00:00,250 INFO app text\n';
    expect(parseText(text, { format: 'json' }).map((r) => [r.format, r.level])).toEqual([['json', Level.error], ['plain', Level.info]]);
    expect(parseText(text, { format: 'python' }).map((r) => r.format)).toEqual(['plain', 'python']);
    expect(parseText(text, { format: 'plain' }).map((r) => r.format)).toEqual(['plain', 'plain']);
    expect(parseText(text, { format: 'auto' }).map((r) => r.format)).toEqual(['json', 'python']);
  });

  it('the store re-parses a record with the format that produced it', () => {
    const store = new RecordStore();
    // Alone, `{"msg":"x"}` would be JSON; here it is a python record's continuation line.
    const recs = parseText('2024-05-16 12:00:00,250 INFO app payload:\n{"msg":"x"}\n{"msg": "y"}\n', { format: 'python' });
    store.append(recs);
    const r = store.get(0);
    expect(store.format(0)).toBe('python');
    expect(r.format).toBe('python');
    expect(r.body).toEqual(['{"msg":"x"}', '{"msg": "y"}']);
    store.append(parseFixture('../oslo_text.log'));
    const oslo = store.get(1 + 8);
    expect(oslo.format).toBe('oslo');
    expect(oslo.fields?.instance).toBe('b9000564-fe1a-409b-b8cc-1e88b294cd1d');
    expect(oslo.body[0]).toBe('Traceback (most recent call last):');
  });
});
