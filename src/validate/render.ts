import { type ComposeFlavor } from '../compose/cli.js';
import { toPlain, type LNode } from '../compose/model.js';
import { envFlavorOf, type EnvFlavor } from '../compose/model-env.js';
import { interpolate, InterpolationError } from '../compose/model-vars.js';
import { InputError, OperationError } from '../errors.js';
import { probeSandbox, RENDER_CPU_CAP_S, RENDER_TIME_CAP_S, RENDER_MEMORY, type SandboxCompose, type SandboxContainers } from './container-render.js';
import type { IsolatedRunner } from './isolated-runner.js';
import { cliErrorFindings } from './cli-errors.js';
import { loadError, type Finding } from './findings.js';
import type { LoadedSet } from './load.js';
import { schemaFindings } from './schema-check.js';
import { castLikeCompose } from './compose-casts.js';
import type { EchoContext } from './echo-redact.js';

export type RendererMode = 'auto' | 'compose' | 'schema';

/** How the sets were rendered; the report says which, since the fallback knows less than Compose. */
export type Renderer =
  | { kind: 'compose-cli'; flavor: ComposeFlavor; version: string; sandbox: SandboxCompose }
  | { kind: 'schema'; reason: string };

/**
 * The Compose CLI in its sandbox when the runner has both Compose and a Docker engine; else the built-in
 * renderer, which starts no program. Compose is never run outside the sandbox.
 */
export async function chooseRenderer(mode: RendererMode, runner: IsolatedRunner, env: NodeJS.ProcessEnv, workDir: string): Promise<Renderer> {
  if (mode === 'schema') return { kind: 'schema', reason: 'renderer: schema was asked for' };
  const probe = await probeSandbox(runner, env, workDir);
  if (probe.ok) return { kind: 'compose-cli', flavor: probe.compose.flavor, version: probe.compose.version, sandbox: probe.compose };
  if (mode === 'compose') throw new InputError(`renderer: compose was asked for, but ${probe.composeFound ? probe.reason : 'neither "docker compose" (v2) nor "docker-compose" (v1) runs on this machine'}`);
  return { kind: 'schema', reason: probe.reason };
}

/** The env file grammar of the Compose that renders (v2's when none does: what a current host runs). */
export function envFlavor(r: Renderer): EnvFlavor {
  return envFlavorOf(r.kind === 'compose-cli' ? r.flavor : undefined);
}

export function rendererLabel(r: Renderer): string {
  return r.kind === 'compose-cli'
    ? `${r.flavor} ${r.version} config, in a sandbox container (no network, read-only, a copy of the repository and nothing else of the runner's)`
    : `built-in merge + Compose specification schema (${r.reason}), in process`;
}

/** Where and with what a set renders in the sandbox. */
export interface SandboxRender {
  containers: SandboxContainers;
  /** The repository's copy, mounted read-only at the repository's own path (`cwd`). */
  copy: string;
  /** The container's whole environment: the set's variables and the sandbox's switches. */
  env: Readonly<Record<string, string>>;
}

/**
 * Runs `<compose> -f ... --env-file <empty> config --quiet` in the sandbox: the real merge and
 * interpolation rules, with nothing of the runner's (environment, files, network) within reach.
 */
export async function renderWithCli(r: Extract<Renderer, { kind: 'compose-cli' }>, loaded: LoadedSet, cwd: string, sandbox: SandboxRender, echo: EchoContext): Promise<Finding[]> {
  const res = await sandbox.containers.render(r.sandbox, { copy: sandbox.copy, mountAt: cwd, files: loaded.set.files, env: sandbox.env });
  if (res.capped) return [loadError('schema', `Compose needed more than ${RENDER_CPU_CAP_S} s of processor time or ${RENDER_MEMORY} of memory, or ran past ${RENDER_TIME_CAP_S} s, in the sandbox: the set is too costly to render (huge port ranges, deep nesting); nothing was checked by Compose`, { file: loaded.set.files[0]! })];
  if (res.code === 0) return [];
  // Docker's own failures (125: the container could not start) are not Compose's findings about the set.
  if (res.code >= 125) throw new OperationError(`the sandbox Compose renders in did not run (docker exit ${res.code}): ${res.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return cliErrorFindings(`${res.stderr}\n${res.stdout}`, loaded.files, cwd, echo, loaded.merged);
}

/**
 * Without a Compose CLI: interpolate the merged tree with the set's variables alone (its env file and
 * the placeholders; never the runner's environment), cast the typed keys as Compose does, and check it
 * against the Compose specification schema.
 */
export function renderWithSchema(loaded: LoadedSet, variables: ReadonlyMap<string, string>): Finding[] {
  const tree = loaded.merged!;
  const findings: Finding[] = [];
  const data = castLikeCompose(interpolateTree(tree, variables, findings));
  return [...findings, ...schemaFindings(data, tree)];
}

function interpolateTree(node: LNode, env: ReadonlyMap<string, string>, findings: Finding[]): unknown {
  if (node.kind === 'map') return Object.fromEntries([...node.entries].map(([k, e]) => [k, interpolateTree(e.value, env, findings)]));
  if (node.kind === 'seq') return node.items.map((i) => interpolateTree(i, env, findings));
  if (typeof node.value !== 'string') return toPlain(node);
  try {
    return interpolate(node.value, env);
  } catch (err) {
    if (!(err instanceof InterpolationError)) throw err;
    // The error's own text (after "missing a value:") is the file's, interpolated: not printed.
    findings.push(loadError('schema', `interpolation: ${err.message.replace(/(is missing a value).*$/s, '$1')}`, node.loc));
    return '';
  }
}
