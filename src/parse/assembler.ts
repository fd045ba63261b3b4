import type { LogRecord } from '../model/record.js';
import type { Line } from '../lines/line-splitter.js';
import type { Head, HeadParser } from './head.js';
import { HOLD, JOIN, type CallGroup, type CallGrouper, type ContinuationRule, type Grouping } from './grouping.js';
import { plainGrouping, plainHead } from './formats/plain.js';
import { parsePythonHead } from './python-head.js';
import { groupingOf } from './registry.js';

/** A record under construction: the record's own fields, plus how it takes more lines. */
interface Builder extends Omit<LogRecord, 'sourceId' | 'http'> {
  /** Its format's rule for lines that are no head, and the rule's state for this record. */
  rule: ContinuationRule;
  hold: number;
  /** The calls it is made of, when its format groups them, and the grouper that does. */
  group: CallGroup | undefined;
  grouper: CallGrouper | undefined;
  /** Plain records take only indented lines and what their rule takes; logger calls take any line. */
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

/** A call its group held (CallGroup.add answered HOLD). */
interface HeldCall {
  head: Head;
  lines: Line[];
  grouper: CallGrouper;
}

function isIndented(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 32 || c === 9;
}

/**
 * Lines -> records. Decides where each record starts and ends: a head starts
 * one, lines that are no head continue the record before them, a few shapes
 * need one line of look-ahead (a head whose message is on the next line, a
 * call its group holds), and records are handed to `emit` in order. What a
 * particular format does beyond that (a traceback's lines, calls grouped into
 * one record, where the next line's message starts) the format says in its
 * Grouping (grouping.ts), found by the head's format name; this class knows
 * no format but plain text, the record of a line nothing else takes.
 */
export class RecordAssembler {
  private open: Builder | undefined;
  private awaiting: Awaiting | undefined;
  private pendingName: { line: Line; head: Head } | undefined;
  /** A held call: the open group's closing call if a call follows, the next group's start if text does. */
  private heldCall: HeldCall | undefined;

  constructor(
    private readonly sourceId: number,
    private readonly emit: (record: LogRecord) => void,
    private readonly parseHead: HeadParser = parsePythonHead,
    /** The grouping of a format, by Head.format. */
    private readonly groupingFor: (format: string) => Grouping = groupingOf,
  ) {}

  /**
   * No look-ahead pending (a bare name, a call awaiting its message line, a
   * held call): a line that starts a record leaves this assembler in the
   * same state as a new one, whatever came before.
   */
  get settled(): boolean {
    return this.pendingName === undefined && this.awaiting === undefined && this.heldCall === undefined;
  }

  /** Byte offset of the first line held (in a record not yet emitted), or undefined: none. */
  heldFrom(): number | undefined {
    let from = this.open?.offset;
    for (const l of [this.awaiting?.lines[0], this.pendingName?.line, this.heldCall?.lines[0]]) {
      if (l !== undefined && (from === undefined || l.offset < from)) from = l.offset;
    }
    return from;
  }

  push(line: Line): void {
    if (this.pendingName) {
      const pending = this.pendingName;
      this.pendingName = undefined;
      const message = this.grouping(pending.head).messageLine?.(pending.head, line.text);
      if (message !== undefined) {
        this.startCall({ ...pending.head, shape: undefined, message }, [pending.line, line]);
        return;
      }
      this.continuation(pending.line);
    }
    if (this.awaiting) {
      const aw = this.awaiting;
      this.awaiting = undefined;
      const next = line.text;
      if (next === '' || isIndented(next) || !this.parseHead(next)) {
        const g = this.grouping(aw.head);
        const message = g.messageLine === undefined ? next : g.messageLine(aw.head, next);
        if (message !== undefined) {
          aw.lines.push(line);
          this.startCall({ ...aw.head, message }, aw.lines);
          return;
        }
      }
      this.startCall({ ...aw.head, message: '' }, aw.lines);
    }

    const text = line.text;
    const open = this.open;
    if (open !== undefined && open.hold !== 0 && !isIndented(text) && text !== '') {
      // The open record holds on to unindented lines (ContinuationRule): only
      // a head with a time takes them from it, as seams.ts relies on.
      const h = this.parseHead(text);
      if (h && !Number.isNaN(h.time)) {
        open.hold = 0;
        this.headLine(h, line);
      } else {
        this.continuation(line);
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
  }

  /** The grouping of h's format (groupingOf keeps its last answer: a steady source pays a string compare). */
  private grouping(h: Head): Grouping {
    return this.groupingFor(h.format);
  }

  private headLine(h: Head, line: Line): void {
    if (h.fold !== undefined) {
      const open = this.open;
      if (open !== undefined && open.foldKey === h.foldKey && open.logger === h.logger && open.group === undefined && !this.heldCall) {
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
    const message = h.message ?? '';
    const g = this.grouping(h);
    const calls = g.calls;
    if (calls !== undefined && calls.groups(h)) {
      this.groupedCall(h, lines, message, calls, g.continuation);
      return;
    }
    this.close();
    this.open = this.newBuilder(h, lines, message, true, g.continuation);
  }

  private groupedCall(h: Head, lines: Line[], message: string, calls: CallGrouper, rule: ContinuationRule): void {
    const open = this.open;
    if (open !== undefined && open.grouper === calls) {
      // A call ends any hold of the record it joins.
      open.hold = 0;
      const answer = open.group!.add(h, message);
      if (answer === HOLD) {
        this.heldCall = { head: h, lines, grouper: calls };
        return;
      }
      if (answer === JOIN) {
        for (const l of lines) open.raw.push(l.raw);
        return;
      }
    }
    this.openGroup(h, lines, calls, rule).add(h, message);
  }

  /** Close what is open and start a record of grouped calls with this call's lines. */
  private openGroup(h: Head, lines: Line[], calls: CallGrouper, rule: ContinuationRule): CallGroup {
    this.close();
    const b = this.newBuilder(h, lines, '', true, rule);
    const group = calls.start(h);
    b.group = group;
    b.grouper = calls;
    this.open = b;
    return group;
  }

  /** The call after a held call arrived: the held one was the group's closing call. */
  private releaseHeldAsClose(): void {
    const held = this.heldCall;
    if (!held) return;
    this.heldCall = undefined;
    if (this.open) for (const l of held.lines) this.open.raw.push(l.raw);
    this.close();
  }

  private continuation(line: Line): void {
    const text = line.text;
    if (this.heldCall) {
      // A held call followed by lines that are no call starts the next group
      // (kamaki's `\nCMT POST@endpoint` preamble), not the end of the open one.
      const held = this.heldCall;
      this.heldCall = undefined;
      this.openGroup(held.head, held.lines, held.grouper, this.grouping(held.head).continuation);
    }
    const open = this.open;
    if (open && !open.single && (open.takesAnyLine || isIndented(text) || open.rule.takes(text, open.hold))) {
      open.raw.push(line.raw);
      if (open.group !== undefined) open.group.addLine(text);
      else open.body.push(text);
      open.hold = open.rule.next(text, open.hold);
      return;
    }
    this.close();
    const b = this.newBuilder(plainHead(text), [line], text, false, plainGrouping.continuation);
    b.hold = b.rule.next(text, 0);
    this.open = b;
  }

  private newBuilder(h: Head, lines: Line[], message: string, takesAnyLine: boolean, rule: ContinuationRule): Builder {
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
      rule,
      hold: 0,
      group: undefined,
      grouper: undefined,
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
    const record: LogRecord = {
      sourceId: this.sourceId,
      line: b.line,
      offset: b.offset,
      time: b.time,
      level: b.level,
      logger: b.logger,
      message: b.message,
      body: b.body,
      raw: b.raw,
      format: b.format,
    };
    b.group?.finish(record);
    const body = record.body;
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    if (b.fields) record.fields = b.fields;
    if (b.levelName !== undefined) record.levelName = b.levelName;
    this.emit(record);
  }
}
