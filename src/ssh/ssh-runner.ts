import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { connect, type Socket } from 'node:net';
import { NodeSSH } from 'node-ssh';
import { InputError, OperationError } from '../errors.js';
import type { Reporter } from '../report/reporter.js';
import { shellText, type Command, type HostRunner, type RunOptions, type RunResult } from '../runner/runner.js';
import { pinnedHostKeyAlgorithms, verifyHostKey, type KnownHostEntry } from './known-hosts.js';
import { refuseUnpinned, type SshTarget } from './ssh-target.js';

const CONNECT_ATTEMPTS = 3;
const CONNECT_TIMEOUT_MS = 20_000;

/** A TCP connection with Nagle's algorithm off, for ssh2 to run its handshake on. */
function openSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`Timed out while connecting to ${host}:${port}`));
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      resolve(sock);
    });
    sock.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * One SSH connection per run, reused by every step. Connecting is retried with backoff
 * (it is idempotent); commands never are. A host key that does not match aborts before
 * any command runs.
 */
/** The SSH connection to the host went away in the middle of a command (the network, the host, its sshd). */
export class ConnectionLost extends OperationError {
  constructor(readonly where: string) {
    super(`the SSH connection to ${where} was lost`);
  }
}

export class SshRunner implements HostRunner {
  readonly where: string;
  private roundTrips = 0;
  private constructor(
    private readonly ssh: NodeSSH,
    target: SshTarget,
  ) {
    this.where = `${target.user}@${target.host}:${target.port}`;
  }

  /** Commands sent so far: one SSH round trip each. */
  get commandCount(): number {
    return this.roundTrips;
  }

  static async connect(target: SshTarget, reporter: Reporter): Promise<SshRunner> {
    const pinned = pinnedEntries(target, reporter);
    let lastError: unknown;
    for (let attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
      let hostKeyProblem: string | undefined;
      const ssh = new NodeSSH();
      let sock: Socket | undefined;
      try {
        // Every step is a small request answered by a small reply: with Nagle's algorithm on, the
        // handshake and each round trip also waited for delayed ACKs (connect 210 ms and 50-90 ms a
        // step here, against 37 ms and 3-7 ms with it off, as OpenSSH's client has it).
        sock = await openSocket(target.host, target.port, CONNECT_TIMEOUT_MS);
        await ssh.connect({
          sock,
          host: target.host,
          port: target.port,
          username: target.user,
          privateKey: target.privateKey,
          passphrase: target.passphrase,
          readyTimeout: 20_000,
          keepaliveInterval: 10_000,
          keepaliveCountMax: 6,
          algorithms: hostKeyAlgorithms(pinned, target),
          hostVerifier: (key: Buffer) => {
            if (target.insecureSkipHostKeyCheck) return true;
            const verdict = verifyHostKey({ knownHosts: pinned, fingerprint: target.fingerprint }, target.host, target.port, key);
            if (!verdict.ok) hostKeyProblem = verdict.reason;
            return verdict.ok;
          },
        } as Parameters<NodeSSH['connect']>[0]);
        return new SshRunner(ssh, target);
      } catch (err) {
        ssh.dispose();
        sock?.destroy();
        if (hostKeyProblem) throw new OperationError(`${hostKeyProblem}. Nothing was run on the host.`);
        const msg = (err as Error).message ?? String(err);
        if (/authentication methods failed|All configured authentication/i.test(msg)) {
          throw new OperationError(`SSH login as ${target.user}@${target.host}:${target.port} was refused: the key in ssh-private-key is not authorized for that user. Nothing was run on the host.`);
        }
        if (/passphrase|Cannot parse privateKey|Unsupported key format|privateKey/i.test(msg)) {
          throw new InputError(`ssh-private-key could not be read: ${msg}. Pass the whole key (-----BEGIN ... -----END ...) and ssh-passphrase if it is encrypted`);
        }
        lastError = err;
        if (attempt < CONNECT_ATTEMPTS) {
          reporter.info(`SSH connect to ${target.host}:${target.port} failed (${msg}); retrying (${attempt}/${CONNECT_ATTEMPTS})`);
          await new Promise((r) => setTimeout(r, 1000 * 2 ** (attempt - 1)));
        }
      }
    }
    throw new OperationError(`could not connect to ${target.host}:${target.port} over SSH after ${CONNECT_ATTEMPTS} attempts: ${(lastError as Error)?.message ?? lastError}`);
  }

  async run(cmd: Command, options?: RunOptions): Promise<RunResult> {
    // Private environment would become text of the remote command line: never sent.
    if (cmd.privateEnv) throw new Error('a command with private environment cannot run over SSH');
    this.roundTrips++;
    // execCommand, not exec: exec rejects whenever the command writes to stderr; the exit code is what counts.
    const res = await this.ssh.execCommand(shellText(cmd), {
      stdin: cmd.stdin,
      onStdout: options?.onStdout ? (b: Buffer) => options.onStdout!(b.toString()) : undefined,
      onStderr: options?.onStderr ? (b: Buffer) => options.onStderr!(b.toString()) : undefined,
    });
    // A null code means the remote process died from a signal or the channel closed: a failure, and
    // when the connection itself is gone, one no later command can answer: said as such.
    if (res.code === null && !this.ssh.isConnected()) throw new ConnectionLost(this.where);
    return { code: res.code ?? 255, stdout: res.stdout, stderr: res.stderr };
  }

  /** Its own channel, not execCommand: execCommand turns output into text, which would corrupt a dump. */
  async runStream(cmd: Command, io: { sink?: Writable; source?: Readable }): Promise<RunResult> {
    this.roundTrips++;
    const connection = this.ssh.connection;
    if (!connection) throw new Error(`not connected to ${this.where}`);
    // The exit and close listeners go on inside exec's callback: a short command's data, exit status and
    // close can arrive in the same read as the channel's opening, and ssh2 emits them right after the
    // callback, before an `await` would resume. Events nobody listened for then are lost, and the
    // command's promise never settles.
    const { channel, exited, closed } = await new Promise<{ channel: ExecChannel; exited: Promise<number>; closed: Promise<void> }>((resolve, reject) =>
      connection.exec(shellText(cmd), (err: Error | undefined, ch: ExecChannel) => {
        if (err) return reject(err);
        resolve({
          channel: ch,
          exited: new Promise<number>((done) => ch.on('exit', (code: number | null) => done(code ?? 255))),
          closed: new Promise<void>((done) => ch.on('close', () => done())),
        });
      }),
    );
    let stderr = '';
    let stdout = '';
    // Read to their end (ssh2 ends both at the channel's EOF or close): output that came before a
    // listener waits in the stream, and is only complete once it has been read.
    const flows: Promise<unknown>[] = [readAll(channel.stderr).then((t) => (stderr = t))];
    if (io.sink) flows.push(pipeline(channel, io.sink));
    else flows.push(readAll(channel).then((t) => (stdout = t)));
    if (io.source) flows.push(pipeline(io.source, channel));
    else channel.end();
    const [code] = await Promise.all([exited, closed, ...flows]);
    return { code, stdout, stderr };
  }

  async close(): Promise<void> {
    this.ssh.dispose();
  }
}

/** Everything a stream gives until its end (or close); listening only, so a duplex keeps its other side. */
function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (b: Buffer) => (text += b.toString()));
    stream.once('end', () => resolve(text));
    stream.once('close', () => resolve(text));
    stream.once('error', reject);
  });
}

/** The part of ssh2's exec channel runStream uses: a duplex (stdout out, stdin in) with stderr beside it. */
type ExecChannel = import('node:stream').Duplex & { stderr: Readable };

/**
 * The host key entries to verify against (undefined with a fingerprint pin or when verification is
 * skipped, which is said as a warning); the pin itself was parsed with the settings (sshTarget).
 */
function pinnedEntries(target: SshTarget, reporter: Reporter): readonly KnownHostEntry[] | undefined {
  if (target.insecureSkipHostKeyCheck) {
    reporter.warning(`insecure-skip-host-key-check is true: the host key of ${target.host} is NOT verified, so anyone on the network path could impersonate it. Pin it with known-hosts instead.`);
    return undefined;
  }
  refuseUnpinned(target);
  return target.knownHosts;
}

function hostKeyAlgorithms(pinned: readonly KnownHostEntry[] | undefined, target: SshTarget) {
  const serverHostKey = pinned && pinnedHostKeyAlgorithms(pinned, target.host, target.port);
  return serverHostKey ? { serverHostKey } : undefined;
}
