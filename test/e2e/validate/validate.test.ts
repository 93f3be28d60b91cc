import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { harnessComposeCommand } from '../harness/env.js';
import { runAction, runCli } from '../lib/run-action.js';

// The real Compose the runner has (v2 `docker compose`, or docker-compose v1 with
// COMPOSE_DEPLOY_HARNESS_COMPOSE=v1) through the committed bundles. No host, no secret, no network.
const composeCommand = harnessComposeCommand();
const composeVersion = composeCommand === 'docker compose' ? '2\\.' : '1\\.';
const renderedWith = new RegExp(`Rendered with ${composeCommand} ${composeVersion}\\d+\\.\\d+\\S* config`);
const renderingWith = new RegExp(`rendering with ${composeCommand} ${composeVersion}`);
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/validate');
const out = mkdtempSync(join(tmpdir(), 'cd-validate-e2e-'));
after(() => rmSync(out, { recursive: true, force: true }));
let n = 0;
const reportPath = () => join(out, `report-${++n}.json`);
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('validate through the action (runner env, real Compose CLI)', () => {
  it('a clean Django+Celery stack passes, with a table per set and the drift table in the summary', async () => {
    const report = reportPath();
    const run = await runAction({ command: 'validate', 'report-file': report }, { workspace: join(FIXTURES, 'layouts', 'django-celery') });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual([run.outputs['errors'], run.outputs['warnings'], run.outputs['report']], ['0', '0', report]);
    assert.deepEqual(run.annotations, []);
    assert.match(run.summary, renderedWith);
    assert.match(run.summary, /#### dev: compose\.yaml \+ compose\.dev\.yaml with \.env\.example/);
    assert.match(run.summary, /#### prod: compose\.yaml \+ compose\.prod\.yaml with \.env\.prod\.example/);
    assert.match(run.summary, /\| `web` \| `shop-app:dev` \| `ghcr\.io\/acme\/shop\/app:\$\{IMAGE_TAG\}` \| image repository differs \|/);
    const json = readReport(report);
    assert.equal(json.renderer.kind, 'compose-cli');
    assert.equal(json.renderer.command, composeCommand);
  });

  it('a policy error becomes an annotation on the exact line and fails the step', async () => {
    const run = await runAction({ command: 'validate', 'report-file': reportPath() }, { workspace: join(FIXTURES, 'rules', 'image-pinned', 'bad') });
    assert.equal(run.code, 1);
    const pinned = run.annotations.filter((a) => a.includes('::image-pinned:'));
    assert.deepEqual(pinned.map((a) => /^::error file=([^,]+),line=(\d+),col=(\d+)::/.exec(a)?.slice(1)), [
      ['docker-compose.prod.yml', '3', '5'],
      ['docker-compose.prod.yml', '6', '5'],
      ['docker-compose.prod.yml', '9', '5'],
    ]);
    assert.equal(run.outputs['errors'], '3');
    assert.match(run.summary, /\| error \| `image-pinned` \| `docker-compose\.prod\.yml:6:5` \|/);
  });

  it('a mistake in the file both sets share is one annotation and one error in every count', async () => {
    const report = reportPath();
    const run = await runAction({ command: 'validate', 'report-file': report }, { workspace: join(FIXTURES, 'config', 'shared-file-error') });
    assert.equal(run.code, 1);
    assert.deepEqual(run.annotations.filter((a) => a.startsWith('::error file=')).map((a) => a.slice(0, a.indexOf('::', 2))), ['::error file=compose.yaml,line=5,col=5']);
    assert.equal(run.outputs['errors'], '1');
    assert.equal(readReport(report).errors, 1);
    assert.match(run.summary, /\*\*1 error, 0 warnings\*\*/);
    assert.ok(run.annotations.includes('::error::validate found 1 error(s) and 0 warning(s) (fail-on: error)'));
  });

  it('warnings do not fail the step; fail-on: warning makes them', async () => {
    const ws = join(FIXTURES, 'rules', 'healthcheck', 'bad');
    const lenient = await runAction({ command: 'validate', 'report-file': reportPath() }, { workspace: ws });
    assert.equal(lenient.code, 0);
    assert.equal(lenient.outputs['warnings'], '2');
    assert.ok(lenient.annotations.every((a) => a.startsWith('::warning file=docker-compose.prod.yml,line=')));
    const strict = await runAction({ command: 'validate', 'fail-on': 'warning', 'report-file': reportPath() }, { workspace: ws });
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /validate found 0 error\(s\) and 2 warning\(s\) \(fail-on: warning\)/);
  });
});

describe('validate through the CLI', () => {
  for (const layout of ['base-prod-override', 'standalone-prod', 'dev-override', 'django-celery', 'fastapi-caddy']) {
    it(`seed layout ${layout}: renders with the Compose CLI and has no errors`, async () => {
      const report = reportPath();
      const run = await runCli(['validate', '--report-file', report, '--json'], { cwd: join(FIXTURES, 'layouts', layout) });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual([run.json.outputs.errors, run.json.outputs.warnings], ['0', '0'], run.stderr);
      assert.match(run.stderr, renderingWith);
      assert.equal(readReport(report).renderer.kind, 'compose-cli');
    });
  }

  it('a schema error from the Compose CLI prints file:line:col: message and exits 1', async () => {
    const run = await runCli(['validate', '--report-file', reportPath()], { cwd: join(FIXTURES, 'errors', 'bad-type') });
    assert.equal(run.code, 1);
    // The location is ours; the words after the key path are the Compose version's own.
    assert.match(run.stderr, /^docker-compose\.prod\.yml:5:5: error: schema: Compose config: services\.web\.ports \S.*$/m);
  });

  it('without a Compose CLI on PATH it falls back to the schema check and says so', async () => {
    const report = reportPath();
    const run = await runCli(['validate', '--report-file', report], { cwd: join(FIXTURES, 'errors', 'unknown-key'), env: { PATH: '/nonexistent' } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /rendering with built-in merge \+ Compose specification schema \(no Compose CLI on this machine\)/);
    assert.match(run.stderr, /^docker-compose\.prod\.yml:5:5: error: schema: Compose specification: unknown key "helthcheck" in services\.web; did you mean "healthcheck"\?$/m);
    assert.deepEqual(readReport(report).renderer, { kind: 'schema', reason: 'no Compose CLI on this machine' });
  });

  it('renderer: compose without a Compose CLI is bad input (exit 2)', async () => {
    const run = await runCli(['validate', '--renderer', 'compose', '--report-file', reportPath()], { cwd: join(FIXTURES, 'layouts', 'standalone-prod'), env: { PATH: '/nonexistent' } });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /renderer: compose was asked for, but neither "docker compose" \(v2\) nor "docker-compose" \(v1\) runs on this machine/);
  });

  it('an env file Compose accepts is accepted: a key starting with a digit, export, quotes, multi-line values, ${...} of earlier lines', async () => {
    const report = reportPath();
    const run = await runCli(['validate', '--report-file', report, '--json'], { cwd: join(FIXTURES, 'config', 'env-file-syntax') });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json.outputs.errors, '0', run.stderr);
    assert.doesNotMatch(run.stderr, /42TOKEN_URL|env file line/);
  });

  it('a line Compose rejects is an error at its file:line, without its value; the rest of the env file still declares', async () => {
    const report = reportPath();
    const run = await runCli(['validate', '--report-file', report], { cwd: join(FIXTURES, 'config', 'env-file-bad-line') });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^\.env\.prod\.example:3:1: error: parse: invalid env file line: unterminated quoted value$/m);
    // DATABASE_URL, declared on the line before, is not reported; SECRET_KEY, on the broken line, is.
    const declared = readReport(report).sets.flatMap((s: { findings: { rule: string; message: string }[] }) => s.findings).filter((f: { rule: string }) => f.rule === 'env-declared');
    assert.deepEqual(declared.map((f: { message: string }) => /\$\{(\w+)\}/.exec(f.message)?.[1]), ['SECRET_KEY']);
    assert.doesNotMatch(run.stdout + run.stderr + readFileSync(report, 'utf8'), /s3cr3t-never-echoed/);
  });

  it('no Compose files at all is bad input (exit 2)', async () => {
    const run = await runCli(['validate', '--report-file', reportPath()], { cwd: join(FIXTURES, 'config', 'no-compose-files') });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no prod Compose files/);
  });
});
