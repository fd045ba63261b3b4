import { writeSync } from 'node:fs';
import { RESET } from '../render/theme.js';

const ENTER = '\x1b[?1049h\x1b[H\x1b[2J';
// Show the cursor, reset colours, leave the alternate screen.
const LEAVE = `\x1b[?25h${RESET}\x1b[?1049l`;

/**
 * The terminal's alternate screen, entered once and left exactly once on
 * every exit path (quit, signals, errors, process exit). Writes go straight
 * to the file descriptor so they happen even while the process is exiting.
 */
export class TerminalScreen {
  private active = false;

  constructor(private readonly out: NodeJS.WriteStream & { fd?: number }) {}

  private write(s: string): void {
    try {
      if (typeof this.out.fd === 'number') writeSync(this.out.fd, s);
      else this.out.write(s);
    } catch {
      // The terminal may be gone (SIGHUP): nothing left to restore.
    }
  }

  enter(): void {
    if (this.active) return;
    this.active = true;
    this.write(ENTER);
  }

  /** Clear the alternate screen (before a full redraw). */
  clear(): void {
    if (this.active) this.write('\x1b[H\x1b[2J');
  }

  restore(): void {
    if (!this.active) return;
    this.active = false;
    this.write(LEAVE);
  }
}
