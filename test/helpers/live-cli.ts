// The built bin/logview.js run in the background: its output read as it comes,
// waited on by condition (never by sleeping), stopped by a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT } from './run-cli.js';

const running: ChildProcess[] = [];

/** Kill what a failed test left running (call from afterAll/afterEach). */
export function killLiveClis(): void {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
}

export class LiveCli {
  readonly proc: ChildProcess;
  stdout = '';
  stderr = '';
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
    this.proc = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(this.proc);
    this.proc.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exit = new Promise((resolve) => this.proc.on('close', (code, signal) => resolve({ code, signal })));
  }

  /** Complete stdout lines so far. */
  lines(): string[] {
    const ls = this.stdout.split('\n');
    ls.pop();
    return ls;
  }

  /** Resolves once cond() holds (checked every 20 ms); rejects after timeoutMs with what was seen. */
  async waitFor(what: string, cond: () => boolean, timeoutMs = 20000): Promise<void> {
    const t0 = Date.now();
    while (!cond()) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms; stdout ${JSON.stringify(this.stdout.slice(-2000))} stderr ${JSON.stringify(this.stderr.slice(-2000))}`);
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
        await this.exit;
        if (cond()) return;
        throw new Error(`${what}: logview exited (${this.proc.exitCode ?? this.proc.signalCode}); stdout ${JSON.stringify(this.stdout.slice(-2000))} stderr ${JSON.stringify(this.stderr)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Signal it (SIGTERM: flush and exit 0) and wait for its exit; SIGKILL after 15 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 15000);
    const r = await this.exit;
    clearTimeout(timer);
    return r;
  }

  /** Wait for it to exit by itself. */
  done(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exit;
  }
}
