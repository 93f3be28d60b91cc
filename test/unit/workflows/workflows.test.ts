import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { OPTIONS } from '../../../src/config/options.js';

const root = new URL('../../../', import.meta.url).pathname;
const files = ['.github/workflows', 'workflows-templates'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f)),
);

/** GitHub's own workflow parser: schema errors and expression errors, with line and column. */
async function problems(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length === 0 && parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message));
  }
  return errors;
}

test('the project\'s own workflows and the starter templates parse cleanly with GitHub\'s workflow parser', async () => {
  assert.ok(files.length >= 4, `found ${files.join(', ')}`);
  for (const f of files) assert.deepEqual(await problems(f, readFileSync(join(root, f), 'utf8')), [], f);
});

test('a broken workflow is reported with its line (the parser really checks)', async () => {
  const found = await problems('broken.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope( }}\n      - uses:\n');
  assert.ok(found.some((m) => /Line: 7/.test(m)), found.join('\n'));
});

test('every step that calls the action passes only inputs the action declares', () => {
  const declared = new Set(OPTIONS.map((o) => o.name));
  let calls = 0;
  for (const f of files) {
    const wf = parse(readFileSync(join(root, f), 'utf8')) as { jobs: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }> };
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps ?? []) {
        if (!step.uses?.startsWith('compose-deploy/compose-deploy@')) continue;
        calls++;
        for (const input of Object.keys(step.with ?? {})) assert.ok(declared.has(input), `${f}: input "${input}" is not an input of the action`);
        assert.ok(step.with?.['command'], `${f}: a step calls the action without a command`);
      }
    }
  }
  assert.ok(calls >= 4, `checked ${calls} calls`);
});

/** The project's own action and reusable workflow, referenced by release tag as users reference them. */
const FIRST_PARTY = /^compose-deploy\/compose-deploy(\/|@)/;

test('every third-party action is pinned to a full commit SHA, with its version in a comment', () => {
  let pinned = 0;
  for (const f of files) {
    readFileSync(join(root, f), 'utf8').split('\n').forEach((line, i) => {
      const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
      if (!m || m[1]!.startsWith('./') || FIRST_PARTY.test(m[1]!)) return;
      pinned++;
      assert.match(m[1]!, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${f}:${i + 1}: ${m[1]} is not pinned to a full commit SHA`);
      assert.match(m[2]!, /^\s+#\s*v\d+(\.\d+)*\s*$/, `${f}:${i + 1}: say which version the SHA is (# vX.Y.Z)`);
    });
  }
  assert.ok(pinned >= 6, `checked ${pinned} references`);
});

type Step = { uses?: string; with?: Record<string, unknown> };
type Job = { steps?: Step[]; permissions?: unknown; secrets?: unknown; uses?: string; with?: Record<string, unknown> };
const jobsOf = (f: string) => Object.entries((parse(readFileSync(join(root, f), 'utf8')) as { jobs: Record<string, Job> }).jobs);

test('actions/checkout never leaves the token in .git/config (persist-credentials: false)', () => {
  let checkouts = 0;
  for (const f of files) {
    for (const [name, job] of jobsOf(f)) {
      for (const step of job.steps ?? []) {
        if (!step.uses?.startsWith('actions/checkout@')) continue;
        checkouts++;
        assert.equal(step.with?.['persist-credentials'], false, `${f}: job ${name}`);
      }
    }
  }
  assert.ok(checkouts >= 6, `checked ${checkouts} checkouts`);
});

test('the validate jobs (pull requests, forks) get no secrets and only contents: read', () => {
  let validates = 0;
  for (const f of files) {
    for (const [name, job] of jobsOf(f)) {
      const validating = (job.steps ?? []).some((s) => FIRST_PARTY.test(s.uses ?? '') && s.with?.['command'] === 'validate');
      if (!validating) continue;
      validates++;
      assert.deepEqual(job.permissions, { contents: 'read' }, `${f}: job ${name} must declare permissions: contents: read`);
      assert.equal(job.secrets, undefined, `${f}: job ${name}`);
      assert.doesNotMatch(JSON.stringify(job), /secrets\.|github\.token|GITHUB_TOKEN/, `${f}: job ${name} must not see a secret or a token`);
    }
  }
  assert.ok(validates >= 2, `checked ${validates} validate jobs`);
});
