import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Interrupts } from '../engine/services.js';
import { InputError } from '../errors.js';
import { carriedConfig, type DockerConfigFile } from './docker-config-file.js';

export interface TempDockerConfig {
  dir: string;
  /** Environment for every docker command of this run. */
  env: Record<string, string>;
  remove(): void;
}

/**
 * A throw-away DOCKER_CONFIG, so the registry credentials written by `docker login` never land in the
 * user's ~/.docker and are gone when the run ends. What the user's config holds comes along: config.json
 * (other registries' logins, credential helpers, the current context) and contexts/ are copied, private
 * to this user; the CLI plugins (buildx) and buildx's builder instances are linked, or a builder set up
 * by docker/setup-buildx-action would silently be lost.
 */
export function createTempDockerConfig(env: NodeJS.ProcessEnv, registry: string, interrupts?: Interrupts): TempDockerConfig {
  const parent = env['RUNNER_TEMP'] || tmpdir();
  const dir = mkdtempSync(join(parent, 'compose-deploy-docker-'));
  const stopListening = removeOnInterrupt(() => rmSync(dir, { recursive: true, force: true }), interrupts);
  const remove = () => {
    stopListening();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    chmodSync(dir, 0o700);
    const userConfig = env['DOCKER_CONFIG'] || join(homedir(), '.docker');
    for (const sub of ['cli-plugins', 'buildx']) {
      const from = join(userConfig, sub);
      if (existsSync(from)) symlinkSync(from, join(dir, sub));
    }
    const file = join(userConfig, 'config.json');
    if (existsSync(file)) writeFileSync(join(dir, 'config.json'), `${JSON.stringify(carriedConfig(readConfig(file), registry), null, 2)}\n`, { mode: 0o600 });
    const contexts = join(userConfig, 'contexts');
    if (existsSync(contexts)) copyPrivate(contexts, join(dir, 'contexts'));
  } catch (err) {
    remove();
    throw err;
  }
  return { dir, env: { DOCKER_CONFIG: dir }, remove };
}

/**
 * The login in the directory must not outlive an interrupted run either: a cancelled workflow sends
 * SIGINT then SIGTERM, and Node's default for both is to die on the spot, skipping every `finally`.
 * An interruption removes it, then the process ends as the signal would; so does the process's exit.
 * Returns a function that stops listening.
 */
function removeOnInterrupt(remove: () => void, interrupts?: Interrupts): () => void {
  const stopInterrupts = interrupts?.listen(async () => remove());
  process.once('exit', remove);
  return () => {
    stopInterrupts?.();
    process.off('exit', remove);
  };
}

function readConfig(file: string): DockerConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`the Docker client config ${file} cannot be read (${(err as Error).message}); docker itself would refuse it: fix or move it`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError(`the Docker client config ${file} is not a JSON object`);
  return parsed as DockerConfigFile;
}

/** Context metadata and TLS material: directories 0700, files 0600, whatever the originals allowed. */
function copyPrivate(from: string, to: string): void {
  mkdirSync(to, { mode: 0o700 });
  for (const entry of readdirSync(from)) {
    const src = join(from, entry);
    const dest = join(to, entry);
    const st = statSync(src);
    if (st.isDirectory()) copyPrivate(src, dest);
    else if (st.isFile()) {
      copyFileSync(src, dest);
      chmodSync(dest, 0o600);
    }
  }
}
