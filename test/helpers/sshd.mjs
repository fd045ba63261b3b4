// A real OpenSSH server for the tests: Debian's sshd on a loopback port, with a
// host key and a user key made by ssh-keygen for this run only. Stopped (and
// its connections with it) by stop(): never left running.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const SSHD = ['/usr/sbin/sshd', '/sbin/sshd'].find((p) => existsSync(p));

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = srv.address().port;
      srv.close(() => resolve(port));
    });
  });
}

export class TestSshd {
  dir = mkdtempSync(join(tmpdir(), 'logview-sshd-'));
  key = join(this.dir, 'user_key');
  port = 0;
  /** @type {import('node:child_process').ChildProcess | undefined} */
  proc;
  log = '';

  /** The LOGVIEW_SSH that reaches this server (no user config, no known_hosts, never a prompt). */
  get sshCommand() {
    return `ssh -F /dev/null -p ${this.port} -i ${this.key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o IdentitiesOnly=yes`;
  }

  async start() {
    if (!SSHD) throw new Error('sshd is needed (apt-get install openssh-server; .ci/run installs it)');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(this.dir, 'host_key')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', this.key]);
    execFileSync('cp', [this.key + '.pub', join(this.dir, 'authorized_keys')]);
    // sshd's privilege separation directory (Debian creates it at boot, not on install).
    if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });
    this.port = await freePort();
    const config = join(this.dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${this.port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(this.dir, 'host_key')}`,
        `AuthorizedKeysFile ${join(this.dir, 'authorized_keys')}`,
        `PidFile ${join(this.dir, 'sshd.pid')}`,
        `AllowUsers ${userInfo().username}`,
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'MaxStartups 100',
        'MaxSessions 100',
        'LogLevel ERROR',
        '',
      ].join('\n'),
    );
    this.proc = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc.stderr.on('data', (d) => (this.log += d.toString()));
    const t0 = Date.now();
    for (;;) {
      if (this.proc.exitCode !== null) throw new Error(`sshd exited: ${this.log}`);
      if (await this.reachable()) return;
      if (Date.now() - t0 > 20000) throw new Error(`sshd not reachable on port ${this.port}: ${this.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  reachable() {
    return new Promise((resolve) => {
      execFile('sh', ['-c', `${this.sshCommand} 127.0.0.1 true`], (err) => resolve(err === null));
    });
  }

  /** Stop sshd and every session it serves; remove the keys. */
  async stop() {
    const p = this.proc;
    if (p && p.exitCode === null && p.signalCode === null) {
      const gone = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await gone;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
