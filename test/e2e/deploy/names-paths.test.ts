import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { hostInputs, runAction, sshArgs } from '../lib/run-action.js';
import { randomSha } from './stack.js';

// Hostile names and paths in a pull request's Compose files and config: refused before anything
// reaches the host (exit 2), while an ordinary stack of the same shape still deploys.
const h = harnessEnv();
const workspaces: string[] = [];
const projects: string[] = [];

after(() => {
  for (const p of projects) {
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
    const nets = execFileSync('docker', ['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${p}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    if (nets.length > 0) execFileSync('docker', ['network', 'rm', ...nets], { stdio: 'ignore' });
    onHost(`rm -rf ${h.deployRoot}/${p}`);
  }
  for (const w of workspaces) rmSync(w, { recursive: true, force: true });
});

const onHost = (command: string) => execFileSync('ssh', sshArgs(command), { encoding: 'utf8' });

function sleeper(name: string): string {
  return `  ${JSON.stringify(name)}:\n    image: ${h.busyboxImage}\n    restart: unless-stopped\n    command: ["sleep", "600"]\n`;
}

/** A workspace with one prod Compose file and a config; returns it with its project and deploy path. */
function workspace(services: string[], deployExtra = ''): { dir: string; project: string; deployPath: string } {
  const project = `cdnames-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'cd-names-'));
  workspaces.push(dir);
  projects.push(project);
  writeFileSync(join(dir, 'compose.prod.yaml'), `services:\n${services.map(sleeper).join('')}`);
  writeFileSync(join(dir, 'compose-deploy.yml'), `project: ${project}\ncompose:\n  prod:\n    files: [compose.prod.yaml]\ndeploy:\n  min-ready-seconds: 0\n${deployExtra}`);
  return { dir, project, deployPath: `${h.deployRoot}/${project}` };
}

const inputs = (deployPath: string) => ({ command: 'deploy', sha: randomSha(), 'deploy-path': deployPath, ...hostInputs() });

const containers = (project: string) =>
  execFileSync('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Label "com.docker.compose.service"}}'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).sort();

const exists = (path: string) => onHost(`test -e ${path} && echo yes || echo no`).trim() === 'yes';

test('a Compose service named like an option is refused with exit 2 and nothing reaches the host', async () => {
  const ws = workspace(['web', '--remove-orphans']);
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, /compose\.prod\.yaml:6:\d+: service name "--remove-orphans" starts with "-"/);
  assert.equal(exists(ws.deployPath), false, 'no deploy directory, no lock, no release');
  assert.deepEqual(containers(ws.project), []);
});

test('a config key naming a service that starts with "-" is refused with exit 2, naming the key', async () => {
  const ws = workspace(['web'], '  order: [web, "-d"]\n');
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, /deploy\.order\[1\]: invalid value "-d"/);
  assert.equal(exists(ws.deployPath), false);
});

test('validate reports a service named like an option as an error at its line', async () => {
  const ws = workspace(['web', '-d']);
  const res = await runAction({ command: 'validate', 'report-file': join(ws.dir, 'report.json') }, { workspace: ws.dir });
  assert.equal(res.code, 1, res.log);
  assert.ok(res.annotations.some((a) => /^::error file=compose\.prod\.yaml,line=6,col=\d+::schema: service name "-d" starts with "-"/.test(a)), res.annotations.join('\n'));
});

test('an ordinary stack (names Compose allows, "." and "_" included) still deploys: each service started by name after "--"', async () => {
  const ws = workspace(['web', 'cache_2', 'v1.api']);
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(res.code, 0, res.log);
  assert.deepEqual(containers(ws.project), ['cache_2', 'v1.api', 'web']);
  // An upload killed outright (no trap ran) left its directory and .env: the next deploy clears it.
  const leftover = `${ws.deployPath}/releases/.incoming-${'e'.repeat(40)}-777`;
  onHost(`mkdir -p ${leftover} && echo DB_PASSWORD=left-behind > ${leftover}/.env && chmod 600 ${leftover}/.env`);
  const next = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(next.code, 0, next.log);
  assert.match(next.log, /removed \.incoming-e{40}-777, left on the host by an upload that was killed/);
  assert.equal(onHost(`ls -A ${ws.deployPath}/releases | grep -c '^\\.incoming-' || true`).trim(), '0');
});

for (const [what, setup] of [
  ['a symbolic link to /proc/self/environ', (dir: string) => symlinkSync('/proc/self/environ', join(dir, 'leak.conf'))],
  ['a symbolic link to a directory outside the repository', (dir: string) => symlinkSync('/proc/self', join(dir, 'leak.conf'))],
] as const) {
  test(`deploy.files with ${what}: exit 2 naming the key, nothing uploaded, the step's environment never on the host`, async () => {
    const ws = workspace(['web'], '  files: [leak.conf]\n');
    setup(ws.dir);
    const canary = `canary-${randomBytes(12).toString('hex')}`;
    const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir, env: { CD_NAMES_CANARY: canary } });
    assert.equal(res.code, 2, res.log);
    assert.match(res.log, /deploy\.files\[0\]: release file "leak\.conf" (resolves, through a symbolic link, to a file outside the repository|is not a regular file); nothing was uploaded/);
    assert.equal(exists(ws.deployPath), false);
    assert.equal(onHost(`grep -rl ${canary} ${h.deployRoot} 2>/dev/null || true`).trim(), '');
  });
}

test('deploy.files with an absolute path: exit 2 naming the key, nothing uploaded', async () => {
  const ws = workspace(['web'], '  files: [/proc/self/environ]\n');
  const canary = `canary-${randomBytes(12).toString('hex')}`;
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir, env: { CD_NAMES_CANARY: canary } });
  assert.equal(res.code, 2, res.log);
  assert.match(res.log, /deploy\.files\[0\]: invalid value "\/proc\/self\/environ"/);
  assert.equal(exists(ws.deployPath), false);
  assert.equal(onHost(`grep -rl ${canary} ${h.deployRoot} 2>/dev/null || true`).trim(), '');
});

test('deploy.files: a symbolic link that stays inside the repository ships the file it points at', async () => {
  const ws = workspace(['web'], '  files: [proxy.conf]\n');
  writeFileSync(join(ws.dir, 'proxy.real.conf'), 'listen 80\n');
  symlinkSync('proxy.real.conf', join(ws.dir, 'proxy.conf'));
  const res = await runAction(inputs(ws.deployPath), { workspace: ws.dir });
  assert.equal(res.code, 0, res.log);
  assert.equal(onHost(`cat ${ws.deployPath}/current/proxy.conf`), 'listen 80\n');
});
