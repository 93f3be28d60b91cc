import { composeCommand, detectCompose, type ComposeFlavor } from '../compose/cli.js';
import { toPlain, type LNode } from '../compose/model.js';
import { envFlavorOf, type EnvFlavor } from '../compose/model-env.js';
import { interpolate, InterpolationError } from '../compose/model-vars.js';
import { InputError } from '../errors.js';
import type { Runner } from '../runner/runner.js';
import { cliErrorFindings } from './cli-errors.js';
import { loadError, type Finding } from './findings.js';
import type { LoadedSet } from './load.js';
import { schemaFindings } from './schema-check.js';
import { castLikeCompose } from './compose-casts.js';
import type { EchoContext } from './echo-redact.js';

export type RendererMode = 'auto' | 'compose' | 'schema';

/** How the sets were rendered; the report says which, since the fallback knows less than Compose. */
export type Renderer =
  | { kind: 'compose-cli'; flavor: ComposeFlavor; version: string }
  | { kind: 'schema'; reason: string };

export async function chooseRenderer(mode: RendererMode, runner: Runner): Promise<Renderer> {
  if (mode === 'schema') return { kind: 'schema', reason: 'renderer: schema was asked for' };
  const found = await detectCompose(runner);
  if (found) return { kind: 'compose-cli', ...found };
  if (mode === 'compose') throw new InputError('renderer: compose was asked for, but neither "docker compose" (v2) nor "docker-compose" (v1) runs on this machine');
  return { kind: 'schema', reason: 'no Compose CLI on this machine' };
}

/** The env file grammar of the Compose that renders (v2's when none does: what a current host runs). */
export function envFlavor(r: Renderer): EnvFlavor {
  return envFlavorOf(r.kind === 'compose-cli' ? r.flavor : undefined);
}

export function rendererLabel(r: Renderer): string {
  return r.kind === 'compose-cli' ? `${r.flavor} ${r.version} config` : `built-in merge + Compose specification schema (${r.reason})`;
}

/** What a Compose process of validate's gets: its whole environment and an empty file to pass as --env-file. */
export interface ComposeSandbox {
  env: Readonly<Record<string, string>>;
  /** Empty: the set's env file values travel in env (filtered), so Compose reads no env file of the pull request's. */
  emptyEnvFile: string;
}

/**
 * Runs `<compose> -f ... --env-file <empty> config --quiet` in the sandbox: the real merge and
 * interpolation rules, with nothing of the runner's environment and no `.env` of the pull request's.
 */
export async function renderWithCli(r: Extract<Renderer, { kind: 'compose-cli' }>, loaded: LoadedSet, cwd: string, runner: Runner, sandbox: ComposeSandbox, echo: EchoContext): Promise<Finding[]> {
  // Every service is checked, profile-gated ones too (v2 skips them unless asked).
  const cmd = composeCommand({ flavor: r.flavor, files: loaded.set.files, envFile: sandbox.emptyEnvFile, cwd, allProfiles: true }, ['config', '--quiet'], { env: sandbox.env });
  const res = await runner.run(cmd);
  if (res.code === 0) return [];
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
