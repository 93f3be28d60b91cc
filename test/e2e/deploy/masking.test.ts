import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessEnv } from '../harness/env.js';
import { fakeGitHub } from '../lib/fake-github.js';
import { hostInputs, runAction, runCli } from '../lib/run-action.js';
import { freePort, randomSha } from './stack.js';

// Every door out goes through the log's mask: the log, the failure message, --json, the GitHub
// deployment status. The secret here is a short env-file value (a port number, 5 characters) that
// the failure message really contains: masked as a whole value, never as a piece of other words.
const h = harnessEnv();
const dir = mkdtempSync(join(tmpdir(), 'cd-mask-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'compose.prod.yaml'), `services:\n  web:\n    image: ${h.busyboxImage}\n`);
writeFileSync(join(dir, 'compose-deploy.yml'), `project: cdmask-${randomBytes(3).toString('hex')}\ncompose:\n  prod:\n    files: [compose.prod.yaml]\n`);

test('the action: a short env-file value is masked in the log, the failure message, the summary and the deployment status', async () => {
  const port = String(await freePort());
  const github = await fakeGitHub();
  let res;
  try {
    res = await runAction(
      { command: 'deploy', sha: randomSha(), 'deploy-path': `${h.deployRoot}/cdmask`, ...hostInputs({ port }), 'env-file': `APP_PORT=${port}\nDEBUG=false\n`, 'github-token': 'ghs_fake_token_for_tests' },
      { workspace: dir, env: { GITHUB_API_URL: github.url } },
    );
  } finally {
    await github.close();
  }
  assert.equal(res.code, 1, res.log);
  assert.match(res.log, /::error::Deploy of [0-9a-f]{40} to deploy@127\.0\.0\.1:\*\*\* did not start: could not connect to 127\.0\.0\.1:\*\*\* over SSH/);
  assert.ok(!res.log.includes(port), 'the value reached the log');
  assert.ok(!res.summary.includes(port) && res.summary.includes('127.0.0.1:***'), res.summary);
  const statuses = github.requests.filter((r) => r.path.endsWith('/statuses')).map((r) => String(r.body['description'] ?? ''));
  assert.ok(statuses.some((d) => d.includes('127.0.0.1:***')), statuses.join('\n'));
  assert.ok(statuses.every((d) => !d.includes(port)), statuses.join('\n'));
  assert.doesNotMatch(res.log, /::add-mask::.*\b(false)\b/, 'booleans are not secrets');
});

test('the CLI: --json output and the log go through the same mask, and the JSON still parses', async () => {
  const port = String(await freePort());
  const envFile = join(dir, 'prod.env');
  writeFileSync(envFile, `APP_PORT=${port}\n`);
  const res = await runCli(
    ['deploy', '--json', '--sha', randomSha(), '--host', h.host, '--port', port, '--user', h.user, '--ssh-private-key-file', h.keyPath, '--known-hosts-file', h.knownHostsPath, '--deploy-path', `${h.deployRoot}/cdmask`, '--env-file-file', envFile],
    { cwd: dir },
  );
  assert.equal(res.code, 1, res.stderr);
  assert.ok(res.json, `stdout is one JSON object: ${res.stdout}`);
  assert.match(res.json.message, /could not connect to 127\.0\.0\.1:\*\*\* over SSH/);
  assert.ok(!res.stdout.includes(port) && !res.stderr.includes(port), res.stdout + res.stderr);
});
