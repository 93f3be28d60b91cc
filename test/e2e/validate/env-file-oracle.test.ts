import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseEnvText, type EnvFlavor } from '../../../src/compose/model-env.js';
import { InputError } from '../../../src/errors.js';
import { harnessCompose, harnessRunnerDockerConfig } from '../harness/env.js';
import { spawnCollect } from '../lib/run-action.js';
import { ENV_CASES, type EnvCase } from './env-file-cases.js';

// The Compose CLI of this run (COMPOSE_DEPLOY_HARNESS_COMPOSE) is the oracle: each case is read by it
// with --env-file, in an environment holding nothing but PATH, HOME and the case's own variables, and
// what it made of each key must be what parseEnvText returns for that Compose.
const flavor: EnvFlavor = harnessCompose();
const out = mkdtempSync(join(tmpdir(), 'cd-env-oracle-e2e-'));
after(() => rmSync(out, { recursive: true, force: true }));

const UNSET = '__unset__';
/** A key Compose can interpolate is read through `${KEY-unset}` (what an env file is for); any other through `environment: [KEY]`. */
const interpolable = (k: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k);

function composeFile(keys: string[]): string {
  const labels = keys.map((k, i) => (interpolable(k) ? `      k${i}: "\${${k}-${UNSET}}"\n` : '')).join('');
  const env = keys.map((k) => (interpolable(k) ? '' : `      - ${JSON.stringify(k)}\n`)).join('');
  return `services:\n  s:\n    image: busybox\n${labels ? `    labels:\n${labels}` : ''}${env ? `    environment:\n${env}` : ''}`;
}

interface Oracle {
  code: number;
  stderr: string;
  values?: Record<string, string | null>;
}

async function askCompose(c: EnvCase): Promise<Oracle> {
  const work = mkdtempSync(join(out, 'case-'));
  writeFileSync(join(work, 't.env'), c.text);
  writeFileSync(join(work, 'compose.yaml'), composeFile(c.keys));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, DOCKER_CONFIG: harnessRunnerDockerConfig(flavor), ...c.env };
  const [cmd, args] = flavor === 'v2' ? ['docker', ['compose']] : ['docker-compose', []];
  const run = await spawnCollect(cmd, [...args, '--env-file', 't.env', 'config'], { cwd: work, env });
  if (run.code !== 0) return { code: run.code, stderr: run.stderr };
  const service = (parse(run.stdout) as { services: { s: { labels?: Record<string, string>; environment?: Record<string, string | null> } } }).services.s;
  // `config` prints a literal $ as $$.
  const values = Object.fromEntries(
    c.keys.map((k, i) => [k, interpolable(k) ? (service.labels?.[`k${i}`] ?? '').replace(/\$\$/g, '$') : (service.environment?.[k]?.replace(/\$\$/g, '$') ?? null)]),
  );
  return { code: 0, stderr: run.stderr, values };
}

/** What parseEnvText says Compose ends up with for each key: the file's value, under the environment's (Compose's own order). */
function ours(c: EnvCase, skipInvalid: boolean): Record<string, string | null> {
  const parsed = parseEnvText(c.text, 't.env', { flavor, environment: c.env, skipInvalid });
  return Object.fromEntries(
    c.keys.map((k) => {
      const v = c.env?.[k] ?? parsed.get(k)?.value;
      return [k, interpolable(k) ? (v ?? UNSET) : (v ?? null)];
    }),
  );
}

describe(`env files are read as Compose ${flavor} reads them`, () => {
  it('covers the keys Compose v1 and v2 disagree on', () => assert.ok(ENV_CASES.length >= 30));
  for (const c of ENV_CASES) {
    it(c.name, async () => {
      const oracle = await askCompose(c);
      // v1 skips a line it cannot parse, with a warning naming the line; v2 refuses the file.
      const skipped = /could not parse statement starting at line (\d+)/.exec(oracle.stderr);
      const refused = oracle.code !== 0 || skipped !== null;
      let error: unknown;
      try {
        parseEnvText(c.text, 't.env', { flavor, environment: c.env });
      } catch (err) {
        error = err;
      }
      assert.equal(error !== undefined, refused, `Compose ${refused ? 'refused or skipped a line' : 'read the file'}; parseEnvText ${error ? `threw ${String(error)}` : 'did not throw'}\n${oracle.stderr}`);
      if (error !== undefined) {
        assert.ok(error instanceof InputError && error.location?.file === 't.env' && typeof error.location.line === 'number', String(error));
        if (skipped) assert.equal(error.location?.line, Number(skipped[1]), String(error));
      }
      if (oracle.values) assert.deepEqual(ours(c, true), oracle.values, oracle.stderr);
    });
  }
});
