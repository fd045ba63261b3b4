import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { levelFromPythonNumber, levelName } from '../src/model/level.js';
import { compileLogFormat } from '../src/parse/formats/log-format/compile.js';
import { LogFormatError } from '../src/parse/formats/log-format/tokens.js';
import { DateFormatError } from '../src/parse/formats/log-format/strftime.js';

const SCRIPT = join(import.meta.dirname, 'helpers', 'python-formatter.py');

interface Case {
  fmt: string;
  style?: '%' | '{' | '$';
  datefmt?: string;
  /** Resolution of the time the line shows, ms (1000: seconds only). */
  resolution: number;
}

/** Format strings as configs write them: the docs' examples, Django's, oslo.log's, odd specs. */
const CASES: Case[] = [
  { fmt: '%(asctime)s %(levelname)s %(name)s: %(message)s', resolution: 1 },
  { fmt: '%(asctime)s %(levelname)-8s [%(name)s] %(message)s', resolution: 1 },
  { fmt: '%(asctime)s - %(name)s - %(levelname)s - %(message)s', resolution: 1 },
  { fmt: '%(levelname)s:%(name)s:%(message)s', resolution: 0 },
  { fmt: '[%(asctime)s] %(levelname)8s %(process)d %(threadName)s %(name)s.%(funcName)s:%(lineno)d %(message)s', resolution: 1 },
  { fmt: '%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s [%(request_id)s] %(message)s', datefmt: '%Y-%m-%d %H:%M:%S', resolution: 1 },
  { fmt: '%(created)f %(levelno)s %(name)s %(module)s %(filename)s %(pathname)s %(message)s', resolution: 0.001 },
  { fmt: '%(asctime)s %(levelname).1s %(name)s %(message)s', datefmt: '%d/%b/%Y:%H:%M:%S', resolution: 1000 },
  { fmt: '%(asctime)s %(levelname)s %(processName)s %(taskName)s %(thread)d %(name)s %(message)s', datefmt: '%b %d %H:%M:%S %Y', resolution: 1000 },
  { fmt: '%(asctime)s|%(levelname)-7s|%(name)-20s|%(lineno)5d|%(message)s', datefmt: '%y%m%d %I:%M:%S %p', resolution: 1000 },
  { fmt: '{asctime} {levelname:<8} {name}: {message}', style: '{', resolution: 1 },
  { fmt: '{asctime} [{levelname:^9}] {name:>30} {process:08d} {message}', style: '{', resolution: 1 },
  { fmt: '{asctime}.{msecs:03.0f} {levelname:*>10} {name} {message}', style: '{', datefmt: '%Y-%m-%dT%H:%M:%S', resolution: 1 },
  { fmt: '$asctime $levelname ${name}: $message', style: '$', resolution: 1 },
  { fmt: '%(asctime)s %(levelname)s %(name)s %(message)s [%(filename)s:%(lineno)d]', datefmt: '%Y-%m-%d %H:%M:%S %z', resolution: 1000 },
  { fmt: '%(message)s <- %(name)s %(levelname)s %(asctime)s', datefmt: '%s', resolution: 1000 },
];

interface PyRecord {
  created: number;
  msecs: number;
  levelname: string;
  levelno: number;
  name: string;
  message: string;
  lineno: number;
  process: number;
  funcName: string;
  threadName: string;
  request_id: string;
}

function pythonOutput(seed: number, n: number): { lines: string[]; records: PyRecord[] }[] {
  const r = spawnSync('python3', [SCRIPT, String(seed), String(n)], {
    input: JSON.stringify(CASES.map((c) => ({ fmt: c.fmt, style: c.style ?? '%', datefmt: c.datefmt ?? null }))),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(r.stderr || String(r.error));
  return JSON.parse(r.stdout) as { lines: string[]; records: PyRecord[] }[];
}

const SEED = Number(process.env.LOGVIEW_SEED ?? Date.now() % 1_000_000);

describe('--log-format against real logging.Formatter output', () => {
  const outputs = pythonOutput(SEED, 200);
  CASES.forEach((c, k) => {
    it(`${c.style ?? '%'} ${c.fmt}${c.datefmt ? ` (datefmt ${c.datefmt})` : ''}`, () => {
      const f = compileLogFormat([c.fmt], { name: 'log-format', ...(c.datefmt ? { dateFormat: c.datefmt } : {}), ...(c.style ? { style: c.style } : {}) });
      const { lines, records } = outputs[k]!;
      lines.forEach((line, i) => {
        const rec = records[i]!;
        const where = `seed ${SEED}, line ${JSON.stringify(line)}`;
        expect(f.firstChar(line.charCodeAt(0)), where).toBe(true);
        const h = f.parse(line);
        expect(h, where).toBeDefined();
        expect(h!.message, where).toBe(rec.message);
        // A truncated name (`%(levelname).1s`) is read only as a prefix of Python's own names.
        const readable = !c.fmt.includes('levelname).1s') || rec.levelname !== 'AUDIT' && rec.levelname !== 'TRACE';
        expect(levelName(h!.level), where).toBe(readable ? levelName(levelFromPythonNumber(rec.levelno)) : undefined);
        if (c.fmt.includes('levelname') && !c.fmt.includes('levelname).1s')) expect(h!.levelName ?? levelName(h!.level)?.toUpperCase(), where).toBe(rec.levelname);
        if (/name\)|\{name|\$\{?name/.test(c.fmt)) expect(h!.logger, where).toBe(rec.name);
        if (c.resolution > 0) {
          // Python's msecs: int((created - int(created)) * 1000).
          const want = c.resolution === 1 ? Math.floor(rec.created) * 1000 + rec.msecs : Math.floor((rec.created * 1000) / c.resolution) * c.resolution;
          expect(Math.abs(h!.time - want), where).toBeLessThanOrEqual(c.resolution === 0.001 ? 0.002 : 0);
        } else {
          expect(h!.time, where).toBeNaN();
        }
        if (c.fmt.includes('lineno')) expect(h!.fields?.lineno, where).toBe(rec.lineno);
        if (c.fmt.includes('process)') || c.fmt.includes('{process')) expect(h!.fields?.process, where).toBe(rec.process);
        if (c.fmt.includes('threadName')) expect(h!.fields?.threadName, where).toBe(rec.threadName);
        if (c.fmt.includes('funcName')) expect(h!.fields?.funcName, where).toBe(rec.funcName);
        if (c.fmt.includes('request_id')) expect(h!.fields?.request_id, where).toBe(rec.request_id);
      });
    });
  });
});

describe('--log-format compile errors', () => {
  it('rejects what logging rejects, with the reason', () => {
    expect(() => compileLogFormat(['%(asctime)q'], { name: 'x' })).toThrow(LogFormatError);
    expect(() => compileLogFormat(['{asctime'], { name: 'x', style: '{' })).toThrow(/unclosed/);
    expect(() => compileLogFormat(['plain text'], { name: 'x' })).toThrow(/no fields/);
    expect(() => compileLogFormat(['%(asctime)s %(message)s'], { name: 'x', dateFormat: '%Y-%m-%d %Q' })).toThrow(DateFormatError);
  });
});
