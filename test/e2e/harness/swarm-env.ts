// What test/e2e/harness/swarm-up.sh set up on this machine (three Docker engines in containers,
// joined into one swarm), read from the swarm.json it writes into the harness state dir.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harnessStateDir } from './env.js';

export interface SwarmNode {
  /** Container name, the node's hostname and its swarm hostname: cdtest-swarm-1. */
  name: string;
  /** Address on the swarm's bridge network, reachable from this machine (sshd on 22, `mode: host` ports). */
  address: string;
  role: 'manager' | 'worker';
}

export interface SwarmEnv {
  /** SSH host of the manager as the runner reaches it: 127.0.0.1. */
  host: string;
  /** The manager's sshd published on `host`: 2230 (COMPOSE_DEPLOY_HARNESS_SWARM_SSH_PORT). */
  port: number;
  /** Login on every node: deploy (member of the node's docker group). */
  user: string;
  /** The harness's client key, authorized on every node. */
  keyPath: string;
  /** Pins each node's own host key: `[127.0.0.1]:2230` for the manager and every node's bridge address. */
  knownHostsPath: string;
  /** The manager's name with another key: connecting with it must fail. */
  knownHostsWrongPath: string;
  /** `SHA256:...` fingerprint of the manager's host key. */
  hostKeyFingerprint: string;
  /** Name of the manager node (`nodes` has it with role manager). */
  manager: string;
  nodes: SwarmNode[];
  /** The nodes' bridge network and its gateway (this machine's address on it). */
  network: string;
  gateway: string;
  /** The harness registry as the nodes' engines see it: the same 127.0.0.1:<port> the runner pushes to. */
  registry: string;
  /** The image the nodes run (Debian bookworm + docker.io + sshd). */
  nodeImage: string;
  /** Directory owned by `user` on every node. */
  deployRoot: string;
}

const STRINGS = {
  host: 'CD_SWARM_HOST',
  user: 'CD_SWARM_USER',
  keyPath: 'CD_SWARM_KEY',
  knownHostsPath: 'CD_SWARM_KNOWN_HOSTS',
  knownHostsWrongPath: 'CD_SWARM_KNOWN_HOSTS_WRONG',
  hostKeyFingerprint: 'CD_SWARM_HOST_KEY_FINGERPRINT',
  manager: 'CD_SWARM_MANAGER',
  network: 'CD_SWARM_NETWORK',
  gateway: 'CD_SWARM_GATEWAY',
  registry: 'CD_SWARM_REGISTRY',
  nodeImage: 'CD_SWARM_NODE_IMAGE',
  deployRoot: 'CD_SWARM_DEPLOY_ROOT',
} as const satisfies Partial<Record<keyof SwarmEnv, string>>;

const RERUN = 're-run bash test/e2e/harness/swarm-up.sh';

/** The path of swarm.json in the harness state dir. */
export function swarmEnvFile(): string {
  return join(harnessStateDir(), 'swarm.json');
}

/** Reads swarm.json; throws (naming the script to run) if the swarm is not up or the file is malformed. */
export function swarmEnv(): SwarmEnv {
  const file = swarmEnvFile();
  if (!existsSync(file)) throw new Error(`the harness swarm is not up: run bash test/e2e/harness/swarm-up.sh (no ${file})`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}): ${RERUN}`, { cause: err });
  }
  return parseSwarmEnv(raw, file);
}

/** Validates the JSON swarm-up.sh writes; exported for the reader's own checks. */
export function parseSwarmEnv(raw: unknown, file: string): SwarmEnv {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${file} is not a JSON object: ${RERUN}`);
  const json = raw as Record<string, unknown>;
  const env: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(STRINGS)) {
    const value = json[key];
    if (typeof value !== 'string' || value === '') throw new Error(`${file}: ${key} is missing: ${RERUN}`);
    env[field] = value;
  }
  const port = json['CD_SWARM_PORT'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${file}: CD_SWARM_PORT is not a port number: ${RERUN}`);
  }
  env['port'] = port;
  const nodes = json['CD_SWARM_NODES'];
  if (!Array.isArray(nodes) || nodes.length === 0) throw new Error(`${file}: CD_SWARM_NODES is not a list of nodes: ${RERUN}`);
  env['nodes'] = nodes.map((n: unknown, i): SwarmNode => {
    const node = (n ?? {}) as Record<string, unknown>;
    const { name, address, role } = node;
    if (typeof name !== 'string' || name === '' || typeof address !== 'string' || address === '' || (role !== 'manager' && role !== 'worker')) {
      throw new Error(`${file}: CD_SWARM_NODES[${i}] wants a name, an address and a role (manager or worker): ${RERUN}`);
    }
    return { name, address, role };
  });
  const parsed = env as unknown as SwarmEnv;
  if (!parsed.nodes.some((n) => n.name === parsed.manager && n.role === 'manager')) {
    throw new Error(`${file}: the manager ${parsed.manager} is not among CD_SWARM_NODES as a manager: ${RERUN}`);
  }
  return parsed;
}
