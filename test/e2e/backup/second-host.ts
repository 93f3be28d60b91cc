import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { freePort } from '../deploy/stack.js';

/**
 * A second SSH host for backup.copy-to: another sshd on loopback, started by the test (the harness
 * is shared and stays as it is), with the harness's own host key and deploy user. Stopped by stop().
 */
export class SecondHost {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly dir: string,
    /** What the sshd has logged so far (it logs to stderr, -e). */
    readonly log: () => string = () => '',
  ) {}

  /**
   * `ownHostKey`: the sshd presents a host key of its own, made here (an impostor, or a host whose key
   * changed), and logs at DEBUG1, so every authentication request a client makes shows in log().
   */
  static async start(opts: { ownHostKey?: boolean } = {}): Promise<SecondHost> {
    const h = harnessEnv();
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'cd-second-sshd-'));
    const base = readFileSync(join(h.stateDir, 'sshd_config'), 'utf8');
    let config = base
      .replace(/^Port .*$/m, `Port ${port}`)
      .replace(/^PidFile .*$/m, `PidFile ${dir}/sshd.pid`);
    if (opts.ownHostKey) {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'impostor', '-f', join(dir, 'host_key')]);
      config = config.replace(/^HostKey .*$/gm, '').replace(/^LogLevel .*$/m, '') + `HostKey ${dir}/host_key\nLogLevel DEBUG1\n`;
    }
    writeFileSync(join(dir, 'sshd_config'), config);
    // -D: stays a child of this process, so stop() ends exactly it.
    const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    for (let i = 0; ; i++) {
      if (await listening(port)) break;
      if (child.exitCode !== null || i > 100) throw new Error(`second sshd did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return new SecondHost(port, child, dir, () => log);
  }

  /** The sshd's own host key, when it has one (`ownHostKey`): its known_hosts line and SHA256 fingerprint. */
  ownKey(): { knownHosts: string; fingerprint: string } {
    const pub = readFileSync(join(this.dir, 'host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(this.dir, 'host_key.pub')], { encoding: 'utf8' }).split(' ')[1]!;
    return { knownHosts: `[127.0.0.1]:${this.port} ${pub}\n`, fingerprint };
  }

  /** known_hosts pinning this sshd: the harness host key under [127.0.0.1]:port. */
  knownHosts(wrong = false): string {
    const h = harnessEnv();
    const key = readFileSync(join(h.stateDir, 'ssh', wrong ? 'wrong_host_ed25519_key.pub' : 'ssh_host_ed25519_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
    return `[127.0.0.1]:${this.port} ${key}\n`;
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
