import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessComposeCommand, harnessEnv } from '../harness/env.js';
import { REPO_ROOT, hostInputs, runAction, runCli, spawnCollect, sshArgs } from '../lib/run-action.js';

const h = harnessEnv();
const deployPath = `${h.deployRoot}/foundation-${process.pid}`;
// The tests that prove nothing reached the host hand the tool the harness's probe key, which no other
// file uses: the sshd log names the key of every login, so other files' logins beside these are not counted.
const logins = () => readFileSync(h.sshdLog, 'utf8').split('\n').filter((l) => l.includes('Accepted publickey') && l.includes(h.probeKeyFingerprint)).length;
const probeInputs = (overrides: Record<string, string> = {}) => hostInputs({ 'ssh-private-key': readFileSync(h.probeKeyPath, 'utf8'), ...overrides });
const onHost = (cmd: string) => execFileSync('ssh', sshArgs(cmd), { encoding: 'utf8' });
const cliHostFlags = (knownHosts = h.knownHostsPath, key = h.keyPath) => [
  '--host', h.host, '--port', String(h.port), '--user', h.user,
  '--ssh-private-key-file', key, '--known-hosts-file', knownHosts, '--deploy-path', deployPath,
];

before(() => onHost(`rm -rf ${deployPath}`));
after(() => onHost(`rm -rf ${deployPath}`));

test('action: releases reports the host\'s Docker and Compose over a pinned SSH connection', async () => {
  const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...hostInputs() });
  assert.equal(res.code, 0, res.stdout + res.stderr);
  const server = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
  assert.equal(res.outputs['docker-version'], server);
  assert.equal(res.outputs['compose-command'], harnessComposeCommand());
  assert.equal(res.outputs['compose-version'], h.composeVersion);
  assert.equal(res.outputs['current-sha'], '');
  assert.deepEqual(JSON.parse(res.outputs['releases']!), []);
  assert.match(res.summary, new RegExp(`### Releases on deploy@127\\.0\\.0\\.1:${h.port}`));
  assert.match(res.summary, new RegExp(`Docker ${server.replace(/[.+]/g, '\\$&')}`));
  assert.ok(res.summary.includes(`Compose ${h.compose} (\`${harnessComposeCommand()}\` ${h.composeVersion})`), res.summary);
  assert.match(res.summary, /No releases kept yet/);
  assert.ok(!res.log.includes('PRIVATE KEY'), 'the key never reaches the log');
});

test('action: kept releases and the live one are listed, newest first', async () => {
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  const audit = [
    { action: 'deploy', sha: a, actor: 'alice', startedAt: '2026-11-01T10:00:00Z', finishedAt: '2026-11-01T10:01:00Z', result: 'success' },
    { action: 'deploy', sha: b, previousSha: a, actor: 'bob', startedAt: '2026-11-02T10:00:00Z', finishedAt: '2026-11-02T10:01:00Z', result: 'success' },
  ].map((r) => JSON.stringify(r)).join('\n');
  onHost(`mkdir -p ${deployPath}/releases/${a} ${deployPath}/releases/${b} && ln -sfn releases/${b} ${deployPath}/current && printf '%s\\n' '${audit}' > ${deployPath}/releases.jsonl`);
  try {
    const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...hostInputs() });
    assert.equal(res.code, 0, res.stdout);
    assert.equal(res.outputs['current-sha'], b);
    const releases = JSON.parse(res.outputs['releases']!);
    assert.deepEqual(releases.map((r: { sha: string; current: boolean; actor: string }) => [r.sha, r.current, r.actor]), [[b, true, 'bob'], [a, false, 'alice']]);
    assert.match(res.summary, /\*\*live\*\*/);
  } finally {
    onHost(`rm -rf ${deployPath}`);
  }
});

test('cli: releases --json prints one JSON object with the same facts', async () => {
  const res = await runCli(['releases', ...cliHostFlags(), '--json']);
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.json.ok, true);
  assert.equal(res.json.command, 'releases');
  assert.equal(res.json.outputs['compose-command'], harnessComposeCommand());
  assert.match(res.json.outputs['docker-version'], /^\d+\.\d+/);
  assert.match(res.stderr, new RegExp(`connecting to deploy@127\\.0\\.0\\.1:${h.port}`), 'logs go to stderr');
});

test('the committed dist/cli.js and its chunks alone, with nothing installed beside them, run releases', async () => {
  // A folder outside the repository: no node_modules to resolve from, as on a clean checkout.
  const bare = mkdtempSync(join(tmpdir(), 'cd-bare-cli-'));
  try {
    copyFileSync(join(REPO_ROOT, 'dist/cli.js'), join(bare, 'cli.js'));
    // Each command is a chunk the entry loads when it runs (scripts/build.mjs).
    cpSync(join(REPO_ROOT, 'dist/chunks/cli'), join(bare, 'chunks/cli'), { recursive: true });
    writeFileSync(join(bare, 'package.json'), '{"type":"module"}\n');
    const res = await spawnCollect(h.node24, [join(bare, 'cli.js'), 'releases', ...cliHostFlags(), '--json'], { cwd: bare });
    assert.equal(res.code, 0, res.stderr);
    const json = JSON.parse(res.stdout);
    assert.equal(json.ok, true);
    assert.equal(json.outputs['compose-command'], harnessComposeCommand());
    assert.match(json.outputs['docker-version'], /^\d+\.\d+/);
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
});

test('hashed known_hosts lines and a SHA256 fingerprint pin work too', async () => {
  const hashed = await runCli(['releases', ...cliHostFlags(h.knownHostsHashedPath), '--json']);
  assert.equal(hashed.code, 0, hashed.stderr);
  const flags = cliHostFlags().filter((_, i, all) => all[i] !== '--known-hosts-file' && all[i - 1] !== '--known-hosts-file');
  const fp = await runCli(['releases', ...flags, '--host-key-fingerprint', h.hostKeyFingerprint, '--json']);
  assert.equal(fp.code, 0, fp.stderr);
});

test('control: a login with the probe key is counted, so the tests below that count none can fail', async () => {
  const before = logins();
  const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...probeInputs() });
  assert.equal(res.code, 0, res.stdout);
  assert.ok(logins() > before, 'the probe key\'s login is in the sshd log');
});

test('a wrong host key fails before anything runs on the host (action and CLI)', async () => {
  const before = logins();
  const action = await runAction({ command: 'releases', 'deploy-path': deployPath, ...probeInputs({ 'known-hosts': readFileSync(h.knownHostsWrongPath, 'utf8') }) });
  assert.equal(action.code, 1);
  assert.match(action.stdout, new RegExp(`::error::host key for \\[127\\.0\\.0\\.1\\]:${h.port} did not match known-hosts`));
  assert.match(action.stdout, /Nothing was run on the host/);
  assert.equal(action.outputs['docker-version'], undefined);
  const cli = await runCli(['releases', ...cliHostFlags(h.knownHostsWrongPath, h.probeKeyPath), '--json']);
  assert.equal(cli.code, 1);
  assert.match(cli.json.error, /did not match known-hosts/);
  assert.equal(logins(), before, 'no SSH session was ever authenticated');
});

test('a missing host key pin is refused before connecting', async () => {
  const before = logins();
  const res = await runAction({ command: 'releases', 'deploy-path': deployPath, ...probeInputs({ 'known-hosts': '' }) });
  assert.equal(res.code, 2);
  assert.match(res.stdout, /missing input "known-hosts"/);
  assert.equal(logins(), before);
});

test('bad input: unknown command, missing inputs, typo in the config file; exit 2, nothing executed', async () => {
  const before = logins();
  const unknown = await runAction({ command: 'deplyo', ...probeInputs() });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stdout, /unknown command "deplyo"; did you mean "deploy"\?/);

  const missing = await runAction({ command: 'releases', host: h.host });
  assert.equal(missing.code, 2);
  assert.match(missing.stdout, /needs inputs "user".*"ssh-private-key".*"deploy-path"/);

  const workspace = mkdtempSync(join(tmpdir(), 'cd-ws-'));
  try {
    writeFileSync(join(workspace, 'compose-deploy.yml'), `project: shop\nhost:\n  adress: ${h.host}\n`);
    const typo = await runAction({ command: 'releases', ...probeInputs() }, { workspace });
    assert.equal(typo.code, 2);
    assert.ok(
      typo.annotations.some((a) => /^::error file=compose-deploy\.yml,line=3,col=3::.*unknown key "host\.adress"; did you mean "address"\?/.test(a)),
      typo.stdout,
    );
    const cli = await runCli(['releases', '--json'], { cwd: workspace });
    assert.equal(cli.code, 2);
    assert.match(cli.stderr, /compose-deploy\.yml:3:3: unknown key "host\.adress"/);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  const cliUnknownFlag = await runCli(['releases', '--hots', 'x']);
  assert.equal(cliUnknownFlag.code, 2);
  assert.match(cliUnknownFlag.stderr, /unknown option --hots; did you mean --host\?/);
  assert.equal(logins(), before, 'bad input never reaches the host');
});

test('dry-run prints the remote command and connects to nothing', async () => {
  const before = logins();
  const res = await runCli(['releases', ...cliHostFlags(undefined, h.probeKeyPath), '--dry-run']);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stderr, new RegExp(`dry-run: would run on deploy@127\\.0\\.0\\.1:${h.port}:\\n {2}sh -c '`));
  assert.equal(logins(), before);
});
