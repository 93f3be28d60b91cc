import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InputError, OperationError } from '../errors.js';
import { runChecked, tail, type Command, type Runner } from '../runner/runner.js';
import { GUNZIP_PIPE_SCRIPT, POSTGRES_BIN_DIRS_SCRIPT, SERVER_USER_SCRIPT } from './shell-scripts.js';

/** A Postgres that exists only for one drill: nothing else can reach it, and it is gone afterwards. */
export interface DisposablePostgres {
  /** "docker compose-deploy-test/postgres:15" or "native /usr/lib/postgresql/15/bin". */
  readonly describe: string;
  /** A client command (psql, pg_restore) run against the server as the superuser, by its own binaries. */
  client(argv: readonly string[], stdin?: string): Command;
  /** A gzipped file decompressed where the server's clients run, piped into a client command. */
  gunzipInto(file: string, argv: readonly string[]): Command;
  /** Where client() sees the dump at this path. */
  dumpPath(path: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 120_000;

/**
 * What the disposable server's container may do: no network at all, only the capabilities the image's
 * entrypoint needs to hand its data directory to the postgres user (the default set's others dropped:
 * raw sockets, mknod, kill, chroot…), no new privileges, and bounded memory and processes. A hostile
 * dump's SQL (COPY … PROGRAM) or psql commands run in there, with nothing of the runner's.
 */
export const CONTAINER_LIMITS = [
  '--network', 'none',
  '--cap-drop', 'ALL', '--cap-add', 'CHOWN', '--cap-add', 'SETUID', '--cap-add', 'SETGID', '--cap-add', 'DAC_OVERRIDE', '--cap-add', 'FOWNER',
  '--security-opt', 'no-new-privileges',
  '--memory', '2g', '--memory-swap', '2g', '--pids-limit', '512',
] as const;

/**
 * A container of `image` (see CONTAINER_LIMITS): the client tools run inside it with `docker exec`, over
 * its Unix socket, and the dump (file or directory) is mounted read-only. The superuser's password (the
 * image wants one) is random and reaches Docker through a 0600 env file, not argv.
 */
export async function startDockerPostgres(runner: Runner, image: string, dump: string, label: string): Promise<DisposablePostgres> {
  const docker = await runner.run({ argv: ['docker', 'version', '--format', '{{.Server.Version}}'] });
  if (docker.code !== 0) {
    throw new InputError(`restore-test.postgres is docker, but no Docker engine answers on this machine${tail(docker.stderr, 3)}. Start Docker, or set restore-test.postgres: native to use this machine's PostgreSQL binaries`);
  }
  const secrets = mkdtempSync(join(tmpdir(), 'cd-restore-env-'));
  const envFile = join(secrets, 'postgres.env');
  writeFileSync(envFile, `POSTGRES_PASSWORD=${randomBytes(18).toString('hex')}\n`, { mode: 0o600 });
  let id: string;
  try {
    const res = await runner.run({
      argv: ['docker', 'run', '--detach', ...CONTAINER_LIMITS, '--label', `compose-deploy.restore-test=${label}`, '--env-file', envFile, '--volume', `${dump}:/restore/${basename(dump)}:ro`, image],
    });
    if (res.code !== 0) throw new OperationError(`starting the disposable Postgres from ${image} failed${tail(res.stderr, 5)}`);
    id = res.stdout.trim().split('\n').pop()!;
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
  // As the image's root: it reads the mounted dump whatever its owner, and connects as the superuser over the socket.
  const inContainer = ['docker', 'exec', '-i', id];
  const asSuperuser = (argv: readonly string[]) => [...argv, ...(argv[0] === 'pg_isready' ? [] : ['--username', SUPERUSER])];
  const server: DisposablePostgres = {
    describe: `docker ${image}`,
    client: (argv, stdin) => ({ argv: [...inContainer, ...asSuperuser(argv)], stdin }),
    gunzipInto: (file, argv) => ({ argv: [...inContainer, ...gunzipPipe(file, asSuperuser(argv))] }),
    dumpPath: (path) => `/restore/${basename(path)}`,
    stop: async () => {
      await runner.run({ argv: ['docker', 'rm', '--force', '--volumes', id] });
    },
  };
  try {
    // TCP on the container's own loopback comes up only after the image's init server has stopped.
    await waitReady(runner, server.client(['pg_isready', '--quiet', '--host', '127.0.0.1']), async () => {
      const st = await runner.run({ argv: ['docker', 'inspect', '--format', '{{.State.Running}}', id] });
      if (st.stdout.trim() === 'false') {
        const logs = await runner.run({ argv: ['docker', 'logs', '--tail', '20', id] });
        return `the container exited${tail(`${logs.stdout}\n${logs.stderr}`, 10)}`;
      }
      return undefined;
    });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/**
 * An initdb cluster in a temp dir from this machine's PostgreSQL binaries, listening on a Unix socket
 * in that dir only (no TCP). initdb and postgres refuse to run as root: as root, they run as the
 * `postgres` user (else `nobody`); the clients connect over the socket as the current user.
 * The server and every client start with an empty environment (none of the runner's variables: its
 * key, its tokens) and, where this machine lets them, in a network namespace of their own (no network;
 * the socket is a file, reachable across namespaces). Plain dumps are not restored in this mode.
 */
export async function startNativePostgres(runner: Runner): Promise<DisposablePostgres> {
  const bin = await findPostgresBin(runner);
  const root = mkdtempSync(join(tmpdir(), 'cd-restore-pg-'));
  const data = join(root, 'data');
  const contained = await containment(runner);
  const owner = await unprivileged(runner, root);
  const asOwner = (argv: string[]) => contained([...owner(argv).argv]);
  const local = (argv: readonly string[]) => contained([join(bin, argv[0]!), ...argv.slice(1), '--host', root, '--username', SUPERUSER]).argv;
  const server: DisposablePostgres = {
    describe: `native ${bin}`,
    client: (argv, stdin) => ({ argv: local(argv), stdin }),
    gunzipInto: (file, argv) => contained(gunzipPipe(file, [join(bin, argv[0]!), ...argv.slice(1), '--host', root, '--username', SUPERUSER])),
    dumpPath: (path) => path,
    stop: async () => {
      await runner.run(asOwner([join(bin, 'pg_ctl'), '--pgdata', data, '--mode', 'immediate', '--wait', 'stop']));
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await runChecked(runner, asOwner([join(bin, 'initdb'), '--pgdata', data, '--username', SUPERUSER, '--auth', 'trust', '--encoding', 'UTF8', '--no-locale', '--no-sync']), 'initdb of the disposable Postgres');
    const options = `-c listen_addresses= -c unix_socket_directories=${root} -c port=5432`;
    await runChecked(runner, asOwner([join(bin, 'pg_ctl'), '--pgdata', data, '--log', join(root, 'server.log'), '--options', options, '--wait', '--timeout', '60', 'start']), 'starting the disposable Postgres');
    await waitReady(runner, server.client(['pg_isready', '--quiet']), async () => undefined);
  } catch (err) {
    await server.stop().catch(() => undefined);
    throw err;
  }
  return server;
}

/** No variable of the runner's; the programs are found by absolute path or along the system's PATH. */
const EMPTY_ENVIRONMENT = ['env', '-i', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8'];

/** Wraps a native command: an empty environment, and no network when `unshare --net` works here (root, or user namespaces allowed). */
async function containment(runner: Runner): Promise<(argv: string[]) => Command> {
  const probe = await runner.run({ argv: ['unshare', '--net', '--', 'true'] }).catch(() => ({ code: 1 }));
  const noNetwork = probe.code === 0 ? ['unshare', '--net', '--'] : [];
  return (argv) => ({ argv: [...noNetwork, ...EMPTY_ENVIRONMENT, ...argv] });
}

/** `gzip -dc FILE | CLIENT...`, the file and the client's argv as positional arguments of a fixed script. */
function gunzipPipe(file: string, client: readonly string[]): string[] {
  return ['sh', '-c', GUNZIP_PIPE_SCRIPT, 'gunzip-restore', file, ...client];
}

/** The newest PostgreSQL server binaries here: Debian's and Ubuntu's /usr/lib/postgresql/<major>/bin, else pg_config's. */
async function findPostgresBin(runner: Runner): Promise<string> {
  const res = await runner.run({ argv: ['sh', '-c', POSTGRES_BIN_DIRS_SCRIPT] });
  const dirs = res.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const major = (d: string) => Number(/postgresql\/(\d+)\//.exec(d)?.[1] ?? 0);
  const best = dirs.sort((a, b) => major(b) - major(a))[0];
  if (!best) throw new InputError('restore-test.postgres is native, but no PostgreSQL server binaries (initdb) were found on this machine: install the postgresql package, or use postgres: docker');
  return best;
}

/** As root: hands the temp dir to an unprivileged user and wraps server commands in runuser. */
async function unprivileged(runner: Runner, root: string): Promise<(argv: string[]) => Command> {
  if (process.getuid?.() !== 0) {
    chmodSync(root, 0o700);
    return (argv) => ({ argv });
  }
  const ids = await runner.run({ argv: ['sh', '-c', SERVER_USER_SCRIPT] });
  const [user, uid, gid] = ids.stdout.trim().split(' ');
  if (ids.code !== 0 || !user) throw new OperationError('running as root, and neither a postgres nor a nobody user exists to run the disposable server as');
  chownSync(root, Number(uid), Number(gid));
  chmodSync(root, 0o700);
  return (argv) => ({ argv: ['runuser', '-u', user, '--', ...argv] });
}

async function waitReady(runner: Runner, probe: Command, gone: () => Promise<string | undefined>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if ((await runner.run(probe)).code === 0) return;
    const why = await gone();
    if (why) throw new OperationError(`the disposable Postgres did not start: ${why}`);
    if (Date.now() > deadline) throw new OperationError(`the disposable Postgres was not ready after ${READY_TIMEOUT_MS / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
