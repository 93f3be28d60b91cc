import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOnHost } from '../../../src/deploy/deploy.js';
import type { DeploySettings } from '../../../src/deploy/deploy-settings.js';
import { MemoryReporter } from '../../../src/report/reporter.js';
import type { CancelSteps } from '../../../src/runtime/cancel-signals.js';
import type { Command, HostRunner, RunResult } from '../../../src/runner/runner.js';

// Deploy and rollback driven through their injected services: a scripted host answers each remote
// step by name (the host scripts' $0, or the Compose subcommand), and records what was sent.
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

/** The release's rendered Compose file: one service on the release's own image (so it is rolled). */
const rendered = (sha: string) => `services:\n  web:\n    image: reg/web:sha-${sha}\n    healthcheck:\n      test: ["CMD", "true"]\n`;

class ScriptedHost implements HostRunner {
  readonly where = 'deploy@host:22';
  readonly sent: string[] = [];
  constructor(private readonly answer: (step: string, cmd: Command) => Partial<RunResult> | undefined) {}
  get commandCount(): number {
    return this.sent.length;
  }
  async run(cmd: Command): Promise<RunResult> {
    const step = stepOf(cmd);
    this.sent.push(step);
    return { code: 0, stdout: '', stderr: '', ...this.answer(step, cmd) };
  }
  async runStream(): Promise<RunResult> {
    throw new Error('no stream in these tests');
  }
  async close(): Promise<void> {}
}

/** "lock", "probe", "unpack"... for a host script; "compose up", "compose config"... for Compose. */
function stepOf(cmd: Command): string {
  if (cmd.argv[0] === 'sh') return cmd.argv[3]!.replace(/^compose-deploy-/, '');
  if (cmd.argv[0] === 'rm') return 'rm current';
  const sub = cmd.argv.find((a, i) => i > 0 && ['config', 'up', 'rm', 'down', 'run'].includes(a) && !cmd.argv[i - 1]!.startsWith('--'));
  return `compose ${sub}`;
}

function probe(current: string | undefined, releases: string[], audit: Array<Record<string, unknown>> = []): string {
  return [
    'docker-version=27.0.1',
    'compose-command=docker compose',
    'compose-version=2.29.0',
    ...(current ? [`current=${current}`] : []),
    ...releases.map((r) => `release=${r}`),
    ...audit.map((r) => `audit=${JSON.stringify(r)}`),
    'free-kb=99999999',
    'docker-root=/var/lib/docker',
    'docker-root-free-kb=99999999',
  ].join('\n');
}

const settings = (over: Partial<DeploySettings> = {}): DeploySettings => ({
  target: { host: 'host', port: 22, user: 'deploy', privateKey: 'k', knownHosts: 'x' },
  deployPath: '/srv/app',
  sha: B,
  project: 'app',
  composeFiles: ['compose.yaml'],
  files: [],
  registry: 'reg',
  order: [],
  healthTimeout: 10,
  minReadySeconds: 0,
  keepReleases: 5,
  lockTimeout: 0,
  staleLockAfter: 3600,
  lockLease: 180,
  forceUnlock: false,
  drainSeconds: 0,
  minFreeDiskMb: 1,
  services: {},
  dryRun: false,
  ...over,
});

const success = (sha: string) => ({ action: 'deploy', sha, startedAt: '2026-01-01T00:00:00Z', result: 'success' });

test('a first deploy whose service never turns healthy removes what it started and current: nothing left running, the lock released', async () => {
  const host = new ScriptedHost((step) => {
    if (step === 'probe') return { stdout: probe(undefined, []) };
    if (step === 'compose config') return { stdout: rendered(B) };
    if (step === 'roll') return { code: 1, stdout: 'reason=timed out waiting for healthy\n' };
    return undefined;
  });
  const reporter = new MemoryReporter();
  const res = await runOnHost(settings(), reporter, {}, { connect: async () => host });
  assert.equal(res.ok, false);
  assert.equal(res.outputs['result'], 'failed');
  assert.match(res.message ?? '', /This was the first deploy: nothing was left running/);
  assert.deepEqual(host.sent, ['lock', 'probe', 'unpack', 'switch', 'compose config', 'pull', 'roll', 'compose down', 'rm current', 'audit', 'unlock']);
  assert.equal(res.outputs['round-trips'], String(host.sent.length - 1), 'every round trip up to the outputs is counted (the unlock comes after)');
});

test('a rollback goes to the kept release asked for: no upload, no migration, current switched, the roll on its images, an audit record with the reason', async () => {
  let audit = '';
  const host = new ScriptedHost((step, cmd) => {
    if (step === 'probe') return { stdout: probe(B, [A, B], [success(A), success(B)]) };
    if (step === 'compose config') return { stdout: rendered(A) };
    if (step === 'audit') audit = cmd.stdin ?? '';
    return undefined;
  });
  const res = await runOnHost(settings({ sha: '' }), new MemoryReporter(), { request: { to: 'aaaa', reason: 'bad release' } }, { connect: async () => host });
  assert.equal(res.ok, true, res.message);
  assert.equal(res.outputs['deployed-sha'], A);
  assert.equal(res.outputs['previous-sha'], B);
  assert.deepEqual(host.sent, ['lock', 'probe', 'kept-release', 'compose config', 'pull', 'switch', 'roll', 'audit', 'unlock']);
  const record = JSON.parse(audit) as Record<string, unknown>;
  assert.equal(record['action'], 'rollback');
  assert.equal(record['reason'], 'bad release');
  assert.equal(record['from'], B);
});

test('a rollback to the release already live changes nothing', async () => {
  const host = new ScriptedHost((step) => (step === 'probe' ? { stdout: probe(A, [A, B], [success(B), success(A)]) } : undefined));
  const res = await runOnHost(settings({ sha: '' }), new MemoryReporter(), { request: { to: A } }, { connect: async () => host });
  assert.equal(res.ok, true);
  assert.deepEqual(host.sent, ['lock', 'probe', 'unlock']);
});

test('cancel during the pull: the marker is left for the host, nothing running is touched, the live release keeps serving, the lock is released', async () => {
  let steps: CancelSteps | undefined;
  const host = new ScriptedHost((step) => {
    if (step === 'probe') return { stdout: probe(A, [A], [success(A)]) };
    if (step === 'compose config') return { stdout: rendered(C) };
    if (step === 'pull') steps!.first!();
    return undefined;
  });
  const reporter = new MemoryReporter();
  let listening = false;
  const res = await runOnHost(settings({ sha: C }), reporter, {}, {
    connect: async () => host,
    onCancel: (s) => {
      steps = s;
      listening = true;
      return () => (listening = false);
    },
  });
  assert.equal(res.ok, false);
  assert.match(res.message ?? '', /the run was cancelled\. No running service was changed\. Release `aaaaaaaaaaaa` is serving, as before\./);
  assert.ok(host.sent.includes('cancel'), 'the cancel marker was sent');
  assert.ok(!host.sent.some((s) => s === 'roll' || s === 'compose up'), host.sent.join(', '));
  assert.deepEqual(host.sent.slice(-2), ['audit', 'unlock']);
  assert.equal(listening, false, 'the signal listener is removed once the run ends');
});

test('the second signal: abandon records the cancel, points current back at the serving release, and releases the lock', async () => {
  let steps: CancelSteps | undefined;
  let abandoned: Promise<void> | undefined;
  const host = new ScriptedHost((step) => {
    if (step === 'probe') return { stdout: probe(A, [A], [success(A)]) };
    if (step === 'compose config') return { stdout: rendered(C) };
    if (step === 'roll' && !abandoned) abandoned = steps!.again();
    return undefined;
  });
  await runOnHost(settings({ sha: C }), new MemoryReporter(), {}, { connect: async () => host, onCancel: (s) => ((steps = s), () => undefined) });
  await abandoned;
  const afterRoll = host.sent.slice(host.sent.indexOf('roll'));
  assert.ok(afterRoll.includes('audit') && afterRoll.includes('unlock'), afterRoll.join(', '));
  assert.ok(afterRoll.filter((s) => s === 'switch').length >= 1, 'current pointed back at the serving release');
});
