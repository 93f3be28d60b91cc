import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { claimPort } from '../lib/port-claim.js';
import { REPO_ROOT, hostInputs, sshArgs } from '../lib/run-action.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/deploy-stack');

export interface Version {
  sha: string;
  label: string;
  healthStatus?: number;
  migrateExit?: number;
  /** The worker exits a second after it starts (it has no healthcheck: the min-ready gate must catch it). */
  workerCrash?: boolean;
  /** The api turns unhealthy a few seconds after it became healthy (during a long drain). */
  flap?: boolean;
}

export const randomSha = () => randomBytes(20).toString('hex');

/** A port on 127.0.0.1 this test process holds for its whole life (see lib/port-claim.ts). */
export function freePort(): Promise<number> {
  return claimPort(join(harnessEnv().stateDir, 'ports'));
}

/** The example stack in a workspace of its own, its images in the harness registry, its release dir on the host. */
export class ExampleStack {
  readonly h = harnessEnv();
  readonly id = randomBytes(3).toString('hex');
  readonly project = `cdtest-${this.id}`;
  readonly prefix = `${this.h.registry}/${this.project}`;
  readonly deployPath = `${this.h.deployRoot}/${this.project}`;
  readonly workspace = mkdtempSync(join(tmpdir(), 'cd-stack-'));
  readonly dbPassword = `db-${randomBytes(8).toString('hex')}`;
  private readonly dockerConfig = mkdtempSync(join(tmpdir(), 'cd-push-auth-'));
  private readonly built: string[] = [];

  constructor(readonly proxyPort: number) {
    for (const f of ['compose.prod.yaml', 'Caddyfile']) cpSync(join(FIXTURE, f), join(this.workspace, f));
    writeFileSync(join(this.workspace, 'compose-deploy.yml'), readFileSync(join(FIXTURE, 'compose-deploy.yml'), 'utf8').replace('PROJECT', this.project));
    execFileSync('docker', ['login', this.h.registry, '--username', this.h.registryUser, '--password-stdin'], {
      input: this.h.registryPassword,
      env: { ...process.env, DOCKER_CONFIG: this.dockerConfig },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
  }

  /** Seconds the api takes to boot: a longer boot means more health polls. */
  bootSeconds = 4;

  get envFile(): string {
    // The Compose file defaults BOOT_SECONDS to 4; left out of the env file then, since every env-file
    // value is masked in the log, and a lone "4" would hide digits of version numbers the tests read.
    const boot = this.bootSeconds === 4 ? '' : `BOOT_SECONDS=${this.bootSeconds}\n`;
    return `IMAGE_PREFIX=${this.prefix}\nPROXY_PORT=${this.proxyPort}\nDB_PASSWORD=${this.dbPassword}\n${boot}`;
  }

  /** Builds api and worker for a version, pushes them, and removes them locally so deploy must pull. */
  buildAndPush(v: Version): void {
    for (const image of ['app', 'worker']) {
      const ctx = mkdtempSync(join(tmpdir(), `cd-ctx-${image}-`));
      for (const f of readdirSync(join(FIXTURE, image))) {
        const text = readFileSync(join(FIXTURE, image, f), 'utf8')
          .replaceAll('__VERSION__', v.label)
          .replaceAll('__HEALTH_STATUS__', String(v.healthStatus ?? 200))
          .replaceAll('__HEALTH_BODY__', (v.healthStatus ?? 200) === 200 ? 'ok' : 'broken')
          .replaceAll('__MIGRATE_EXIT__', String(v.migrateExit ?? 0))
          .replaceAll('__WORKER_CRASH__', v.workerCrash ? 'yes' : 'no')
          .replaceAll('__FLAP__', v.flap ? 'yes' : 'no');
        writeFileSync(join(ctx, f), text);
      }
      const tag = `${this.prefix}/${image === 'app' ? 'api' : 'worker'}:sha-${v.sha}`;
      // The classic builder prints a deprecation notice on every build: keep its output for failures only.
      // The stack's own label makes its images its own: the same version built by a test beside it (the
      // other Compose version's, or another file's) would otherwise be the same image, and removing one
      // stack's tags by id would take the other's.
      execFileSync('docker', ['build', '-q', '--label', `compose-deploy-test.stack=${this.project}`, '-t', tag, ctx], { stdio: ['ignore', 'ignore', 'pipe'] });
      execFileSync('docker', ['push', '-q', tag], { env: { ...process.env, DOCKER_CONFIG: this.dockerConfig }, stdio: ['ignore', 'ignore', 'inherit'] });
      // --no-prune: the build's untagged parent layers may be the cache of a build beside this one.
      execFileSync('docker', ['rmi', '--no-prune', tag], { stdio: 'ignore' });
      this.built.push(tag);
      rmSync(ctx, { recursive: true, force: true });
    }
  }

  inputs(sha: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      command: 'deploy',
      sha,
      'deploy-path': this.deployPath,
      registry: this.h.registry,
      'registry-username': this.h.registryUser,
      'registry-password': this.h.registryPassword,
      'env-file': this.envFile,
      ...hostInputs(),
      ...extra,
    };
  }

  onHost(command: string, input?: string): string {
    return execFileSync('ssh', sshArgs(command), { encoding: 'utf8', input });
  }

  current(): string {
    return this.onHost(`readlink ${this.deployPath}/current || true`).trim().replace(/^releases\//, '');
  }

  /**
   * Files `find <where>` lists on the host (as the deploy user) that hold any of `secrets` and are still
   * there 15 s later. The harness host is this machine, and the files beside this one (the other Compose
   * version's among them) deploy as the same user: a login a pull holds in /tmp for its few seconds is
   * not one this run left behind. The secrets travel on the session's standard input into a pattern file
   * in a folder of its own, left out of the search: never on a command line, where a test beside this one
   * samples the process list for them.
   */
  async lingeringSecrets(where: string, secrets: readonly string[]): Promise<string[]> {
    const command = `d=$(mktemp -d) && trap 'rm -rf "$d"' EXIT && cat >"$d/p" && { find ${where} -type f ! -path "$d/*" -exec grep -lF -f "$d/p" {} + 2>/dev/null || true; }`;
    const list = () => this.onHost(command, `${secrets.join('\n')}\n`).trim().split('\n').filter(Boolean);
    const first = list();
    if (first.length === 0) return [];
    await new Promise((r) => setTimeout(r, 15_000));
    const again = new Set(list());
    return first.filter((f) => again.has(f));
  }

  lockState(): 'held' | 'free' {
    return this.onHost(`test -e ${this.deployPath}/.deploy-lock && echo held || echo free`).trim() as 'held' | 'free';
  }

  audit(): Array<Record<string, unknown>> {
    return this.onHost(`cat ${this.deployPath}/releases.jsonl 2>/dev/null || true`).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  }

  /** Running containers of a service: id and image. */
  containers(service: string): Array<{ id: string; image: string }> {
    const out = execFileSync('docker', ['ps', '--no-trunc', '--filter', `label=com.docker.compose.project=${this.project}`, '--filter', `label=com.docker.compose.service=${service}`, '--format', '{{.ID}} {{.Image}}'], { encoding: 'utf8' });
    return out.trim().split('\n').filter(Boolean).map((l) => ({ id: l.split(' ')[0]!, image: l.split(' ')[1]! }));
  }

  allContainerIds(): string[] {
    return execFileSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `label=com.docker.compose.project=${this.project}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).sort();
  }

  async get(path = '/'): Promise<{ status: number; body: string }> {
    const res = await fetch(`http://127.0.0.1:${this.proxyPort}${path}`, { signal: AbortSignal.timeout(15_000) });
    return { status: res.status, body: await res.text() };
  }

  /** Everything the stack left: containers, network, volume, release dir, images. */
  destroy(): void {
    const ids = this.allContainerIds();
    if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
    for (const kind of ['network', 'volume'] as const) {
      const names = execFileSync('docker', [kind, 'ls', '-q', '--filter', `label=com.docker.compose.project=${this.project}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
      if (names.length > 0) execFileSync('docker', [kind, 'rm', ...names], { stdio: 'ignore' });
    }
    const images = execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', `${this.prefix}/*`], { encoding: 'utf8' }).trim().split('\n').filter((l) => l && !l.endsWith(':<none>'));
    if (images.length > 0) execFileSync('docker', ['rmi', '-f', '--no-prune', ...images], { stdio: 'ignore' });
    this.onHost(`rm -rf ${this.deployPath}`);
    rmSync(this.workspace, { recursive: true, force: true });
    rmSync(this.dockerConfig, { recursive: true, force: true });
  }
}

export interface LoadResult {
  ok: number;
  failed: number;
  errors: string[];
  bodies: Set<string>;
}

/** Sends requests through the proxy (a port on 127.0.0.1, or a URL) until stopped (bounded by maxRequests), counting failures. */
export function loadLoop(to: number | string, maxRequests = 20_000): { stop: () => Promise<LoadResult> } {
  const url = typeof to === 'number' ? `http://127.0.0.1:${to}/` : to;
  const result: LoadResult = { ok: 0, failed: 0, errors: [], bodies: new Set() };
  let running = true;
  const worker = async () => {
    let sent = 0;
    while (running && sent++ < maxRequests) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
        const body = (await res.text()).trim();
        if (res.status === 200) {
          result.ok++;
          result.bodies.add(body);
        } else {
          result.failed++;
          result.errors.push(`HTTP ${res.status}: ${body.slice(0, 80)}`);
        }
      } catch (err) {
        result.failed++;
        result.errors.push((err as Error).message);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const workers = [worker(), worker()];
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return result;
    },
  };
}
