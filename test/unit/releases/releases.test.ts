import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../../src/config/settings.js';
import { runCommand } from '../../../src/engine/handlers.js';
import { MemoryReporter } from '../../../src/report/reporter.js';
import { ScriptedHost } from '../deploy/scripted-host.js';

const OLD = '1'.repeat(40);
const NEW = '2'.repeat(40);

test('releases reads the host through the injected connection: the live release, what can be rolled back to, which images are still there', async () => {
  const settings = resolveSettings({
    explicit: { command: 'releases', host: 'deploy.example', user: 'deploy', 'ssh-private-key': 'unused', 'deploy-path': '/srv/shop', 'host-key-fingerprint': `SHA256:${'A'.repeat(43)}` },
    env: {},
    cwd: mkdtempSync(join(tmpdir(), 'cd-releases-')),
  });
  const audit = (sha: string, images: string[]) => `audit=${JSON.stringify({ action: 'deploy', sha, startedAt: '2026-11-01T10:00:00Z', result: 'success', images })}`;
  const host = new ScriptedHost([
    {
      label: 'probe',
      answer: { stdout: ['docker-version=27.3.1', 'compose-command=docker-compose', 'compose-version=1.29.2', `current=${NEW}`, `release=${OLD}`, `release=${NEW}`, audit(OLD, ['shop/api:sha-1']), audit(NEW, ['shop/api:sha-2']), ''].join('\n') },
    },
    { label: 'images', answer: { stdout: 'present=shop/api:sha-2\n' } },
  ]);
  let closed = false;
  host.close = async () => void (closed = true);
  const result = await runCommand(settings, new MemoryReporter(), { connectHost: async () => host });
  assert.deepEqual(host.problems, []);
  assert.deepEqual(host.sent[1]!.command.argv.slice(-2).sort(), ['shop/api:sha-1', 'shop/api:sha-2'], 'one round trip asks for every image the kept releases run');
  assert.equal(closed, true, 'the connection is closed');
  assert.equal(result.ok, true);
  assert.equal(result.outputs['current-sha'], NEW);
  assert.equal(result.outputs['compose-command'], 'docker-compose');
  const releases = JSON.parse(result.outputs['releases']!) as { sha: string; current: boolean; imagesOnHost?: boolean }[];
  assert.deepEqual(releases.map((r) => [r.sha, r.current, r.imagesOnHost]), [[NEW, true, true], [OLD, false, false]]);
  assert.match(result.summary ?? '', /some pruned: a rollback pulls them/);
});
