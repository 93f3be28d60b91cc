import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { branchOf, registryPassword, resolveBuildSettings } from '../../../src/build/build-settings.js';
import { resolveSettings } from '../../../src/config/settings.js';
import { InputError } from '../../../src/errors.js';
import type { Command, RunResult, Runner } from '../../../src/runner/runner.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

/** Answers git questions from a table, as a checkout would; records what was asked. */
class FakeGit implements Runner {
  readonly where = 'test';
  readonly asked: string[] = [];
  constructor(private readonly answers: Record<string, string>) {}
  async run(cmd: Command): Promise<RunResult> {
    const key = cmd.argv.slice(1).join(' ');
    this.asked.push(key);
    const out = this.answers[key];
    return out === undefined ? { code: 1, stdout: '', stderr: 'no' } : { code: 0, stdout: `${out}\n`, stderr: '' };
  }
  async close() {}
}

function settings(explicit: Record<string, string>, env: NodeJS.ProcessEnv = {}, config?: string, onSecret?: (v: string) => void) {
  const cwd = mkdtempSync(join(tmpdir(), 'cd-build-opts-'));
  if (config) writeFileSync(join(cwd, 'compose-deploy.yml'), config);
  return resolveSettings({ explicit: { command: 'build', ...explicit }, env, cwd, onSecret });
}

const ACTION_ENV = { GITHUB_ACTIONS: 'true', GITHUB_SHA: SHA, GITHUB_REPOSITORY: 'Acme-Corp/Shop', GITHUB_ACTOR: 'octo', GITHUB_REF: 'refs/heads/main', GITHUB_TOKEN: 'ghs_tok' };

test('in the action: prefix from GITHUB_REPOSITORY lower-cased, GITHUB_TOKEN as password, no git asked', async () => {
  const git = new FakeGit({});
  const o = await resolveBuildSettings(settings({}, ACTION_ENV), ACTION_ENV, git);
  assert.equal(o.prefix, 'ghcr.io/acme-corp/shop');
  assert.equal(o.sha, SHA);
  assert.equal(o.username, 'octo');
  assert.equal(o.password, 'ghs_tok');
  assert.equal(o.sourceUrl, 'https://github.com/Acme-Corp/Shop');
  assert.deepEqual(o.tags.all, [`sha-${SHA}`]);
  assert.equal(o.force, false);
  assert.equal(o.parallel, 2);
  assert.deepEqual(git.asked, []);
});

test('registry-password beats GITHUB_TOKEN; image-prefix and force from inputs', async () => {
  const s = settings({ 'registry-password': 'explicit', 'image-prefix': 'ghcr.io/acme/custom', force: 'true' }, ACTION_ENV);
  const o = await resolveBuildSettings(s, ACTION_ENV, new FakeGit({}));
  assert.equal(o.password, 'explicit');
  assert.equal(o.prefix, 'ghcr.io/acme/custom');
  assert.equal(o.force, true);
});

test('in the CLI: sha, repository and branches from git', async () => {
  const git = new FakeGit({
    'rev-parse --verify HEAD': SHA,
    'config --get remote.origin.url': 'git@github.com:Octo/Web-App.git',
    'symbolic-ref --short -q HEAD': 'main',
    'symbolic-ref --short -q refs/remotes/origin/HEAD': 'origin/main',
  });
  const s = settings({ registry: '127.0.0.1:5000' }, {}, 'build:\n  tags: [sha-short, branch, latest]\n  parallel: 3\n');
  const o = await resolveBuildSettings(s, {}, git);
  assert.equal(o.sha, SHA);
  assert.equal(o.prefix, '127.0.0.1:5000/octo/web-app');
  assert.deepEqual(o.tags.all, [`sha-${SHA}`, 'sha-0123456', 'main', 'latest']);
  assert.equal(o.parallel, 3);
});

test('--repository beats the git remote', async () => {
  const git = new FakeGit({ 'rev-parse --verify HEAD': SHA, 'config --get remote.origin.url': 'https://github.com/wrong/one' });
  const o = await resolveBuildSettings(settings({ repository: 'Right/One' }), {}, git);
  assert.equal(o.prefix, 'ghcr.io/right/one');
  assert.ok(!git.asked.includes('config --get remote.origin.url'));
});

test('bad input is an InputError before anything runs', async () => {
  const git = new FakeGit({});
  await assert.rejects(resolveBuildSettings(settings({}), {}, git), (e: Error) => e instanceof InputError && /no commit to build/.test(e.message));
  await assert.rejects(resolveBuildSettings(settings({ sha: SHA }), {}, git), (e: Error) => e instanceof InputError && /cannot tell where to push/.test(e.message));
  await assert.rejects(resolveBuildSettings(settings({ sha: SHA, repository: 'not-a-slug' }), {}, git), /input "repository" must be "owner\/name"/);
  await assert.rejects(resolveBuildSettings(settings({ sha: SHA, 'image-prefix': 'ghcr.io/Acme/Shop' }), {}, git), /upper-case/);
  await assert.rejects(resolveBuildSettings(settings({ sha: SHA, 'image-prefix': 'ghcr.io/acme/shop', force: 'maybe' }), {}, git), /input "force" must be true or false/);
  // A repository whose name cannot be an image path says what to do about it.
  await assert.rejects(resolveBuildSettings(settings({ sha: SHA, repository: 'acme/_x' }), {}, git), /the image prefix "ghcr.io\/acme\/_x" has an invalid path component "_x".*derived from the repository "acme\/_x": set "image-prefix" explicitly/);
});

test('a short sha from git is refused', async () => {
  await assert.rejects(resolveBuildSettings(settings({ repository: 'a/b' }), {}, new FakeGit({ 'rev-parse --verify HEAD': 'abc1234' })), /40-character/);
});

test('branchOf: PR head branch, push branch, nothing for tags', () => {
  assert.equal(branchOf({ GITHUB_HEAD_REF: 'feat/x', GITHUB_REF: 'refs/pull/1/merge' }), 'feat/x');
  assert.equal(branchOf({ GITHUB_REF: 'refs/heads/main' }), 'main');
  assert.equal(branchOf({ GITHUB_REF: 'refs/tags/v1' }), undefined);
});

test('config file: unknown build keys and bad values name the key', () => {
  assert.throws(() => settings({}, {}, 'build:\n  paralel: 2\n'), /unknown key "build.paralel"; did you mean "parallel"\?/);
  assert.throws(() => settings({}, {}, 'build:\n  tags: [nightly]\n'), /build.tags\[0\]: must be one of sha-short, branch, latest/);
  assert.throws(() => settings({}, {}, 'build:\n  parallel: 0\n'), /build.parallel: must be at least 1/);
});

/*
 * The registry password: registry-password, else for ghcr.io the workflow token (the action's
 * workflow-token input, which action.yml defaults to github.token), else GITHUB_TOKEN from the
 * environment (the CLI), again for ghcr.io only. Other registries never get a GitHub token.
 */
const passwordCases: { name: string; inputs: Record<string, string>; env: NodeJS.ProcessEnv; want: { password?: string; from?: string } }[] = [
  { name: 'action on ghcr.io, nothing given: the workflow token', inputs: { 'workflow-token': 'ghs_workflow' }, env: {}, want: { password: 'ghs_workflow', from: "workflow-token (default: the workflow's github.token)" } },
  { name: 'registry-password beats the workflow token', inputs: { 'workflow-token': 'ghs_workflow', 'registry-password': 'pat' }, env: { GITHUB_TOKEN: 'env' }, want: { password: 'pat', from: 'registry-password' } },
  { name: 'the workflow token beats an exported GITHUB_TOKEN on ghcr.io', inputs: { 'workflow-token': 'ghs_workflow' }, env: { GITHUB_TOKEN: 'env' }, want: { password: 'ghs_workflow', from: "workflow-token (default: the workflow's github.token)" } },
  { name: 'another registry never gets the workflow token', inputs: { registry: 'registry.example.com', 'workflow-token': 'ghs_workflow' }, env: {}, want: {} },
  { name: 'another registry never gets the exported GITHUB_TOKEN either', inputs: { registry: 'registry.example.com', 'workflow-token': 'ghs_workflow' }, env: { GITHUB_TOKEN: 'env' }, want: {} },
  { name: 'another registry takes registry-password', inputs: { registry: 'registry.example.com', 'registry-password': 'pat' }, env: { GITHUB_TOKEN: 'env' }, want: { password: 'pat', from: 'registry-password' } },
  { name: 'CLI on ghcr.io: GITHUB_TOKEN from the environment', inputs: {}, env: { GITHUB_TOKEN: 'env' }, want: { password: 'env', from: 'the GITHUB_TOKEN environment variable' } },
  { name: 'CLI: COMPOSE_DEPLOY_WORKFLOW_TOKEN is the same option', inputs: {}, env: { COMPOSE_DEPLOY_WORKFLOW_TOKEN: 'cd_env', GITHUB_TOKEN: 'env' }, want: { password: 'cd_env', from: "workflow-token (default: the workflow's github.token)" } },
  { name: 'nothing anywhere', inputs: {}, env: {}, want: {} },
];
for (const c of passwordCases) {
  test(`registry password: ${c.name}`, () => {
    assert.deepEqual(registryPassword(settings(c.inputs, c.env), c.env), c.want);
  });
}

test('the workflow token is masked as soon as it is read, and reaches the build options', async () => {
  const masked: string[] = [];
  const env = { ...ACTION_ENV, GITHUB_TOKEN: undefined };
  const o = await resolveBuildSettings(settings({ 'workflow-token': 'ghs_workflow' }, env, undefined, (v) => masked.push(v)), env, new FakeGit({}));
  assert.equal(o.password, 'ghs_workflow');
  assert.deepEqual(masked, ['ghs_workflow']);
});
