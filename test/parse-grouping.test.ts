import { afterEach, describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { RecordAssembler } from '../src/parse/assembler.js';
import { APART, HOLD, JOIN, type CallGroup, type CallGrouper, type CallJoin, type ContinuationRule, type Grouping } from '../src/parse/grouping.js';
import type { Format, Head } from '../src/parse/head.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { groupingOf, setCustomFormats } from '../src/parse/registry.js';
import { isSeamLine } from '../src/parse/seams.js';
import { LineSplitter } from '../src/lines/line-splitter.js';

/**
 * The extension point (grouping.ts): a format that is not built in declares
 * how its lines group (Format.grouping), and the assembler groups them so,
 * with no change of its own. The format here is made up for the test:
 *   T<ms> logger message    a timed head
 *   note: message           a head with no time
 *   tx ID text              a call of transaction ID (logger `tx`)
 *   name(INFO) T<ms>        a head whose message is on the next line, `| message`
 */
const NAME = 'test-blocks';

function parse(text: string): Head | undefined {
  let m = /^T(\d+) (\S+) (.*)$/.exec(text);
  if (m) return { time: Number(m[1]), level: Level.info, logger: m[2]!, message: m[3]!, format: NAME };
  m = /^note: (.*)$/.exec(text);
  if (m) return { time: NaN, level: Level.none, logger: 'note', message: m[1]!, format: NAME };
  m = /^tx (\w+) (.*)$/.exec(text);
  if (m) return { time: NaN, level: Level.none, logger: 'tx', message: `${m[1]!} ${m[2]!}`, format: NAME };
  m = /^(\w+)\(INFO\) T(\d+)$/.exec(text);
  if (m) return { time: Number(m[2]), level: Level.info, logger: m[1]!, message: undefined, format: NAME };
  return undefined;
}

/** Between `BEGIN` and `END` the record holds on to every line, heads with no time too. */
const blocks: ContinuationRule = {
  takes: (_text, state) => state !== 0,
  next: (text, state) => (text === 'BEGIN' ? 1 : text === 'END' ? 0 : state),
};

/** Calls of one transaction make one record; `tx ID done` is held: a call after it closed the group, text after it opens the next. */
class Transaction implements CallGroup {
  private readonly lines: string[] = [];
  constructor(readonly id: string) {}
  add(_h: Head, message: string): CallJoin {
    const id = message.split(' ')[0]!;
    const text = message.slice(message.indexOf(' ') + 1);
    if (id !== this.id && this.lines.length > 0) return APART;
    if (text === 'done') return HOLD;
    this.lines.push(text);
    return JOIN;
  }
  addLine(text: string): void {
    this.lines.push(`+ ${text}`);
  }
  finish(record: LogRecord): void {
    record.message = `tx ${this.id}: ${this.lines.length} lines`;
    record.body = [...this.lines];
    record.level = Level.notice;
  }
}

const transactions: CallGrouper = {
  groups: (h) => h.logger === 'tx',
  start: (h) => new Transaction(h.message!.split(' ')[0]!),
};

const grouping: Grouping = {
  continuation: blocks,
  calls: transactions,
  messageLine: (_h, next) => (next.startsWith('| ') ? next.slice(2) : undefined),
};

const testFormat: Format = { name: NAME, firstChar: () => true, parse, grouping };

function assemble(text: string, g: Grouping | undefined = grouping): LogRecord[] {
  const out: LogRecord[] = [];
  const asm = new RecordAssembler(0, (r) => out.push(r), parse, (name) => (name === NAME && g !== undefined ? g : groupingOf(name)));
  const splitter = new LineSplitter();
  splitter.push(Buffer.from(text), (l) => asm.push(l));
  splitter.flush((l) => asm.push(l));
  asm.flush();
  return out;
}

const shape = (recs: LogRecord[]) => recs.map((r) => [r.line, r.message, r.body]);

describe("a format's own grouping (Format.grouping)", () => {
  afterEach(() => setCustomFormats([]));

  it('its continuation rule holds heads with no time inside a block', () => {
    const text = 'T1 app start\nBEGIN\nnote: inside\n  indented\nEND\nnote: outside\n';
    expect(shape(assemble(text))).toEqual([
      [1, 'start', ['BEGIN', 'note: inside', '  indented', 'END']],
      [6, 'outside', []],
    ]);
    // The common grouping (the default) has no such blocks: the note starts a record.
    expect(shape(assemble(text, groupingOf('python')))).toEqual([
      [1, 'start', ['BEGIN']],
      [3, 'inside', ['  indented', 'END']],
      [6, 'outside', []],
    ]);
  });

  it('a head with a time ends a hold whatever the rule says (seams rely on it)', () => {
    expect(shape(assemble('T1 app start\nBEGIN\nnote: held\nT2 app next\nnote: free\n'))).toEqual([
      [1, 'start', ['BEGIN', 'note: held']],
      [4, 'next', []],
      [5, 'free', []],
    ]);
  });

  it('its call grouper makes one record of a run of calls, and finishes it', () => {
    const recs = assemble('tx a one\ntx a two\ncontinued\ntx b three\nT5 app after\n');
    expect(recs.map((r) => [r.line, r.message, r.body, r.level])).toEqual([
      [1, 'tx a: 3 lines', ['one', 'two', '+ continued'], Level.notice],
      [4, 'tx b: 1 lines', ['three'], Level.notice],
      [5, 'after', [], Level.info],
    ]);
    expect(recs[0]!.raw.map(String)).toEqual(['tx a one\n', 'tx a two\n', 'continued\n']);
  });

  it('a held call closes the group when a call follows, and opens the next when text does', () => {
    const closed = assemble('tx a one\ntx a done\ntx a again\n');
    expect(closed.map((r) => [r.line, r.message, r.raw.length])).toEqual([
      [1, 'tx a: 1 lines', 2],
      [3, 'tx a: 1 lines', 1],
    ]);
    const opened = assemble('tx a one\ntx a done\npreamble\n');
    expect(opened.map((r) => [r.line, r.message, r.body])).toEqual([
      [1, 'tx a: 1 lines', ['one']],
      [2, 'tx a: 1 lines', ['+ preamble']],
    ]);
  });

  it('its message line rule reads the message of a head that has none', () => {
    expect(shape(assemble('app(INFO) T3\n| the message\napp(INFO) T4\nplain words\n'))).toEqual([
      [1, 'the message', []],
      [3, '', ['plain words']],
    ]);
  });

  it('parsing through the registry uses the grouping the format declares, and seams skip its calls', () => {
    setCustomFormats([testFormat]);
    const recs = parseBuffer(Buffer.from('T1 app start\nBEGIN\nnote: inside\nEND\ntx a one\ntx a two\n'), 0, { format: NAME });
    expect(shape(recs)).toEqual([
      [1, 'start', ['BEGIN', 'note: inside', 'END']],
      [5, 'tx a: 2 lines', ['one', 'two']],
    ]);
    expect(isSeamLine(testFormat, 'T1 app start')).toBe(true);
    const timedCall: Format = { ...testFormat, parse: (t) => ({ ...parse(t.slice(3))!, time: 1 }) };
    expect(isSeamLine(timedCall, 'T1 tx a one')).toBe(false);
  });
});
