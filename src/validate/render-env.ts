import { HOST_SHELL_PLACEHOLDERS } from '../compose/host-shell.js';

/*
 * The environment the Compose CLI (and the built-in renderer) sees during validate. Never the
 * runner's: a pull request could otherwise make Compose print any of its variables (tokens, passwords)
 * through `${UNSET:?${SECRET}}` or a value that fails a type check. Rendering needs only the set's own
 * env file, the image-tag placeholders the deploy fills and placeholders for what the host's shell sets
 * (PWD, HOME, USER…: see host-shell.ts), which is also what the host will have. Not even PATH is the
 * runner's: IsolatedRunner finds the programs itself, so `${PATH}` renders as a placeholder too.
 */

/**
 * Names in an env file that would change how Compose itself (or a program it starts) behaves rather
 * than what it renders: Compose's and Docker's switches (DOCKER_HOST, COMPOSE_FILE,
 * COMPOSE_EXPERIMENTAL_GIT_REMOTE…; the Docker ones by name, since projects name their own variables
 * DOCKER_IMAGE_BACKEND and the like), the loader and interpreter of Compose v1 (LD_*, PYTHON*), git and
 * ssh, proxies, and where programs look for their files.
 */
const CONTROL_NAME = /^(COMPOSE_|DOCKER_(HOST|CONFIG|CONTEXT|TLS\w*|CERT_PATH|API_VERSION|BUILDKIT|DEFAULT_PLATFORM|CONTENT_TRUST\w*|CUSTOM_HEADERS|HIDE_LEGACY_COMMANDS|CLIENT_TIMEOUT|SSL_VERSION|CLI_\w+|EXPERIMENTAL\w*|AUTH_CONFIG|RAMDISK|TMPDIR)$|BUILDKIT_|BUILDX_|LD_|PYTHON|GIT_|SSH_|XDG_|SSL_CERT_|GO(DEBUG|FLAGS|MAXPROCS|TRACEBACK|GC|MEMLIMIT|PROXY|PATH|ROOT)$)|_PROXY$|^(PATH|HOME|TMPDIR|TMP|TEMP|SHELL|ENV|BASH_ENV|IFS|CDPATH|NO_PROXY)$/i;

/** A name Compose can interpolate: anything else cannot be referenced, so it is not passed on. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isControlVariable(name: string): boolean {
  return CONTROL_NAME.test(name);
}

/** An empty directory of the sandbox container's: no credential helper, context or plugin of anybody's. */
export const SANDBOX_DOCKER_CONFIG = '/tmp/docker-config';

/** What every Compose process of validate's runs with (in its sandbox container), before any variable of a set. */
export function sandboxEnvironment(): Record<string, string> {
  return {
    // HOME and PATH among them: Compose v2 and v1 need neither once DOCKER_CONFIG is set and the program is found.
    ...HOST_SHELL_PLACEHOLDERS,
    DOCKER_CONFIG: SANDBOX_DOCKER_CONFIG,
    LANG: 'C.UTF-8',
    // v1 is Python, on a read-only filesystem.
    PYTHONDONTWRITEBYTECODE: '1',
    // No `.env` of the pull request's is read: validate passes an empty --env-file (v1 and v2), and v2 ≥ 2.28 also obeys this.
    COMPOSE_DISABLE_ENV_FILE: '1',
    // Remote includes are fetched with git or from an OCI registry: never during validate.
    COMPOSE_EXPERIMENTAL_GIT_REMOTE: '0',
    COMPOSE_EXPERIMENTAL_OCI_REMOTE: '0',
  };
}

export interface RenderEnvInput {
  /** The set's env file values, as validate parsed them. */
  envFile: ReadonlyMap<string, string>;
  /** Image-tag placeholders the deploy fills (IMAGE_TAG=sha-…), for those the env file leaves out. */
  fill: ReadonlyMap<string, string>;
}

export interface RenderEnv {
  /** The whole environment of the Compose process: `sandboxEnvironment` and the variables. */
  process: Record<string, string>;
  /** What `${VAR}` can see: the env file and the placeholders (the deploy's and the host shell's), nothing else. */
  variables: Map<string, string>;
  /** Env file names left out because they steer Compose itself. */
  dropped: string[];
}

export function renderEnvironment(input: RenderEnvInput): RenderEnv {
  const variables = new Map<string, string>();
  const dropped: string[] = [];
  for (const [k, v] of input.envFile) {
    // A name no `${...}` can spell (42TOKEN_URL, a.b) is valid in an env file, but has nothing to render.
    if (!VARIABLE_NAME.test(k)) continue;
    if (isControlVariable(k)) dropped.push(k);
    else variables.set(k, v);
  }
  for (const [k, v] of input.fill) if (!variables.has(k)) variables.set(k, v);
  // On the host the shell's values win over the env file's, as Compose prefers its environment.
  for (const [k, v] of Object.entries(HOST_SHELL_PLACEHOLDERS)) variables.set(k, v);
  const process = { ...Object.fromEntries(variables), ...sandboxEnvironment() };
  return { process, variables, dropped };
}
