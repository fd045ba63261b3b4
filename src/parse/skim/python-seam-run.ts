import { Level } from '../../model/level.js';
import type { SeamRunner } from '../head.js';
import { IDENT } from '../python-head.js';
import { WASM_BASE64 } from './python-seams-wasm.js';

/** Bytes of a chunk run() copies into the module's memory at once (its input window). */
const WINDOW = 128 * 1024;
/** Where the module keeps its identifier byte table (python-seams.wat). */
const IDENT_TABLE = 196608 + 64;

/** What this module uses of WebAssembly (the project's type libraries do not declare it). */
interface WasmGlobal {
  value: number;
}
interface WasmModule {
  readonly wasm: unique symbol;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule) => { exports: unknown };
};

interface SeamExports {
  memory: { buffer: ArrayBuffer };
  run(start: number, limit: number, end: number, held: number, floor: number, maxLine: number, base: number, lineFrom: number, outFrom: number, outMax: number, spans: number, tracebacks: number): number;
  lines: WasmGlobal;
  tb: WasmGlobal;
  seams: WasmGlobal;
  debug: WasmGlobal;
  info: WasmGlobal;
  warning: WasmGlobal;
  error: WasmGlobal;
  critical: WasmGlobal;
}

/** The seam table (python-seams.wat): where, entries of 10 numbers; and its fractions. */
const TABLE = 262144;
const FRACTIONS = 589824;
const TABLE_ENTRIES = 8192;

/** One compiled module per thread (compiling it takes well under a millisecond). */
let compiled: WasmModule | undefined;
let shared: PythonSeamRun | undefined;

/** This thread's runner (parsers take turns with it: each push starts with forget()). */
export function pythonSeamRunner(): PythonSeamRun {
  return (shared ??= new PythonSeamRun());
}

/**
 * LevelSkim's take() for a run of lines at once, for the Python format
 * (print's `-l` and the index): python-seams.wat reads each line's bytes as
 * pythonSeamLevel does, notes the seams it takes in its table, and stops
 * before the first line it does not take.
 * WebAssembly because it runs at full speed from its first line, where the
 * same loop in JavaScript runs interpreted for the first tens of megabytes on
 * every thread (half of print's time on 200 MiB went to that warm-up).
 */
export class PythonSeamRun implements SeamRunner {
  private readonly x: SeamExports;
  private readonly mem: Uint8Array;
  /** The bytes in the window: chunk[from, to). */
  private loaded: Buffer | undefined;
  private from = 0;
  private to = 0;
  /** Lines the last run took. */
  lines = 0;
  /** Sure seams the last run took. */
  seams = 0;
  readonly seam: Int32Array;
  readonly fraction: Float64Array;

  constructor() {
    compiled ??= new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'));
    this.x = new WebAssembly.Instance(compiled).exports as SeamExports;
    this.mem = new Uint8Array(this.x.memory.buffer);
    this.seam = new Int32Array(this.x.memory.buffer, TABLE, TABLE_ENTRIES * 10);
    this.fraction = new Float64Array(this.x.memory.buffer, FRACTIONS, TABLE_ENTRIES);
    this.mem.set(IDENT, IDENT_TABLE);
    this.x.debug.value = Level.debug;
    this.x.info.value = Level.info;
    this.x.warning.value = Level.warning;
    this.x.error.value = Level.error;
    this.x.critical.value = Level.critical;
  }

  forget(): void {
    this.loaded = undefined;
  }

  get inTraceback(): boolean {
    return this.x.tb.value !== 0;
  }

  set inTraceback(on: boolean) {
    this.x.tb.value = on ? 1 : 0;
  }

  run(chunk: Buffer, pos: number, limit: number, held: boolean, floor: number, maxLine: number, spans = true, tracebacks = false): number {
    let at = pos;
    let lines = 0;
    let seams = 0;
    for (;;) {
      if (chunk !== this.loaded || at < this.from || at >= this.to) this.load(chunk, at);
      const base = this.from;
      const to = this.x.run(at - base, Math.min(limit, this.to) - base, this.to - base, held ? 1 : 0, floor, maxLine, base, lines, seams, TABLE_ENTRIES, spans ? 1 : 0, tracebacks ? 1 : 0) + base;
      lines += this.x.lines.value;
      if (this.x.seams.value > seams) held = true;
      seams = this.x.seams.value;
      at = to;
      // Stopped at the window's end, the chunk going on: the line there may be whole in the next window.
      if (at === base || this.to >= chunk.length || at >= limit || seams >= TABLE_ENTRIES || chunk.indexOf(10, at) < this.to) break;
      this.load(chunk, at);
    }
    this.lines = lines;
    this.seams = seams;
    return at;
  }

  /** The window: the whole chunk if it fits (its later runs reuse it), else WINDOW bytes from pos. */
  private load(chunk: Buffer, pos: number): void {
    const from = chunk.length <= WINDOW ? 0 : pos;
    const to = Math.min(chunk.length, from + WINDOW);
    this.mem.set(chunk.subarray(from, to), 0);
    this.loaded = chunk;
    this.from = from;
    this.to = to;
  }
}
