import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComposeFlavor } from '../compose/cli.js';
import { withFileAt } from './elf-needs.js';
import type { IsolatedRunner } from './isolated-runner.js';
import { binarySpec, COMPOSE_PATH, EMPTY_ENV_PATH, interpreterOf, pythonSpec, TIMEOUT_PATH, type ImageSpec } from './sandbox-image.js';
import { tarArchive, withParents, type TarEntry } from '../runtime/tar.js';

/*
 * Compose renders in a throwaway container of the runner's own Docker engine: its filesystem is the
 * image made here from the runner's Compose (sandbox-image.ts) and a read-only copy of the repository
 * (repo-copy.ts), so no variable, symlink or `..` of a pull request's can reach a file it did not
 * bring. No network, no capabilities, no new privileges, a memory, process and time cap; removed
 * afterwards, also on a time-out, an error or a signal.
 */

/**
 * A render takes a fraction of a second of processor time (Compose v1's Python about one): past this much
 * processor time the kernel kills it (RLIMIT_CPU), however busy the machine, so a costly set (huge port
 * ranges) ends in seconds on a quiet runner and a legitimate one is not cut short on a loaded one.
 */
export const RENDER_CPU_CAP_S = 10;
/** For a render that waits rather than computes: past this the container ends itself (even when validate was killed). */
export const RENDER_TIME_CAP_S = 60;
export const RENDER_MEMORY = '512m';
/** Which validate process (by pid) started a sandbox container. */
const OWNER_LABEL = 'compose-deploy.validate-sandbox';
const MEMORY = RENDER_MEMORY;
const PIDS = '128';

export interface SandboxCompose {
  flavor: ComposeFlavor;
  version: string;
  image: string;
  entry: string[];
}

/** Why the sandbox cannot run here (the built-in renderer runs instead), or what it runs. */
export type SandboxProbe = { ok: true; compose: SandboxCompose } | { ok: false; reason: string; composeFound: boolean };

/** Where Docker looks for CLI plugins, after the user's own (DOCKER_CONFIG, ~/.docker). */
const SYSTEM_PLUGIN_DIRS = ['/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins'];

function composeV2Plugin(env: NodeJS.ProcessEnv): string | undefined {
  const user = env['DOCKER_CONFIG'] || (env['HOME'] ? join(env['HOME'], '.docker') : undefined);
  return [...(user ? [join(user, 'cli-plugins')] : []), ...SYSTEM_PLUGIN_DIRS].map((d) => join(d, 'docker-compose')).find((p) => existsSync(p));
}

/**
 * Finds the runner's Compose (v2's plugin first, else v1's `docker-compose`), checks that a Docker engine
 * answers on this machine's default socket (never the runner's DOCKER_HOST: the pull request's workflow
 * may have set it) and makes the sandbox image unless one was made before from the same files.
 */
export async function probeSandbox(runner: IsolatedRunner, env: NodeJS.ProcessEnv, workDir: string): Promise<SandboxProbe> {
  const docker = runner.which('docker');
  // v2 is a plugin of the docker CLI: without that CLI there is no `docker compose` here. A plugin that
  // does not answer its version (a stub hiding a system one) is no Compose; v1 is looked for next.
  const candidates: [string | undefined, ComposeFlavor][] = [[docker ? composeV2Plugin(env) : undefined, 'docker compose'], [runner.which('docker-compose'), 'docker-compose']];
  const timeout = runner.which('timeout');
  // Asked beside Compose's version; an image found by the engine is answer enough.
  let engine: ReturnType<IsolatedRunner['run']> | undefined;
  const askEngine = () => (engine ??= runner.run({ argv: ['docker', 'version', '--format', '{{.Server.Version}}'] }));
  let chosen: { program: string; flavor: ComposeFlavor; version: string; source?: SandboxSource | { error: string }; known?: SandboxImage } | undefined;
  for (const [program, flavor] of candidates) {
    if (!program) continue;
    const source = timeout ? sandboxSourceOf(program, timeout) : undefined;
    // An image made from these very files answered its version before: starting Compose again to ask
    // (a third of a second for v2, most of a second for v1's Python) would be every run's largest cost.
    const known = docker && source && !('error' in source) ? await madeBefore(runner, source) : undefined;
    if (known) {
      chosen = { program, flavor, version: known.version, known };
      break;
    }
    if (docker) void askEngine();
    // The runner's own program, with validate's empty environment and no argument of the pull request's.
    const v = await runner.run({ argv: [program, 'version', '--short'] });
    if (v.code === 0 && v.stdout.trim()) {
      chosen = { program, flavor, version: v.stdout.trim().replace(/^v/, ''), source };
      break;
    }
  }
  if (!chosen) return { ok: false, reason: 'no Compose CLI on this machine', composeFound: false };
  if (chosen.known) {
    // A version check started for a candidate before this one ends here, not after validate.
    await engine;
    return { ok: true, compose: { flavor: chosen.flavor, version: chosen.version, image: chosen.known.image, entry: chosen.known.entry } };
  }
  const engineAnswer = docker ? await askEngine() : undefined;
  const { program, flavor, version, source } = chosen;
  if (!docker || !engineAnswer) return { ok: false, reason: `${flavor} is here, but no docker CLI to start the sandbox it must run in`, composeFound: true };
  if (!timeout || !source) return { ok: false, reason: 'no `timeout` program (coreutils) for the sandbox\'s own time cap', composeFound: true };
  if (engineAnswer.code !== 0 || !engineAnswer.stdout.trim()) return { ok: false, reason: `${flavor} is here, but no Docker engine answers on this machine's default socket to run the sandbox Compose must render in`, composeFound: true };
  const found = await makeSandboxImage(runner, program, timeout, source, version, workDir);
  if ('reason' in found) return { ok: false, reason: found.reason, composeFound: true };
  return { ok: true, compose: { flavor, version, image: found.image, entry: found.entry } };
}

const SOURCE_LABEL = 'compose-deploy.validate-sandbox-source';
const VERSION_LABEL = 'compose-deploy.validate-sandbox-compose-version';

interface SandboxImage {
  image: string;
  entry: string[];
  version: string;
}

/** Where the image made from these files is, and what runs Compose in it. */
interface SandboxSource {
  /** A hash of the source files' paths, sizes, times and inodes: no 60 MB binary is read to find the image. */
  fingerprint: string;
  tag: string;
  interpreter: string | undefined;
  entry: string[];
}

function sandboxSource(program: string, timeout: string): SandboxSource {
  // Only the first two bytes: reading all of Compose v2 (tens of megabytes) cost every validate run most of a second.
  const python = withFileAt(program, (at) => at(0, 2).toString('latin1') === '#!');
  const interpreter = python ? interpreterOf(program) : undefined;
  const fingerprint = sourceFingerprint(interpreter ? [program, timeout, interpreter, '/var/lib/dpkg/status'] : [program, timeout]);
  return { fingerprint, tag: `compose-deploy-validate-sandbox:src-${fingerprint}`, interpreter, entry: interpreter ? [interpreter, COMPOSE_PATH] : [COMPOSE_PATH] };
}

/** The source of the image, or why these files cannot make one (said only if this Compose is the one chosen). */
function sandboxSourceOf(program: string, timeout: string): SandboxSource | { error: string } {
  try {
    return sandboxSource(program, timeout);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The image tag validate gives the sandbox made from this Compose program and `timeout`. */
export function sandboxImageTag(program: string, timeout: string): string {
  return sandboxSource(program, timeout).tag;
}

/** The image made before from the same files, with the version that Compose answered then. */
async function madeBefore(runner: IsolatedRunner, source: SandboxSource): Promise<SandboxImage | undefined> {
  const labels = await runner.run({ argv: ['docker', 'image', 'inspect', '--format', `{{index .Config.Labels "${SOURCE_LABEL}"}} {{index .Config.Labels "${VERSION_LABEL}"}}`, source.tag] });
  const [from, version] = labels.code === 0 ? labels.stdout.trim().split(' ') : [];
  if (from !== source.fingerprint || !version) return undefined;
  return { image: source.tag, entry: source.entry, version };
}

/** Makes the image from the runner's Compose, tagged and labelled by its source files and version. */
async function makeSandboxImage(runner: IsolatedRunner, program: string, timeout: string, source: SandboxSource | { error: string }, version: string, workDir: string): Promise<SandboxImage | { reason: string }> {
  if ('error' in source) return { reason: `the sandbox image cannot be made from ${program}: ${source.error}` };
  let spec: ImageSpec;
  try {
    spec = source.interpreter ? pythonSpec(program, timeout) : binarySpec(program, timeout);
  } catch (err) {
    return { reason: `the sandbox image cannot be made from ${program}: ${(err as Error).message}` };
  }
  const tar = join(workDir, `sandbox-${randomBytes(6).toString('hex')}.tar`);
  try {
    writeFileSync(tar, imageArchive(spec));
    // A version of plain characters only is kept (another one is asked again next run): it goes through Dockerfile syntax.
    const labels = [`LABEL ${SOURCE_LABEL}=${source.fingerprint}`, ...(/^[\w.+-]{1,64}$/.test(version) ? [`LABEL ${VERSION_LABEL}=${version}`] : [])];
    const made = await runner.run({ argv: ['docker', 'import', ...labels.flatMap((l) => ['--change', l]), '--message', 'compose-deploy validate sandbox', tar, source.tag] });
    if (made.code !== 0) return { reason: `docker import of the sandbox image failed: ${made.stderr.trim().split('\n').pop()}` };
  } finally {
    rmSync(tar, { force: true });
  }
  return { image: source.tag, entry: spec.entry, version };
}

function sourceFingerprint(paths: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of paths) {
    const st = statSync(p);
    h.update(`${realpathSync(p)} ${st.size} ${st.mtimeMs} ${st.ino} ${st.dev}\n`);
  }
  return h.digest('hex').slice(0, 32);
}

function imageArchive(spec: ImageSpec): Buffer {
  const entries: TarEntry[] = [
    ...spec.files.map((f) => ({ path: f.to, data: readFileSync(f.from), mtime: statSync(f.from).mtimeMs / 1000, mode: f.to === TIMEOUT_PATH || spec.entry.includes(f.to) || /\/ld-linux|\.so/.test(f.to) ? 0o755 : 0o644 })),
    ...spec.empty.map((p) => ({ path: p, data: Buffer.alloc(0), mode: 0o644 })),
    { path: 'tmp', mode: 0o1777 },
  ];
  return tarArchive(withParents(entries));
}

export interface ContainerRender {
  /** The repository copy, mounted read-only at `mountAt`. */
  copy: string;
  /** The repository's own path: the copy is mounted there, so Compose's messages name the same paths. */
  mountAt: string;
  files: readonly string[];
  /** The render's variables: the container's whole environment with the sandbox's switches. */
  env: Readonly<Record<string, string>>;
}

/** Containers started and not yet removed, so a signal or an error can remove them. */
export class SandboxContainers {
  private readonly live = new Set<string>();
  constructor(private readonly runner: IsolatedRunner) {}

  async render(c: SandboxCompose, r: ContainerRender): Promise<{ code: number; stdout: string; stderr: string; capped: boolean }> {
    const name = `compose-deploy-validate-${process.pid}-${randomBytes(6).toString('hex')}`;
    const uid = process.getuid?.() ?? 65534;
    const gid = process.getgid?.() ?? 65534;
    const argv = [
      'docker', 'run', '--rm', '--name', name, '--label', `${OWNER_LABEL}=${process.pid}`,
      '--network', 'none', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
      '--memory', MEMORY, '--memory-swap', MEMORY, '--pids-limit', PIDS, '--user', `${uid}:${gid}`,
      // Soft and hard alike: the kernel's SIGKILL at the limit, never a SIGXCPU a runtime could turn into output.
      '--ulimit', `cpu=${RENDER_CPU_CAP_S}:${RENDER_CPU_CAP_S}`,
      '--tmpfs', '/tmp:size=16m', '--volume', `${r.copy}:${r.mountAt}:ro`, '--workdir', r.mountAt,
      // Values travel in the docker CLI's environment, named here: never on a command line.
      ...Object.keys(r.env).flatMap((k) => ['--env', k]),
      c.image, TIMEOUT_PATH, '--signal', 'KILL', String(RENDER_TIME_CAP_S), ...c.entry,
      ...(c.flavor === 'docker compose' ? ['--profile', '*'] : []),
      ...r.files.flatMap((f) => ['--file', f]), '--env-file', EMPTY_ENV_PATH, 'config', '--quiet',
    ];
    this.live.add(name);
    let ended = false;
    try {
      const res = await this.runner.run({ argv, env: r.env });
      // Compose's own answers (0, 1, 15): the CLI's --rm has removed the container.
      ended = res.code <= 15;
      // timeout's own code when it killed Compose; 137 is also the kernel's answer to the memory and processor caps.
      return { ...res, capped: res.code === 124 || res.code === 137 };
    } finally {
      if (ended) this.live.delete(name);
      else await this.remove(name);
    }
  }

  /**
   * Removes what is still there (a run cut short leaves its container: the docker CLI's --rm needs the
   * CLI). `thorough` (after a signal or an error) also asks the engine for this process's label: a
   * `docker run` killed while the engine was creating its container leaves one validate never heard
   * of, so the engine is asked again until it lists none (a few rounds at most).
   */
  async removeAll(thorough: boolean): Promise<void> {
    await Promise.all([...this.live].map((n) => this.remove(n)));
    if (!thorough) return;
    for (let round = 0; round < 5; round++) {
      const left = await this.runner.run({ argv: ['docker', 'ps', '--all', '--quiet', '--filter', `label=${OWNER_LABEL}=${process.pid}`] });
      const ids = left.code === 0 ? left.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
      if (ids.length === 0 && round > 0) return;
      if (ids.length > 0) await this.runner.run({ argv: ['docker', 'rm', '--force', ...ids] });
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async remove(name: string): Promise<void> {
    if (!this.live.delete(name)) return;
    await this.runner.run({ argv: ['docker', 'rm', '--force', name] });
  }
}
