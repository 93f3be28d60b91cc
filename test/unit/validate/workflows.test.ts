import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkWorkflows, toFinding } from '../../../src/validate/workflows.js';

test('parser messages become findings at their line and column', () => {
  assert.deepEqual(toFinding('.github/workflows/a.yml (Line: 7, Col: 15): Unexpected value \'\'', '.github/workflows/a.yml'), {
    severity: 'error',
    rule: 'workflow',
    message: "Unexpected value ''",
    loc: { file: '.github/workflows/a.yml', line: 7, column: 15 },
  });
  assert.deepEqual(toFinding('something without a position', 'x.yml').loc, { file: 'x.yml' });
});

test('a folder of workflows: the good one passes, the broken ones are reported at their lines', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cd-wf-'));
  mkdirSync(join(cwd, '.github/workflows'), { recursive: true });
  writeFileSync(join(cwd, '.github/workflows/ok.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n');
  writeFileSync(join(cwd, '.github/workflows/bad.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses:\n');
  writeFileSync(join(cwd, '.github/workflows/needs.yml'), 'on: push\njobs:\n  a:\n    needs: [nope]\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n');
  writeFileSync(join(cwd, '.github/workflows/notes.txt'), 'not a workflow');
  const { files, findings } = await checkWorkflows(['.github/workflows', 'missing-dir'], cwd);
  assert.deepEqual(files, ['.github/workflows/bad.yml', '.github/workflows/needs.yml', '.github/workflows/ok.yml']);
  assert.ok(findings.some((f) => f.loc.file === '.github/workflows/bad.yml' && f.loc.line === 6), JSON.stringify(findings));
  assert.ok(findings.some((f) => f.loc.file === '.github/workflows/needs.yml' && f.loc.line === 3 && /at least one job with no dependencies/.test(f.message)), JSON.stringify(findings));
  assert.ok(!findings.some((f) => f.loc.file === '.github/workflows/ok.yml'));
});

test('starter templates with $default-branch parse', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cd-wft-'));
  writeFileSync(join(cwd, 't.yml'), 'on:\n  push:\n    branches: [$default-branch]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n');
  assert.deepEqual((await checkWorkflows(['t.yml'], cwd)).findings, []);
});

test('a workflows path that does not exist is an error finding at that path, not skipped', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cd-wf-missing-'));
  mkdirSync(join(cwd, '.github/workflows'), { recursive: true });
  writeFileSync(join(cwd, '.github/workflows/ok.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n');
  const { files, findings } = await checkWorkflows(['.github/workflows', '.github/workflow/deploy.yml'], cwd);
  assert.deepEqual(files, ['.github/workflows/ok.yml']);
  assert.deepEqual(findings, [
    { severity: 'error', rule: 'workflow', message: 'workflows path not found: .github/workflow/deploy.yml (check validate.workflows or the "workflows" input)', loc: { file: '.github/workflow/deploy.yml' } },
  ]);
});
