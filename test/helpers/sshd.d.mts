/** A real OpenSSH server for the tests and benches (see sshd.mjs). */
export class TestSshd {
  readonly dir: string;
  readonly key: string;
  port: number;
  log: string;
  /** The LOGVIEW_SSH that reaches this server (no user config, no known_hosts, never a prompt). */
  get sshCommand(): string;
  start(): Promise<void>;
  /** Stop sshd and every session it serves; remove the keys. */
  stop(): Promise<void>;
}
