import { resolve } from 'node:path';
import { composeCommand, detectCompose, type ComposeFlavor } from '../compose/cli.js';
import { toPlain, type LNode } from '../compose/model.js';
import { interpolate, InterpolationError } from '../compose/model-vars.js';
import { InputError } from '../errors.js';
import type { Runner } from '../runner/runner.js';
import { cliErrorFindings } from './cli-errors.js';
import { loadError, type Finding } from './findings.js';
import type { LoadedSet } from './load.js';
import { schemaFindings } from './schema-check.js';

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

export function rendererLabel(r: Renderer): string {
  return r.kind === 'compose-cli' ? `${r.flavor} ${r.version} config` : `built-in merge + Compose specification schema (${r.reason})`;
}

/** Runs `<compose> -f ... [--env-file ...] config --quiet`: the real merge and interpolation rules. */
export async function renderWithCli(r: Extract<Renderer, { kind: 'compose-cli' }>, loaded: LoadedSet, cwd: string, runner: Runner, fill: ReadonlyMap<string, string>): Promise<Finding[]> {
  const { set } = loaded;
  const cmd = composeCommand(
    // Every service is checked, profile-gated ones too (v2 skips them unless asked).
    { flavor: r.flavor, files: set.files, envFile: set.envFile && loaded.env ? resolve(cwd, set.envFile) : undefined, cwd, allProfiles: true },
    ['config', '--quiet'],
    fill.size > 0 ? { env: Object.fromEntries(fill) } : {},
  );
  const res = await runner.run(cmd);
  if (res.code === 0) return [];
  return cliErrorFindings(`${res.stderr}\n${res.stdout}`, loaded.files, cwd);
}

/**
 * Without a Compose CLI: interpolate the merged tree with the env file (the process environment
 * wins, as in Compose) and check it against the Compose specification schema.
 */
export function renderWithSchema(loaded: LoadedSet, processEnv: NodeJS.ProcessEnv, fill: ReadonlyMap<string, string>): Finding[] {
  const tree = loaded.merged!;
  const env = new Map<string, string>(fill);
  for (const [k, e] of loaded.env ?? []) env.set(k, e.value);
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) env.set(k, v);
  const findings: Finding[] = [];
  const data = interpolateTree(tree, env, findings);
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
    findings.push(loadError('schema', `interpolation: ${err.message}`, node.loc));
    return '';
  }
}
