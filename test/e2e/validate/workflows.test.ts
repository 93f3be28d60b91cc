import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runAction, runCli } from '../lib/run-action.js';

/** The example shop with the repository's own workflows beside it, as a user's repository would have. */
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'cd-wf-ws-'));
  cpSync(join(REPO_ROOT, 'examples/shop'), ws, { recursive: true });
  cpSync(join(REPO_ROOT, '.github'), join(ws, '.github'), { recursive: true });
  cpSync(join(REPO_ROOT, 'workflows-templates'), join(ws, 'workflows-templates'), { recursive: true });
  return ws;
}

test('validate checks workflows with GitHub\'s parser: the project\'s own pass', async () => {
  const ws = workspace();
  try {
    const res = await runAction({ command: 'validate', workflows: '.github/workflows, workflows-templates' }, { workspace: ws });
    assert.equal(res.code, 0, res.log);
    assert.equal(res.outputs['errors'], '0');
    const count = ['.github/workflows', 'workflows-templates'].flatMap((d) => readdirSync(join(ws, d)).filter((f) => /\.ya?ml$/.test(f))).length;
    assert.ok(count >= 4, `${count} workflow files`);
    assert.match(res.log, new RegExp(`workflows: ${count} file\\(s\\) checked with GitHub's workflow parser`));
    assert.match(res.summary, new RegExp(`#### Workflows: ${count} files \\(GitHub's workflow parser\\)\n\nNo findings\\.`));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a broken workflow is an annotation on its line (action) and file:line:col (CLI), and fails the step', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws, '.github/workflows'), { recursive: true });
    writeFileSync(join(ws, '.github/workflows/broken.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses:\n');
    writeFileSync(join(ws, 'compose-deploy.yml'), `${readFileSync(join(ws, 'compose-deploy.yml'), 'utf8')}validate:\n  workflows: [.github/workflows]\n`);
    const action = await runAction({ command: 'validate' }, { workspace: ws });
    assert.equal(action.code, 1, action.log);
    assert.equal(action.outputs['errors'], '1');
    assert.ok(action.annotations.some((a) => /^::error file=\.github\/workflows\/broken\.yml,line=6,col=\d+::workflow: /.test(a)), action.log);
    const cli = await runCli(['validate'], { cwd: ws });
    assert.equal(cli.code, 1, cli.stderr);
    assert.match(cli.stderr, /\.github\/workflows\/broken\.yml:6:\d+: error: workflow: /);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
