import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { composeCommand } from '../../../src/compose/cli.js';
import { toPlain } from '../../../src/compose/model.js';
import { interpolate } from '../../../src/compose/model-vars.js';
import { parsePortText } from '../../../src/compose/ports.js';
import { resolveSets } from '../../../src/compose/sets.js';
import { resolveSettings } from '../../../src/config/settings.js';
import { loadSet } from '../../../src/validate/load.js';
import { harnessCompose, harnessComposeCommand, harnessEnv } from '../harness/env.js';
import { runCli, spawnCollect, type Run } from '../lib/run-action.js';

// validate judges the model Compose renders (extends, include, anchors resolved) and points each finding
// at the file and line that wrote the value; the real Compose CLI of this run (v2, or v1 under
// COMPOSE_DEPLOY_HARNESS_COMPOSE=v1) renders the same files and is the oracle for what the rules read.
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/validate/rendered');
const flavor = harnessCompose();
const out = mkdtempSync(join(tmpdir(), 'cd-validate-rendered-e2e-'));
after(() => rmSync(out, { recursive: true, force: true }));

/** `file:line:col: severity: rule: message` lines of the CLI's stderr, as `rule@file:line`. */
function found(run: Run, rules: ReadonlySet<string>): string[] {
  return run.stderr.split('\n').flatMap((l) => {
    const m = /^([^:\s]+):(\d+):\d+: (?:error|warning): ([\w-]+): /.exec(l);
    return m && rules.has(m[3]!) ? [`${m[3]}@${m[1]}:${m[2]}`] : [];
  }).sort();
}

/** `# expect: rule` (both versions) and `# expect-v1:` / `# expect-v2:` markers in every Compose file of a fixture. */
function expected(dir: string): { all: string[]; rules: Set<string> } {
  const all: string[] = [];
  const rules = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f) && f !== 'compose-deploy.yml')) {
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/# expect(?:-(v1|v2))?: ([\w-]+)/g)) {
        rules.add(m[2]!);
        if (m[1] === undefined || m[1] === flavor) all.push(`${m[2]}@${relative(dir, join(dir, file))}:${i + 1}`);
      }
    });
  }
  return { all: all.sort(), rules };
}

/** Each fixture, with rules that must NOT fire on it besides those its markers name. */
const CASES = [
  { dir: 'extends', also: ['healthcheck', 'oneshot-marked', 'image-immutable', 'schema', 'parse', 'outside-repository'] },
  { dir: 'extends-depends-on', also: ['restart-policy', 'healthcheck', 'parse', 'outside-repository'] },
  { dir: 'include', also: ['env-declared', 'healthcheck', 'ports-proxy-only', 'restart-policy', 'image-pinned', 'schema', 'parse', 'outside-repository'] },
  { dir: 'variable-tags', also: ['schema', 'parse'] },
  { dir: 'migrate-first', also: ['oneshot-marked', 'schema', 'parse'] },
  { dir: 'required-var', also: ['parse'] },
  { dir: 'required-var-extended', also: ['parse'] },
  { dir: 'no-port', also: ['parse'] },
  { dir: 'missing-env-file', also: ['parse', 'outside-repository'] },
] as const;

const runs = new Map<string, Run>();
before(async () => {
  let n = 0;
  const results = await Promise.all(CASES.map((c) => runCli(['validate', '--report-file', join(out, `r-${++n}.json`)], { cwd: join(FIXTURES, c.dir) })));
  CASES.forEach((c, i) => runs.set(c.dir, results[i]!));
});

describe(`findings on the rendered model, at the writing file's line (${harnessComposeCommand()})`, () => {
  for (const c of CASES) {
    it(`${c.dir}: exactly the marked findings`, () => {
      const run = runs.get(c.dir)!;
      const want = expected(join(FIXTURES, c.dir));
      assert.deepEqual(found(run, new Set([...want.rules, ...c.also])), want.all, run.stderr);
      assert.equal(run.code, want.all.length > 0 ? 1 : 0, run.stderr);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
  }

  it('no interpolated value reaches the output', () => {
    // The env file's values (16, 2.4.1) are short; the CLI's own texts for the location cases name no path of the runner.
    for (const dir of ['required-var', 'required-var-extended', 'no-port', 'missing-env-file']) {
      const run = runs.get(dir)!;
      assert.doesNotMatch(run.stderr, /set it|127\.0\.0\.1::|\/web\.env|not found: stat/, run.stderr);
    }
  });
});

// The oracle: the keys the rules read, from our model (interpolated with the same variables) and from `config`.
const VARS = { IMAGE_TAG: `sha-${'0'.repeat(40)}` };
type Svc = Record<string, unknown>;

function ourServices(dir: string): Record<string, Svc> {
  const settings = resolveSettings({ explicit: { command: 'validate' }, env: {}, cwd: dir });
  const set = resolveSets(settings).find((s) => s.name === 'prod')!;
  const loaded = loadSet(set, dir, { include: flavor === 'v2' });
  const vars = new Map([...loaded.includedEnv, ...Object.entries(VARS)]);
  const render = (v: unknown): unknown =>
    typeof v === 'string' ? interpolate(v, vars)
    : Array.isArray(v) ? v.map(render)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, render(x)]))
    : v;
  return (render(toPlain(loaded.merged)) as { services: Record<string, Svc> }).services;
}

async function cliServices(dir: string, files: readonly string[]): Promise<Record<string, Svc>> {
  const cmd = composeCommand({ flavor: harnessComposeCommand() as 'docker compose' | 'docker-compose', files, cwd: dir }, ['config']);
  const run = await spawnCollect(cmd.argv[0]!, cmd.argv.slice(1), { cwd: dir, env: { PATH: process.env.PATH, HOME: out, DOCKER_CONFIG: harnessEnv().runnerDockerConfig, ...VARS } });
  assert.equal(run.code, 0, run.stderr);
  return (parse(run.stdout) as { services: Record<string, Svc> }).services;
}

/** What the rules read, in one spelling whatever syntax (short, long, list, map) the source or the CLI used. */
function ruleView(s: Svc): Record<string, unknown> {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/\s+/) : v);
  const env = s['environment'];
  const hc = s['healthcheck'] as Svc | undefined;
  return {
    image: s['image'],
    restart: s['restart'],
    command: list(s['command']),
    healthcheck: hc ? list(typeof hc['test'] === 'string' ? ['CMD-SHELL', hc['test']] : hc['test']) : undefined,
    environment: Array.isArray(env) ? Object.fromEntries(env.map((e: string) => [e.split('=')[0], e.split('=').slice(1).join('=')])) : env ? Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? null : String(v)])) : undefined,
    ports: ((s['ports'] as unknown[] | undefined) ?? []).map((p) => {
      const spec = typeof p === 'object' && p ? { hostPort: String((p as Svc)['published'] ?? ''), target: String((p as Svc)['target']) } : parsePortText(String(p));
      return `${spec.hostPort}->${spec.target}`;
    }).sort(),
    volumes: ((s['volumes'] as unknown[] | undefined) ?? []).map((v) => (typeof v === 'object' && v ? String((v as Svc)['target']) : String(v).split(':')[1])).sort(),
  };
}

describe(`the model the rules judge is the one ${harnessComposeCommand()} config prints`, () => {
  for (const c of [{ dir: 'extends', files: ['docker-compose.prod.yml'] }, ...(flavor === 'v2' ? [{ dir: 'include', files: ['docker-compose.prod.yml'] }] : [])]) {
    it(c.dir, async () => {
      const dir = join(FIXTURES, c.dir);
      const [ours, theirs] = [ourServices(dir), await cliServices(dir, c.files)];
      assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort());
      for (const name of Object.keys(theirs)) assert.deepEqual(ruleView(ours[name]!), ruleView(theirs[name]!), `service ${name}`);
    });
  }

  it('include: v1 refuses the key, so validate does not model it either', () => {
    const services = ourServices(join(FIXTURES, 'include'));
    assert.deepEqual(Object.keys(services).sort(), flavor === 'v2' ? ['api', 'cache', 'db', 'queue'] : ['api']);
  });
});
