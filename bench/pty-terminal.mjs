// A terminal the bench owns: the program runs on a pseudo-terminal made by
// util-linux `script`, and its output is read by a headless xterm.js (the
// emulator of VS Code's terminal) in this process. A key's time is measured
// from its write to the moment the emulator has drawn the new frame, with
// no process started per look at the screen: tmux capture-pane, polled
// every few ms, started a tmux client each time, and on a 2-core machine
// those clients competed with the program they measured.
import { spawn } from 'node:child_process';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export class PtyTerminal {
  /**
   * Run `command` (a shell command line) on a pty of `cols` x `rows`.
   * `onFrame` is called after each piece of output is drawn.
   */
  constructor(command, { cols = 200, rows = 50, env = process.env } = {}) {
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    this.rows = rows;
    this.listeners = new Set();
    this.exited = false;
    // `stty` sets the size on the pty's own side before the program asks it.
    const inner = `stty cols ${cols} rows ${rows}; ${command}`;
    this.proc = spawn('script', ['-q', '-f', '-e', '-c', inner, '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'], env });
    this.proc.stdout.on('data', (chunk) => {
      this.term.write(chunk, () => {
        for (const f of [...this.listeners]) f();
      });
    });
    this.proc.on('exit', () => {
      this.exited = true;
    });
  }

  /** The screen's text, one string per row (trailing blanks trimmed). */
  lines() {
    const buf = this.term.buffer.active;
    const out = [];
    for (let y = 0; y < this.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  }

  screen() {
    return this.lines().join('\n');
  }

  /** Send bytes as typed keys. */
  keys(bytes) {
    this.proc.stdin.write(bytes);
  }

  /**
   * Resolves with ms from now until `test(screen lines)` holds after a
   * frame is drawn, or NaN after `timeoutMs`.
   */
  until(test, timeoutMs) {
    const t0 = performance.now();
    return new Promise((resolve) => {
      const check = () => {
        if (!test(this.lines())) return false;
        done(performance.now() - t0);
        return true;
      };
      const timer = setTimeout(() => done(NaN), timeoutMs);
      const done = (v) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(v);
      };
      if (!check()) this.listeners.add(check);
    });
  }

  /** End the program and the emulator. */
  kill() {
    try {
      this.proc.kill('SIGKILL');
    } catch {
      // gone already
    }
    this.term.dispose();
  }
}
