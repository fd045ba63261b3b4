import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUT_MARKER, LineSplitter, type Line } from '../src/lines/line-splitter.js';

function split(chunks: Buffer[], maxLine?: number): Line[] {
  const s = new LineSplitter(maxLine);
  const out: Line[] = [];
  for (const c of chunks) s.push(c, (l) => out.push(l));
  s.flush((l) => out.push(l));
  return out;
}

describe('LineSplitter', () => {
  it('gives lines with 1-based numbers and byte offsets', () => {
    const lines = split([Buffer.from('a\nbb\n\nccc')]);
    expect(lines.map((l) => [l.text, l.lineNo, l.offset])).toEqual([
      ['a', 1, 0],
      ['bb', 2, 2],
      ['', 3, 5],
      ['ccc', 4, 6],
    ]);
    expect(Buffer.concat(lines.map((l) => l.raw)).toString()).toBe('a\nbb\n\nccc');
  });

  it('strips CRLF from text but keeps it in raw', () => {
    const [l] = split([Buffer.from('hello\r\n')]);
    expect(l!.text).toBe('hello');
    expect(l!.raw.toString()).toBe('hello\r\n');
  });

  it('decodes a UTF-8 character split across chunks', () => {
    const bytes = Buffer.from('αβγ €\n');
    const lines = split([bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5)]);
    expect(lines.map((l) => l.text)).toEqual(['αβγ €']);
  });

  it('turns invalid UTF-8 into U+FFFD', () => {
    const [l] = split([Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a])]);
    expect(l!.text).toBe('a\uFFFD\uFFFDb');
  });

  it('cuts an overlong line with a visible marker and carries on after it', () => {
    const long = Buffer.alloc(5000, 0x78);
    const lines = split([Buffer.from('first\n'), long.subarray(0, 3000), long.subarray(3000), Buffer.from('\nnext\n')], 1024);
    expect(lines).toHaveLength(3);
    expect(lines[1]!.cut).toBe(true);
    expect(lines[1]!.text).toBe('x'.repeat(1024) + CUT_MARKER);
    expect(lines[2]!.text).toBe('next');
    expect(lines[2]!.lineNo).toBe(3);
    // Offsets still count the bytes that were dropped.
    expect(lines[2]!.offset).toBe(6 + 5000 + 1);
    // The cut line's raw bytes keep their newline: raw output stays one line per line.
    expect(lines[1]!.raw.toString()).toBe('x'.repeat(1024) + '\n');
  });

  it('cuts an overlong line that arrives in one chunk', () => {
    const lines = split([Buffer.from('y'.repeat(3000) + '\nz\n')], 1000);
    expect(lines.map((l) => l.text)).toEqual(['y'.repeat(1000) + CUT_MARKER, 'z']);
    expect(Buffer.concat(lines.map((l) => l.raw)).toString()).toBe('y'.repeat(1000) + '\nz\n');
    expect(lines[1]!.offset).toBe(3001);
  });

  it('never cuts inside a UTF-8 character', () => {
    const lines = split([Buffer.from('é'.repeat(600) + '\n')], 1001);
    expect(lines[0]!.text).toBe('é'.repeat(500) + CUT_MARKER);
  });

  it('gives the same lines however the bytes are chunked', () => {
    const text = Buffer.from('a\r\nβ\n\nlong line ' + 'x'.repeat(40) + '\n€ end');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 10 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), text.length];
        const chunks = points.slice(1).map((p, i) => text.subarray(points[i]!, p));
        const got = split(chunks, 30).map((l) => [l.text, l.lineNo, l.offset, l.cut]);
        const want = split([text], 30).map((l) => [l.text, l.lineNo, l.offset, l.cut]);
        expect(got).toEqual(want);
      }),
    );
  });
});
