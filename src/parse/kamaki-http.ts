import { Level } from '../model/level.js';
import { lookupTable } from '../model/lookup-table.js';
import type { HttpInfo, LogRecord } from '../model/record.js';
import { APART, HOLD, JOIN, type CallGroup, type CallGrouper, type CallJoin } from './grouping.js';
import type { Head } from './head.js';

/**
 * kamaki logs an HTTP exchange one logger call per line (kamaki/clients/__init__.py):
 * a request is the `CMT METHOD@endpoint` preamble, `METHOD URL`, `  Header: value`
 * lines, `data size: N`, an optional body and a closing empty message; a response
 * is `STATUS REASON`, headers, `data size`, body. This module turns those calls
 * into one HTTP record each (kamakiCalls, the Python formats' CallGrouper):
 * which calls belong together, and what the record says.
 */

export const SEND_LOGGER = 'kamaki.clients.send';
export const RECV_LOGGER = 'kamaki.clients.recv';

/** kamaki's debug builds append the manager object: `\t[<kamaki.clients.X object at 0x..>]`. */
const OBJ_SUFFIX = /\t\[<[^\]]*>\]\s*$/;
const REQUEST_LINE = /^([A-Z]+) (\S+)/;
const STATUS_LINE = /^(\d{3})(?:\s+(.*))?$/;
const HEADER_LINE = /^\s+([^:\s][^:]*):\s?(.*)$/;
const DATA_SIZE = /^data size:\s*(\d+)/;
/** The manager object's id in that suffix. */
const OBJ_ID = /\t\[<[\w.]+ object at (0x[0-9a-fA-F]+)>\]\s*$/;
/** `CMT GET@https://endpoint`, the request's preamble. */
const CMT_LINE = /^CMT [A-Z]+@(\S+)/;
/** `<ResponseManager object at 0x..> <-- <HTTPResponse ...> <-- [req: <RequestManager object at 0x..>]`. */
const RESPONSE_LINK = /^<[\w.]+ object at (0x[0-9a-fA-F]+)> <-- .*\[req: <[\w.]+ object at (0x[0-9a-fA-F]+)>\]/;
/** kamaki <= 0.12 opens a request with a separator call instead of the CMT preamble. */
const SEPARATOR = /^-[-\s]*$/;

/**
 * The payload among an HTTP record's body lines: what follows `data size`
 * (the headers come before it), or, without one, the lines that are no header.
 */
export function httpPayload(body: readonly string[]): string[] {
  const size = body.findIndex((l) => DATA_SIZE.test(l));
  const rest = size >= 0 ? body.slice(size + 1) : body.filter((l) => !HEADER_LINE.test(l));
  return rest.filter((l) => l.trim() !== '');
}

export function stripObjectSuffix(message: string): string {
  return message.indexOf('\t[<') >= 0 ? message.replace(OBJ_SUFFIX, '') : message;
}

function directionOf(h: Head): 'request' | 'response' {
  return h.logger === SEND_LOGGER ? 'request' : 'response';
}

/**
 * kamaki's calls, known by their loggers whatever the layout that wrote them.
 * Every format but plain text groups them (registry.ts groupingOf).
 */
export const kamakiCalls: CallGrouper = {
  groups: (h) => h.logger === SEND_LOGGER || h.logger === RECV_LOGGER,
  start: (h) => new HttpBlock(directionOf(h)),
};

/** Accumulates the calls of one request or response block. */
export class HttpBlock implements CallGroup {
  method?: string;
  url?: string;
  status?: number;
  reason?: string;
  headers: Record<string, string> = lookupTable<string>({});
  size?: number;
  /** Message lines after the request/status line: headers, data size, payload. */
  body: string[] = [];
  /**
   * Every non-empty line before the request/status line. A block that never
   * gets one (a plain message logged to kamaki.clients.recv) is shown from these.
   */
  private readonly unfilled: string[] = [];
  private endpoint: string | undefined;
  private id: string | undefined;
  private requestId: string | undefined;

  constructor(readonly direction: 'request' | 'response') {}

  /** Has the request line / status line arrived? */
  get filled(): boolean {
    return this.direction === 'request' ? this.method !== undefined : this.status !== undefined;
  }

  /**
   * A call of the same direction joins; an empty one after the request or
   * status line is held: it is the block's closing call if another call
   * follows, the next block's preamble if text does (`\nCMT POST@endpoint`).
   */
  add(h: Head, message: string): CallJoin {
    if (directionOf(h) !== this.direction) return APART;
    if (message.trim() === '' && this.filled) return HOLD;
    return this.addCall(message) ? JOIN : APART;
  }

  addLine(text: string): void {
    this.addContinuation(text);
  }

  finish(record: LogRecord): void {
    record.message = this.message();
    record.body = this.bodyLines();
    // kamaki logs HTTP at DEBUGV (11); shapes that show no level imply it.
    if (record.level === Level.none) record.level = Level.debug;
    const info = this.info();
    if (info) record.http = info;
  }

  /** Take one call's message. Returns false if it opens a new block instead (caller starts one). */
  addCall(message: string): boolean {
    const m = stripObjectSuffix(message);
    if (m === '') return true;
    this.noteIds(message);
    if (this.direction === 'request') {
      const r = REQUEST_LINE.exec(m);
      if (r) {
        if (this.method !== undefined) return false;
        this.method = r[1]!;
        this.url = r[2]!;
        return true;
      }
      if (SEPARATOR.test(m)) return !this.filled;
    } else {
      const s = STATUS_LINE.exec(m);
      if (s) {
        if (this.status !== undefined) return false;
        this.status = Number(s[1]);
        this.reason = s[2] ?? '';
        return true;
      }
    }
    // A plain message logged to these loggers is a record of its own: an
    // unfilled block never swallows a second one.
    if (!this.filled && this.unfilled.length > 0 && !HEADER_LINE.test(m) && !DATA_SIZE.test(m)) return false;
    this.addText(m);
    return true;
  }

  /** A continuation line (not a logger call): payload once the block is filled, else preamble. */
  addContinuation(text: string): void {
    if (text.trim() === '') return;
    this.noteIds(text);
    if (this.filled) this.body.push(stripObjectSuffix(text));
    else this.unfilled.push(text);
  }

  /** The preamble's endpoint and the managers' ids, wherever in the block they come. */
  private noteIds(text: string): void {
    if (this.filled && this.id !== undefined) return;
    const obj = text.indexOf('\t[<') >= 0 ? OBJ_ID.exec(text) : null;
    if (obj && this.id === undefined && !text.startsWith('CMT ')) this.id = obj[1]!;
    const cmt = CMT_LINE.exec(text);
    if (cmt) this.endpoint = cmt[1]!;
    const link = text.charCodeAt(0) === 60 /* < */ ? RESPONSE_LINK.exec(text) : null;
    if (link) {
      this.id ??= link[1]!;
      this.requestId = link[2]!;
    }
  }

  private ids(): { endpoint?: string; id?: string; request_id?: string } {
    const o: { endpoint?: string; id?: string; request_id?: string } = {};
    if (this.endpoint !== undefined) o.endpoint = this.endpoint;
    if (this.id !== undefined) o.id = this.id;
    if (this.requestId !== undefined) o.request_id = this.requestId;
    return o;
  }

  private addText(m: string): void {
    if (!this.filled) this.unfilled.push(m);
    const size = DATA_SIZE.exec(m);
    if (size) {
      this.size = Number(size[1]);
    } else if (this.size === undefined) {
      const h = HEADER_LINE.exec(m);
      if (h) this.headers[h[1]!.trim()] = h[2]!;
    }
    this.body.push(m);
  }

  message(): string {
    if (this.direction === 'request' && this.method !== undefined) return `${this.method} ${this.url}`;
    if (this.direction === 'response' && this.status !== undefined) {
      return this.reason ? `${this.status} ${this.reason}` : String(this.status);
    }
    return this.unfilled[0] ?? '';
  }

  /** Lines after the message: headers, data size, payload; or, for a block never filled, the rest of its text. */
  bodyLines(): string[] {
    return this.filled ? this.body : this.unfilled.slice(1);
  }

  info(): HttpInfo | undefined {
    if (this.direction === 'request') {
      if (this.method === undefined) return undefined;
      return { direction: 'request', method: this.method, url: this.url!, headers: this.headers, ...(this.size !== undefined ? { size: this.size } : {}), ...this.ids() };
    }
    if (this.status === undefined) return undefined;
    return { direction: 'response', status: this.status, reason: this.reason ?? '', headers: this.headers, ...(this.size !== undefined ? { size: this.size } : {}), ...this.ids() };
  }
}
