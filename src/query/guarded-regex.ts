import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import '../pipeline/worker-isolates.js';

// The `l` flag (compile for V8's linear-time engine) tells which patterns
// that engine can take; those fall back to it past the backtrack limit (set
// in bin/logview.js) and never hang. Setting the flag changes nothing else.
setFlagsFromString('--enable-experimental-regexp-engine');

/** Longest a guarded pattern may take on one text before it is given up (ms). */
export const MATCH_DEADLINE_MS = 500;
/** Longest the first match waits for the worker to start (ms): a loaded machine is slow to start a thread. */
const START_DEADLINE_MS = 20_000;

/** Can V8's linear-time engine run this pattern (no backreferences, lookarounds, huge counted repeats)? */
export function linearCapable(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags.replace(/[gyd]/g, '') + 'l');
    return true;
  } catch {
    return false;
  }
}

type AbandonListener = (message: string) => void;
const listeners = new Set<AbandonListener>();

/** Told once per pattern given up (see GuardedRegExp). Returns the unsubscribe. */
export function onRegexAbandoned(l: AbandonListener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

// The worker: compiles each pattern once, matches on request, answers through
// shared memory. Plain JS, run with eval: no file of its own to bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ctrl = new Int32Array(workerData.ctrl);
const res = new Int32Array(workerData.res);
const compiled = new Map();
Atomics.store(ctrl, 1, 1);
Atomics.notify(ctrl, 1);
parentPort.on('message', (m) => {
  let re = compiled.get(m.id);
  if (!re) compiled.set(m.id, (re = new RegExp(m.source, m.flags)));
  re.lastIndex = m.from;
  const r = re.exec(m.text);
  if (r === null) res[0] = -1;
  else {
    res[0] = re.lastIndex;
    const n = Math.min(r.indices.length, (res.length - 1) >> 1);
    for (let k = 0; k < n; k++) {
      const at = r.indices[k];
      res[1 + 2 * k] = at ? at[0] : -1;
      res[2 + 2 * k] = at ? at[1] : -1;
    }
  }
  Atomics.store(ctrl, 0, 1);
  Atomics.notify(ctrl, 0);
});
`;

/** One matching thread for every guarded pattern; replaced after a pattern overran (it is terminated mid-match). */
class MatchThread {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8));
  private readonly res: Int32Array;
  private readonly worker: Worker;
  private started = false;

  constructor(readonly slots: number) {
    this.res = new Int32Array(new SharedArrayBuffer(4 * (1 + 2 * slots)));
    // Loaded here, when a guarded pattern first runs: most starts have none, and the TUI's first screen does without.
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ctrl: this.ctrl.buffer, res: this.res.buffer } });
    this.worker.unref();
  }

  /** Match `text` from `from`: [lastIndex, start0, end0, start1, end1, ...] (-1 for a group that took part in nothing), null for no match, 'overran' past the deadline. */
  exec(id: number, source: string, flags: string, text: string, from: number): Int32Array | null | 'overran' {
    if (!this.started) {
      if (Atomics.wait(this.ctrl, 1, 0, START_DEADLINE_MS) === 'timed-out') return 'overran';
      this.started = true;
    }
    Atomics.store(this.ctrl, 0, 0);
    this.worker.postMessage({ id, source, flags, text, from });
    if (Atomics.wait(this.ctrl, 0, 0, MATCH_DEADLINE_MS) === 'timed-out') return 'overran';
    return this.res[0]! < 0 ? null : this.res;
  }

  stop(): void {
    void this.worker.terminate();
  }
}

let thread: MatchThread | undefined;
let nextId = 0;
let guardedMade = false;
/** Time guarded matches may take in one turn of the event loop (ms), if limited (see limitPerTurn). */
let turnBudget: number | undefined;
let spentThisTurn = 0;
let turnResetQueued = false;

/**
 * Limit the time guarded matches take in one turn of the event loop: the
 * TUI's search scores hundreds of records per slice, and a pattern that takes
 * 400 ms on every one of them hangs it as surely as one that never ends.
 * Print mode has no keys to answer and sets none (a slow pattern is slow).
 */
export function limitPerTurn(ms: number | undefined): void {
  turnBudget = ms;
}

function spend(ms: number): boolean {
  if (turnBudget === undefined) return true;
  spentThisTurn += ms;
  if (!turnResetQueued) {
    turnResetQueued = true;
    setImmediate(() => {
      spentThisTurn = 0;
      turnResetQueued = false;
    });
  }
  return spentThisTurn <= turnBudget;
}

/** Was any GuardedRegExp made in this thread (a pattern from the options that must be matched where its notice is heard)? */
export function guardedInUse(): boolean {
  return guardedMade;
}
/** Patterns given up, by flags (but g, y, d) and source: a search's test and highlight regexes give up together. */
const givenUp = new Map<string, string>();
const keyOf = (re: RegExp): string => `${re.flags.replace(/[gyd]/g, '')}/${re.source}`;

function threadFor(slots: number): MatchThread {
  if (!thread || thread.slots < slots) {
    thread?.stop();
    thread = new MatchThread(Math.max(slots, 16));
  }
  return thread;
}

/**
 * A regex the linear-time engine cannot take (a backreference, a lookaround),
 * matched in a worker thread with a deadline per text: past it the worker is
 * terminated, the pattern is given up (every later match fails, so a search
 * stops and a filter lets nothing more through) and listeners are told once.
 * A RegExp to its callers: test, match, matchAll, replace and split all go
 * through exec. Named groups are not filled in (`groups` is undefined).
 */
export class GuardedRegExp extends RegExp {
  /** Why the pattern was given up, once it was. */
  get abandoned(): string | undefined {
    return givenUp.get(keyOf(this));
  }

  private readonly id = nextId++;
  private readonly groupCount: number;

  /** The pattern as the user wrote it, for the notice (the source may be case-folded). */
  private readonly shown: string;

  constructor(pattern: string | RegExp, flags?: string, shown?: string) {
    super(pattern, flags);
    this.shown = shown ?? this.source;
    guardedMade = true;
    // Captures, from an empty match of an alternation that cannot fail.
    this.groupCount = new RegExp(`(?:${this.source})|`, this.flags.replace(/[gy]/g, '')).exec('')!.length - 1;
  }

  override exec(input: string): RegExpExecArray | null {
    const text = String(input);
    const advancing = this.global || this.sticky;
    const from = advancing ? this.lastIndex : 0;
    if (this.abandoned !== undefined || from > text.length) {
      if (advancing) this.lastIndex = 0;
      return null;
    }
    const t0 = performance.now();
    const r = threadFor(this.groupCount + 1).exec(this.id, this.source, this.flags.includes('d') ? this.flags : this.flags + 'd', text, from);
    if (r === 'overran' || !spend(performance.now() - t0)) {
      this.giveUp();
      if (advancing) this.lastIndex = 0;
      return null;
    }
    if (r === null) {
      if (advancing) this.lastIndex = 0;
      return null;
    }
    if (advancing) this.lastIndex = r[0]!;
    const groups: Array<string | undefined> = [];
    for (let k = 0; k <= this.groupCount; k++) {
      const a = r[1 + 2 * k]!;
      groups.push(a < 0 ? undefined : text.slice(a, r[2 + 2 * k]!));
    }
    const m = groups as unknown as RegExpExecArray;
    m.index = r[1]!;
    m.input = text;
    m.groups = undefined;
    return m;
  }

  private giveUp(): void {
    // The thread may be mid-match (past its deadline): a new one serves the next pattern.
    thread?.stop();
    thread = undefined;
    const why = `regex /${this.shown}/ stopped: over ${MATCH_DEADLINE_MS} ms without an answer, no more matches (backreferences, lookarounds and \\p{...} get no linear-time fallback)`;
    givenUp.set(keyOf(this), why);
    for (const l of listeners) l(why);
  }
}

/** A RegExp that cannot hang the caller: as is when the linear-time engine can take it, else a GuardedRegExp. */
export function safeRegExp(source: string, flags = '', shown?: string): RegExp {
  return linearCapable(source, flags) ? new RegExp(source, flags) : new GuardedRegExp(source, flags, shown);
}
