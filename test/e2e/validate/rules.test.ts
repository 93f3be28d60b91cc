import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RULES } from '../../../src/config/rule-catalog.js';
import { expectedWhere } from '../../unit/validate/helpers.js';
import { harnessComposeCommand } from '../harness/env.js';
import { runAction, runCli, type Run } from '../lib/run-action.js';
import { annotations, cliFindings } from './printed-findings.js';

// Every rule's breaking and passing fixture, and every kind of file that does not load, through the
// committed bundles with the real Compose CLI the runner has (v2, or v1 under
// COMPOSE_DEPLOY_HARNESS_COMPOSE=v1): the CLI for all of them,
// the action for a handful. The in-process unit tests use the schema renderer; these use what users run.
const renderingWith = new RegExp(`rendering with ${harnessComposeCommand()} ${harnessComposeCommand() === 'docker compose' ? '2' : '1'}\\.`);
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/validate');
const out = mkdtempSync(join(tmpdir(), 'cd-validate-rules-e2e-'));
after(() => rmSync(out, { recursive: true, force: true }));

/** Runs tasks with at most `limit` at once: each CLI run is a Node and a docker-compose process, and there are dozens. */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

let n = 0;
const cli = (dir: string) => () => runCli(['validate', '--report-file', join(out, `cli-${++n}.json`)], { cwd: dir });
const action = (dir: string) => runAction({ command: 'validate', 'report-file': join(out, `action-${++n}.json`) }, { workspace: dir });

const ruleDir = (rule: string, kind: 'bad' | 'good') => join(FIXTURES, 'rules', rule, kind);
const cliRuns = new Map<string, Run>();

before(async () => {
  const dirs = RULES.flatMap((r) => [ruleDir(r.id, 'bad'), ruleDir(r.id, 'good')]);
  const runs = await pooled(dirs.map(cli), Math.max(2, availableParallelism()));
  dirs.forEach((d, i) => cliRuns.set(d, runs[i]!));
});

describe('every rule through the CLI (real Compose CLI)', () => {
  it('each rule has a breaking and a passing fixture, and no other rule fixtures lie around unchecked', () => {
    assert.deepEqual(readdirSync(join(FIXTURES, 'rules')).sort(), RULES.map((r) => r.id).sort());
  });

  for (const rule of RULES) {
    it(`${rule.id}: the breaking fixture is flagged at every marked line, at the rule severity`, () => {
      const run = cliRuns.get(ruleDir(rule.id, 'bad'))!;
      assert.match(run.stderr, renderingWith);
      const mine = cliFindings(run).filter((f) => f.rule === rule.id);
      const want = expectedWhere(ruleDir(rule.id, 'bad'), rule.id);
      assert.deepEqual(mine.map((f) => f.where).sort(), want, run.stderr);
      for (const f of mine) assert.equal(f.severity, rule.severity);
      assert.equal(run.code, rule.severity === 'error' || cliFindings(run).some((f) => f.severity === 'error') ? 1 : 0, run.stderr);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });

    it(`${rule.id}: the passing fixture has no such finding`, () => {
      const run = cliRuns.get(ruleDir(rule.id, 'good'))!;
      assert.match(run.stderr, renderingWith);
      assert.deepEqual(cliFindings(run).filter((f) => f.rule === rule.id), [], run.stderr);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
  }
});

describe('rules through the action (runner env): annotations on the marked lines', () => {
  for (const rule of ['rolling-conflict', 'healthcheck', 'no-secret-literals', 'env-declared', 'ports-proxy-only'] as const) {
    it(rule, async () => {
      const run = await action(ruleDir(rule, 'bad'));
      const severity = RULES.find((r) => r.id === rule)!.severity;
      const mine = annotations(run).filter((a) => a.rule === rule);
      const want = expectedWhere(ruleDir(rule, 'bad'), rule);
      assert.deepEqual(mine.map((a) => a.where).sort(), want, run.stdout);
      for (const a of mine) assert.equal(a.severity, severity);
      const all = annotations(run);
      assert.equal(run.outputs['errors'], String(all.filter((a) => a.severity === 'error').length));
      assert.equal(run.outputs['warnings'], String(all.filter((a) => a.severity === 'warning').length));
    });
  }
});

// A set that does not load: one clear error at file:line, exit 1, never a stack trace, through both front doors.
const LOAD_ERRORS = [
  { dir: 'malformed', where: 'docker-compose.prod.yml:4', rule: 'parse', message: /^invalid YAML/ },
  { dir: 'missing-file', where: 'compose-deploy.yml:7', rule: 'parse', message: /^docker-compose\.prod\.yml: Compose file not found/ },
  // The words between the key and our suggestion are each Compose version's own.
  { dir: 'unknown-key', where: 'docker-compose.prod.yml:5', rule: 'schema', message: /^Compose config: .*\bservices\.web\b.*\bhelthcheck\b.*; did you mean "healthcheck"\?/ },
  { dir: 'duplicate-keys', where: 'docker-compose.prod.yml:5', rule: 'parse', message: /^invalid YAML: duplicate key "image"/ },
  { dir: 'empty', where: 'docker-compose.prod.yml:1', rule: 'parse', message: /^the Compose file is empty/ },
] as const;

describe('files that do not load, through the CLI and the action', () => {
  for (const c of LOAD_ERRORS) {
    it(`${c.dir}: ${c.rule} error at ${c.where}`, async () => {
      const dir = join(FIXTURES, 'errors', c.dir);
      const [viaCli, viaAction] = await Promise.all([cli(dir)(), action(dir)]);
      for (const [door, found, run] of [['CLI', cliFindings(viaCli), viaCli], ['action', annotations(viaAction), viaAction]] as const) {
        const errors = found.filter((f) => f.severity === 'error');
        assert.equal(errors.length, 1, `${door}: ${run.stdout}${run.stderr}`);
        assert.equal(errors[0]!.where, c.where, door);
        assert.equal(errors[0]!.rule, c.rule, door);
        assert.match(errors[0]!.message, c.message, door);
        assert.equal(run.code, 1, door);
        assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /, door);
      }
      assert.equal(viaAction.outputs['errors'], '1');
      // The step's own failure line says how many, without a location.
      assert.ok(viaAction.annotations.includes('::error::validate found 1 error(s) and 0 warning(s) (fail-on: error)'), viaAction.stdout);
    });
  }
});
