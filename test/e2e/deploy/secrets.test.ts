import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ExampleStack, freePort, randomSha } from './stack.js';
import { runAction, sshArgs, type ActionRun } from '../lib/run-action.js';
import { fakeGitHub } from '../lib/fake-github.js';

// Where a secret could leak besides the log (masking.test.ts): the host's process list while a
// deploy and a rollback run, the audit log, the GitHub deployment statuses, and the files the runs
// leave on the host. The runner and the host are one machine here, so one process list shows both.
const run = promisify(execFile);
const A = { sha: randomSha(), label: 'A' };
const B = { sha: randomSha(), label: 'B' };
const PASSPHRASE = `pass-${randomBytes(12).toString('hex')}`;
const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
const APP_SECRET = `app-${randomBytes(16).toString('hex')}`;
const marker = `compose-deploy-secrets-test-${randomBytes(4).toString('hex')}`;
let stack: ExampleStack;
let keyFile: string;

before(async () => {
  stack = new ExampleStack(await freePort());
  keyFile = join(stack.workspace, '.deploy-key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-C', marker, '-f', keyFile]);
  execFileSync('ssh', sshArgs('cat >> ~/.ssh/authorized_keys'), { input: readFileSync(`${keyFile}.pub`) });
  for (const v of [A, B]) stack.buildAndPush(v);
});
after(() => {
  execFileSync('ssh', sshArgs(`sed -i '/${marker}/d' ~/.ssh/authorized_keys`));
  stack?.destroy();
});

/** Every secret the runs are given, by name: the key's own lines, its passphrase, the registry password (and the form docker stores it in), the token, the env file's secret values. */
function secrets(): Record<string, string> {
  const out: Record<string, string> = {
    passphrase: PASSPHRASE,
    'registry password': stack.h.registryPassword,
    'registry auth (base64 user:password)': Buffer.from(`${stack.h.registryUser}:${stack.h.registryPassword}`).toString('base64'),
    'workflow token': TOKEN,
    'env-file DB_PASSWORD': stack.dbPassword,
    'env-file APP_SECRET': APP_SECRET,
  };
  readFileSync(keyFile, 'utf8').split('\n').filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l)).forEach((l, i) => (out[`SSH key line ${i + 1}`] = l));
  return out;
}

const found = (text: string) => Object.entries(secrets()).filter(([, v]) => text.includes(v)).map(([k]) => k);

/** Samples `ps -eo user,args` every ~50 ms: the deploy user's processes and Docker's and Compose's, whoever runs them. */
function sampleProcesses(extra: string[] = []) {
  const leaks = new Set<string>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { stdout } = await run('ps', ['-eo', 'user:32,args', '--no-headers'], { maxBuffer: 64 * 1024 * 1024 });
      const watched = stdout.split('\n').filter((l) => /^deploy\s/.test(l) || /docker|compose|containerd|runc|dist\/(index|cli)\.js/.test(l));
      samples++;
      for (const line of watched) {
        for (const name of found(line)) leaks.add(`${name}: ${line.slice(0, 200)}`);
        for (const e of extra) if (line.includes(e)) leaks.add(`control ${e}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { leaks: [...leaks], samples };
    },
  };
}

function withSecrets(inputs: Record<string, string>): Record<string, string> {
  return {
    ...inputs,
    'ssh-private-key': readFileSync(keyFile, 'utf8'),
    'ssh-passphrase': PASSPHRASE,
    'env-file': `${inputs['env-file']}APP_SECRET=${APP_SECRET}\n`,
    'github-token': TOKEN,
  };
}

test('control: the sampler sees an argument of a process the deploy user runs', async () => {
  const word = `control-${randomBytes(6).toString('hex')}`;
  const sampler = sampleProcesses([word]);
  // Not execFileSync: the sampler runs on this process's event loop.
  await run('ssh', sshArgs(`sh -c 'sleep 2' ${word}`));
  const { leaks, samples } = await sampler.stop();
  assert.ok(samples >= 3, `${samples} samples`);
  assert.deepEqual(leaks, [`control ${word}`]);
});

test('a first deploy, a rolling deploy with a migration, and a rollback: no secret in the process list, the audit log, the deployment statuses, the log, or any file left on the host but the 0600 .env', async () => {
  const github = await fakeGitHub();
  const sampler = sampleProcesses();
  const runs: ActionRun[] = [];
  try {
    for (const v of [A, B]) runs.push(await runAction(withSecrets(stack.inputs(v.sha)), { workspace: stack.workspace, env: { GITHUB_API_URL: github.url } }));
    runs.push(await runAction(withSecrets({ ...stack.inputs(''), command: 'rollback', to: A.sha, reason: 'secrets sweep' }), { workspace: stack.workspace, env: { GITHUB_API_URL: github.url } }));
  } finally {
    await github.close();
  }
  const { leaks, samples } = await sampler.stop();
  runs.forEach((r, i) => assert.equal(r.code, 0, `run ${i + 1}: ${r.log.slice(-2000)}`));
  assert.equal(stack.current(), A.sha);
  assert.ok(samples >= 50, `the process list was sampled through the runs (${samples} samples)`);
  assert.deepEqual(leaks, [], 'a secret in a process\'s arguments');

  runs.forEach((r, i) => assert.deepEqual(found(r.log + r.summary + JSON.stringify(r.outputs)), [], `run ${i + 1}'s log, summary or outputs`));
  assert.deepEqual(found(stack.onHost(`cat ${stack.deployPath}/releases.jsonl`)), [], 'the audit log');
  const bodies = github.requests.map((r) => JSON.stringify(r.body));
  assert.ok(bodies.length >= 6, `the deployment and its statuses were sent (${bodies.length} requests)`);
  assert.deepEqual(found(bodies.join('\n')), [], 'the GitHub deployment and its statuses');

  // Every file under the deploy path but the releases' .env, read as the deploy user.
  const files = stack.onHost(`find ${stack.deployPath} -type f ! -name .env`).trim().split('\n').filter(Boolean);
  assert.ok(files.length >= 4, files.join('\n'));
  for (const f of files) assert.deepEqual(found(stack.onHost(`cat '${f}'`)), [], f);
  const envs = stack.onHost(`find ${stack.deployPath} -type f -name .env -printf '%m %p\\n'`).trim().split('\n');
  assert.equal(envs.length, 2, envs.join('\n'));
  for (const line of envs) assert.match(line, /^600 /, line);
  // What the host scripts made in /tmp (the registry login's DOCKER_CONFIG, pull errors) is gone with its secret.
  const tmp = await stack.lingeringSecrets('/tmp -maxdepth 3 -user "$(id -un)"', [stack.h.registryPassword, secrets()['registry auth (base64 user:password)']!]);
  assert.deepEqual(tmp, [], 'a registry login left in /tmp');
});
