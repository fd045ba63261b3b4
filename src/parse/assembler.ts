import { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import type { Line } from '../lines/line-splitter.js';
import type { Head, HeadParser } from './head.js';
import { HttpBlock, RECV_LOGGER, SEND_LOGGER } from './kamaki-http.js';
import { guessPlainLevel } from './formats/plain.js';
import { parsePythonHead } from './python-head.js';

const TRACEBACK = 'Traceback (most recent call last):';

/** A record under construction: the record's own fields, plus how it takes more lines. */
interface Builder extends Omit<LogRecord, 'sourceId' | 'http'> {
  http?: HttpBlock;
  /** Plain records take only indented lines and tracebacks; logger calls take any line. */
  takesAnyLine: boolean;
  /** Complete in its first line (JSON): takes no continuation at all. */
  single: boolean;
  foldKey: string | undefined;
}

/** A logger call whose message is on the next line (`name(LEVEL) time`). */
interface Awaiting {
  head: Head;
  lines: Line[];
}

function httpDirection(h: Head): 'request' | 'response' {
  return h.logger === SEND_LOGGER ? 'request' : 'response';
}

function isIndented(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 32 || c === 9;
}

/** Unindented lines of a Java stack trace that still belong to it. */
function isJavaTraceLine(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c === 67 /* C */ && text.startsWith('Caused by: ')) || (c === 46 /* . */ && text.startsWith('... ') && text.endsWith(' more'));
}

/** Strip the indent kamaki puts before a message on its own line: a tab, or up to two spaces. */
function stripMessageIndent(text: string): string {
  if (text.charCodeAt(0) === 9) return text.slice(1);
  if (text.charCodeAt(0) === 32) return text.slice(text.charCodeAt(1) === 32 ? 2 : 1);
  return text;
}

/**
 * Lines -> records. Decides where each record starts and ends: continuation
 * lines (tracebacks, bare lines) join the record before them, kamaki's HTTP
 * calls are grouped into one record per request or response, and a few shapes
 * need one line of look-ahead (a bare logger name; an empty HTTP call that may
 * close one block or open the next). Records are handed to `emit` in order.
 */
export class RecordAssembler {
  private open: Builder | undefined;
  private awaiting: Awaiting | undefined;
  private pendingName: { line: Line; head: Head } | undefined;
  /** An empty send/recv call after a filled block: a closing call, or the preamble of the next block. */
  private heldEmpty: { head: Head; lines: Line[] } | undefined;
  private inTraceback = false;

  constructor(
    private readonly sourceId: number,
    private readonly emit: (record: LogRecord) => void,
    private readonly parseHead: HeadParser = parsePythonHead,
  ) {}

  /**
   * No look-ahead pending (a bare name, a call awaiting its message line, an
   * empty HTTP call): a line that starts a record leaves this assembler in the
   * same state as a new one, whatever came before.
   */
  get settled(): boolean {
    return this.pendingName === undefined && this.awaiting === undefined && this.heldEmpty === undefined;
  }

  /** Byte offset of the first line held (in a record not yet emitted), or undefined: none. */
  heldFrom(): number | undefined {
    let from = this.open?.offset;
    for (const l of [this.awaiting?.lines[0], this.pendingName?.line, this.heldEmpty?.lines[0]]) {
      if (l !== undefined && (from === undefined || l.offset < from)) from = l.offset;
    }
    return from;
  }

  push(line: Line): void {
    if (this.pendingName) {
      const pending = this.pendingName;
      this.pendingName = undefined;
      if (line.text.charCodeAt(0) === 32) {
        this.startCall({ ...pending.head, shape: undefined, message: line.text.slice(1) }, [pending.line, line]);
        return;
      }
      this.continuation(pending.line);
    }
    if (this.awaiting) {
      const aw = this.awaiting;
      if (line.text === '' || isIndented(line.text) || !this.parseHead(line.text)) {
        this.awaiting = undefined;
        aw.lines.push(line);
        this.startCall({ ...aw.head, message: stripMessageIndent(line.text) }, aw.lines);
        return;
      }
      this.awaiting = undefined;
      this.startCall({ ...aw.head, message: '' }, aw.lines);
    }

    const text = line.text;
    if (this.inTraceback && !isIndented(text) && text !== '') {
      // The exception line that ends a traceback looks like `name: message`;
      // only a head carrying a time can interrupt a traceback.
      const h = this.parseHead(text);
      if (h && !Number.isNaN(h.time)) {
        this.inTraceback = false;
        this.headLine(h, line);
      } else {
        // The exception line joins the record (plain ones take it only while
        // inTraceback holds), and ends the traceback unless it starts another.
        this.continuation(line);
        this.inTraceback = text.startsWith(TRACEBACK);
      }
      return;
    }
    const h = this.parseHead(text);
    if (h) this.headLine(h, line);
    else this.continuation(line);
  }

  /**
   * A seam line's record begins here but is not pushed (level-skim.ts drops
   * it): what a seam does to what came before, done now. Only when settled.
   */
  endRecord(): void {
    this.inTraceback = false;
    this.close();
  }

  /** End of input: complete whatever is pending. */
  flush(): void {
    if (this.pendingName) {
      const p = this.pendingName;
      this.pendingName = undefined;
      this.continuation(p.line);
    }
    if (this.awaiting) {
      const aw = this.awaiting;
      this.awaiting = undefined;
      this.startCall({ ...aw.head, message: '' }, aw.lines);
    }
    this.releaseHeldAsClose();
    this.close();
    this.inTraceback = false;
  }

  private headLine(h: Head, line: Line): void {
    if (h.fold !== undefined) {
      const open = this.open;
      if (open !== undefined && open.foldKey === h.foldKey && open.logger === h.logger && !open.http && !this.heldEmpty) {
        open.raw.push(line.raw);
        open.body.push(h.fold);
        return;
      }
    }
    if (h.shape === 'name-only') {
      this.pendingName = { line, head: h };
    } else if (h.message === undefined) {
      this.awaiting = { head: h, lines: [line] };
    } else {
      this.startCall(h, [line]);
    }
  }

  private startCall(h: Head, lines: Line[]): void {
    this.releaseHeldAsClose();
    this.inTraceback = false;
    const message = h.message ?? '';
    if (h.logger === SEND_LOGGER || h.logger === RECV_LOGGER) {
      this.httpCall(h, lines, message);
      return;
    }
    this.close();
    this.open = this.newBuilder(h, lines, message, true);
  }

  private httpCall(h: Head, lines: Line[], message: string): void {
    const direction = httpDirection(h);
    const open = this.open;
    const block = open?.http?.direction === direction ? open.http : undefined;
    if (block && open) {
      if (message.trim() === '' && block.filled) {
        this.heldEmpty = { head: h, lines };
        return;
      }
      if (block.addCall(message)) {
        for (const l of lines) open.raw.push(l.raw);
        return;
      }
    }
    this.openHttpBlock(h, lines).addCall(message);
  }

  /** Close what is open and start an HTTP block with this call. */
  private openHttpBlock(h: Head, lines: Line[]): HttpBlock {
    this.close();
    const b = this.newBuilder(h, lines, '', true);
    b.http = new HttpBlock(httpDirection(h));
    this.open = b;
    return b.http;
  }

  /** The call after a held empty HTTP call arrived: the held one was the block's closing call. */
  private releaseHeldAsClose(): void {
    const held = this.heldEmpty;
    if (!held) return;
    this.heldEmpty = undefined;
    if (this.open) for (const l of held.lines) this.open.raw.push(l.raw);
    this.close();
  }

  private continuation(line: Line): void {
    const text = line.text;
    if (text.startsWith(TRACEBACK)) this.inTraceback = true;
    if (this.heldEmpty) {
      // An empty call followed by bare lines is the preamble of a new block
      // (`\nCMT POST@endpoint`), not the closing call of the open one.
      const held = this.heldEmpty;
      this.heldEmpty = undefined;
      this.openHttpBlock(held.head, held.lines);
    }
    const open = this.open;
    if (open && !open.single && (open.takesAnyLine || this.inTraceback || isIndented(text) || isJavaTraceLine(text))) {
      open.raw.push(line.raw);
      if (open.http) open.http.addContinuation(text);
      else open.body.push(text);
      return;
    }
    this.close();
    const plain: Head = { time: NaN, level: guessPlainLevel(text), logger: '', message: text, format: 'plain' };
    this.open = this.newBuilder(plain, [line], text, false);
  }

  private newBuilder(h: Head, lines: Line[], message: string, takesAnyLine: boolean): Builder {
    const first = lines[0]!;
    const b: Builder = {
      line: first.lineNo,
      offset: first.offset,
      time: h.time,
      level: h.level,
      logger: h.logger,
      message,
      body: [],
      raw: lines.map((l) => l.raw),
      format: h.format,
      takesAnyLine,
      single: h.single === true,
      foldKey: h.foldKey,
    };
    if (h.levelName !== undefined) b.levelName = h.levelName;
    if (h.body) b.body.push(...h.body);
    if (h.fields) b.fields = h.fields;
    return b;
  }

  private close(): void {
    const b = this.open;
    if (!b) return;
    this.open = undefined;
    const http = b.http;
    const body = http ? http.bodyLines() : b.body;
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    const record: LogRecord = {
      sourceId: this.sourceId,
      line: b.line,
      offset: b.offset,
      time: b.time,
      // kamaki logs HTTP at DEBUGV (11); shapes that show no level imply it.
      level: http && b.level === Level.none ? Level.debug : b.level,
      logger: b.logger,
      message: http ? http.message() : b.message,
      body,
      raw: b.raw,
      format: b.format,
    };
    const info = http?.info();
    if (info) record.http = info;
    if (b.fields) record.fields = b.fields;
    if (b.levelName !== undefined) record.levelName = b.levelName;
    this.emit(record);
  }
}
