// Runs the BUILT bin/logview.js with --print --follow -o raw and records, for
// every sequence-numbered line it prints, the number and when it arrived.
// Writers put `seq=N t=MS` in each line (MS: when it was written).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = join(ROOT, 'bin/logview.js');
export const WRITERS = join(ROOT, 'test/helpers/writers');

const made: string[] = [];

export function tempDir(tag: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `logview-follow-${tag}-`)));
  made.push(dir);
  return dir;
}

const running: ChildProcess[] = [];

/** After a file's tests: kill what a failed test left running, remove the temp dirs (the backlog one holds 500 MB). */
export function cleanup(): void {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Growable typed columns: a 500 MB backlog is ~5 M lines. */
class Column {
  data: Float64Array = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
}

const SEQ = Buffer.from('seq=');
const T = Buffer.from(' t=');

function digits(buf: Buffer, at: number): [number, number] {
  let v = 0;
  let i = at;
  while (i < buf.length && buf[i]! >= 48 && buf[i]! <= 57) v = v * 10 + buf[i++]! - 48;
  return [v, i];
}

export interface VerifyOptions {
  first: number;
  last: number;
  /** Lines numbered below this were written before logview started (no latency bound). */
  liveFrom?: number;
  maxLatencyMs?: number;
  /** Numbers that may be missing (lost before logview could read them); reported, not failed. */
  mayMiss?: (seq: number) => boolean;
  /** Lines whose latency is measured from another time (e.g. a partial line completed later). */
  latencyBase?: (seq: number, t: number) => number;
}

export interface Verdict {
  problems: string[];
  missed: number[];
  printed: number;
  p50: number;
  p99: number;
  max: number;
}

export class Follow {
  readonly proc: ChildProcess;
  readonly seqs = new Column();
  readonly times = new Column();
  readonly arrivals = new Column();
  /** Printed lines that carry no sequence number (should be none). */
  readonly strays: string[] = [];
  nulBytes = 0;
  stderr = '';
  private carry = Buffer.alloc(0);
  private waiters: { seq: number; resolve: () => void }[] = [];
  private exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  maxSeq = -1;

  constructor(files: string[], opts: SpawnOptions & { args?: string[] } = {}) {
    const args = [BIN, '--print', '--follow', '-o', 'raw', ...(opts.args ?? []), ...files];
    this.proc = spawn(process.execPath, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(this.proc);
    this.proc.stdout!.on('data', (chunk: Buffer) => this.onData(chunk, Date.now()));
    this.proc.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    // An unterminated last line is printed as is (raw): count it when output ends.
    this.proc.stdout!.on('end', () => {
      if (this.carry.length > 0) this.onLine(this.carry, 0, this.carry.length, Date.now());
      this.carry = Buffer.alloc(0);
      this.wake();
    });
    // 'close': after stdout has ended, so every line is counted.
    this.exit = new Promise((res) => this.proc.on('close', (code, signal) => res({ code, signal })));
  }

  private onData(chunk: Buffer, at: number): void {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0) this.nulBytes++;
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      this.onLine(buf, start, nl, at);
      start = nl + 1;
    }
    this.carry = Buffer.from(buf.subarray(start));
    this.wake();
  }

  private onLine(buf: Buffer, start: number, end: number, at: number): void {
    const s = buf.indexOf(SEQ, start);
    if (s < 0 || s >= end) {
      if (this.strays.length < 20) this.strays.push(buf.toString('utf8', start, end));
      return;
    }
    const [seq, after] = digits(buf, s + 4);
    let t = NaN;
    const ti = buf.indexOf(T, after);
    if (ti >= 0 && ti < end) t = digits(buf, ti + 3)[0];
    this.seqs.push(seq);
    this.times.push(t);
    this.arrivals.push(at);
    if (seq > this.maxSeq) this.maxSeq = seq;
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.maxSeq < w.seq) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once a line numbered >= seq was printed; rejects after timeoutMs. */
  waitForSeq(seq: number, timeoutMs = 5000): Promise<void> {
    if (this.maxSeq >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`seq ${seq} not printed within ${timeoutMs} ms (max so far ${this.maxSeq})`)), timeoutMs);
      this.waiters.push({
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Like waitForSeq but never rejects (the verdict reports what is missing). */
  async settle(seq: number, timeoutMs = 2500): Promise<void> {
    await this.waitForSeq(seq, timeoutMs).catch(() => {});
  }

  async waitForStderr(re: RegExp, timeoutMs = 5000): Promise<void> {
    const t0 = Date.now();
    while (!re.test(this.stderr)) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`stderr never matched ${re}: ${JSON.stringify(this.stderr)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** SIGINT (like Ctrl-C): logview flushes and exits 0. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10000);
    const r = await this.exit;
    clearTimeout(timer);
    return r;
  }

  /** Every number first..last exactly once, in order, each within maxLatencyMs of being written. */
  verify(o: VerifyOptions): Verdict {
    const problems: string[] = [];
    const missed: number[] = [];
    const maxLatency = o.maxLatencyMs ?? 2000;
    const liveFrom = o.liveFrom ?? o.first;
    const lat: number[] = [];
    let expect = o.first;
    let prev = -Infinity;
    const n = this.seqs.length;
    for (let i = 0; i < n; i++) {
      const seq = this.seqs.data[i]!;
      if (seq <= prev) {
        if (problems.length < 20) problems.push(seq === prev ? `seq ${seq} printed twice` : `seq ${seq} printed after ${prev} (out of order)`);
        continue;
      }
      if (seq < o.first || seq > o.last) {
        if (problems.length < 20) problems.push(`unexpected seq ${seq}`);
      }
      for (; expect < seq; expect++) {
        if (o.mayMiss?.(expect)) missed.push(expect);
        else if (problems.length < 20) problems.push(`seq ${expect} never printed`);
      }
      expect = seq + 1;
      prev = seq;
      if (seq >= liveFrom) {
        const t = this.times.data[i]!;
        const base = o.latencyBase ? o.latencyBase(seq, t) : t;
        const l = this.arrivals.data[i]! - base;
        lat.push(l);
        if (l > maxLatency && problems.length < 20) problems.push(`seq ${seq} printed ${Math.round(l)} ms after it was written`);
      }
    }
    for (; expect <= o.last; expect++) {
      if (o.mayMiss?.(expect)) missed.push(expect);
      else if (problems.length < 20) problems.push(`seq ${expect} never printed`);
    }
    if (this.strays.length > 0) problems.push(`lines without a sequence number: ${JSON.stringify(this.strays.slice(0, 3))}`);
    if (this.nulBytes > 0) problems.push(`${this.nulBytes} NUL bytes printed`);
    lat.sort((a, b) => a - b);
    const q = (p: number) => (lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!) : 0);
    return { problems, missed, printed: n, p50: q(0.5), p99: q(0.99), max: lat.length ? Math.round(lat[lat.length - 1]!) : 0 };
  }
}

/** Run a writer script to completion; returns its last JSON line on stdout. */
export interface Writer {
  proc: ChildProcess;
  /** The writer's first JSON line (its pid, once it is ready). */
  ready: Promise<Record<string, unknown>>;
  /** Its last JSON line, when it exits. */
  done: Promise<Record<string, unknown>>;
}

export function runWriter(cmd: string, args: string[], opts: SpawnOptions = {}): Writer {
  const proc = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(proc);
  let out = '';
  let err = '';
  let onReady: (v: Record<string, unknown>) => void = () => {};
  const ready = new Promise<Record<string, unknown>>((r) => (onReady = r));
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const nl = out.indexOf('\n');
    if (nl >= 0) onReady(JSON.parse(out.slice(0, nl)) as Record<string, unknown>);
  });
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Record<string, unknown>>((res, rej) => {
    proc.on('exit', (code) => {
      if (code !== 0) return rej(new Error(`writer ${args.join(' ')} exited ${code}: ${err}`));
      const last = out.trim().split('\n').pop() ?? '{}';
      try {
        res(JSON.parse(last) as Record<string, unknown>);
      } catch {
        rej(new Error(`writer output not JSON: ${out}`));
      }
    });
  });
  return { done, proc, ready };
}

export function nodeWriter(script: string, args: string[], opts: SpawnOptions = {}) {
  return runWriter(process.execPath, [join(WRITERS, script), ...args], opts);
}

export function pythonWriter(args: string[], opts: SpawnOptions = {}) {
  return runWriter('python3', [join(WRITERS, 'python-handlers.py'), ...args], opts);
}

export function summary(name: string, v: Verdict, extra = ''): void {
  console.log(`[follow] ${name}: printed ${v.printed}, missing-allowed ${v.missed.length}, latency p50 ${v.p50} ms p99 ${v.p99} ms max ${v.max} ms${extra ? ', ' + extra : ''}; problems: ${v.problems.length}`);
}
