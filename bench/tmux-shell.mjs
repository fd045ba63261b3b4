// tmux commands through one long-lived shell: each is still a tmux client
// process (no client stays attached: a control-mode client made the server
// hold the pane's output back for it, and the screen lagged the program by
// hundreds of ms), but started by a small shell, not by this process's
// spawnSync (4 ms each when idle, tens of ms on a loaded 2-core machine,
// added to every key's time).
import { spawn } from 'node:child_process';

const END = '__tmux_shell_end__';

export class TmuxShell {
  /** Commands for the server at socket name `socket` (tmux -L). */
  constructor(socket) {
    this.socket = socket;
    this.proc = spawn('sh', [], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.proc.stdout.setEncoding('utf8');
    this.rest = '';
    this.pending = [];
    this.proc.stdout.on('data', (d) => {
      this.rest += d;
      for (let at = this.rest.indexOf(END + '\n'); at >= 0; at = this.rest.indexOf(END + '\n')) {
        const out = this.rest.slice(0, at);
        this.rest = this.rest.slice(at + END.length + 1);
        this.pending.shift()?.(out);
      }
    });
  }

  /** Run `tmux -L socket args...` (args are words without quotes); resolves with what it printed. */
  command(...args) {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      const words = args.map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
      this.proc.stdin.write(`tmux -L '${this.socket}' ${words} 2>/dev/null; echo ${END}\n`);
    });
  }

  screen(target = 'main') {
    return this.command('capture-pane', '-p', '-t', target);
  }

  keys(key, target = 'main') {
    return this.command('send-keys', '-t', target, key);
  }

  close() {
    this.proc.stdin.end();
  }
}
