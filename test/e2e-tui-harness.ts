import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'logview.js');

let sessions = 0;

/** `s` quoted for sh. */
/** Whether tmux runs here (the TUI's end-to-end tests drive it; CI installs it). */
export const hasTmux: boolean = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export function sh(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A real pseudo-terminal for driving the built bin/logview.js: a private tmux
 * server, keys in with send-keys, the screen out with capture-pane.
 */
export class Tmux {
  readonly socket = `logview-e2e-${process.pid}-${++sessions}`;

  constructor(
    command: string,
    readonly cols = 120,
    readonly rows = 30,
  ) {
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(cols), '-y', String(rows), '-s', 'main', 'sh', '-c', command);
  }

  /** Run logview with args inside a shell that reports how it exited and keeps the pane. */
  static logview(args: string, o: { cols?: number; rows?: number; before?: string; env?: string } = {}): Tmux {
    const cmd = `cd ${sh(ROOT)} && ${o.before ?? ''} ${o.env ?? ''} node ${sh(BIN)} ${args}; echo "EXITED $?"; sleep 60`;
    return new Tmux(cmd, o.cols, o.rows);
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  lines(): string[] {
    return this.screen().split('\n');
  }

  /** Keys by tmux name (Escape, Enter, PageDown, C-c) or literal characters. */
  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  alternateOn(): boolean {
    return this.tmux('display', '-p', '-t', 'main', '#{alternate_on}').trim() === '1';
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
  }

  /** Poll the screen until the test passes; fail with the screen shown. */
  async waitFor(test: string | RegExp | ((screen: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const ok = typeof test === 'function' ? test : typeof test === 'string' ? (s: string) => s.includes(test) : (s: string) => test.test(s);
    const until = Date.now() + timeoutMs;
    let s = '';
    for (;;) {
      try {
        s = this.screen();
      } catch {
        s = '';
      }
      // A test that throws on a half-drawn frame (no counts in the status bar yet) is asked again.
      let passed = false;
      try {
        passed = ok(s);
      } catch (e) {
        if (Date.now() > until) throw e;
      }
      if (passed) return s;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(test)}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * The status bar: the row above the last (the frame is one row shorter than the terminal).
   * tmux may show a frame half drawn (a frame bigger than the pty's buffer arrives in pieces),
   * so the row is read until two captures 20 ms apart agree and it is not blank (at most 2 s).
   */
  status(): string {
    const row = (): string => this.lines()[this.rows - 2] ?? '';
    let last = row();
    for (let tries = 0; tries < 100; tries++) {
      Atomics.wait(PAUSE, 0, 0, 20);
      const now = row();
      if (now === last && now.trim() !== '') return now;
      last = now;
    }
    return last;
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** A cell to sleep on synchronously (status() is called inside sync expressions). */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

export function tempLog(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'logview-e2e-'));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export function append(path: string, content: string): void {
  appendFileSync(path, content);
}

/**
 * Does ingest follow files yet? Ask the built CLI: with --follow, print mode
 * must stay running at EOF and show a line appended later.
 */
export async function probeFollow(): Promise<boolean> {
  const path = tempLog('probe.log', '2024-05-16 00:00:01,000 INFO probe first\n');
  const child = spawn(process.execPath, [BIN, '--print', '--follow', path], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<boolean>((r) => child.on('exit', () => r(true)));
  const early = await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), 1500))]);
  if (early) return false;
  append(path, '2024-05-16 00:00:02,000 INFO probe second\n');
  const until = Date.now() + 4000;
  while (Date.now() < until && !out.includes('probe second')) await new Promise((r) => setTimeout(r, 50));
  child.kill();
  return out.includes('probe second');
}

/**
 * The sessions of one test file: `logview(args)` opens one, `track(t)` adds
 * one made otherwise; all are killed after each test.
 */
export function tmuxSessions(): { logview: (args: string, o?: Parameters<typeof Tmux.logview>[1]) => Tmux; track: (t: Tmux) => Tmux } {
  const open: Tmux[] = [];
  afterEach(() => {
    for (const t of open.splice(0)) t.kill();
  });
  const track = (t: Tmux): Tmux => {
    open.push(t);
    return t;
  };
  return { logview: (args, o = {}) => track(Tmux.logview(args, o)), track };
}
