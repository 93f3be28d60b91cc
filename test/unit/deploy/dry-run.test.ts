import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploySettings } from '../../../src/deploy/deploy-settings.js';
import { deployKind } from '../../../src/deploy/deploy-command.js';
import { printPlan } from '../../../src/deploy/dry-run.js';
import { MemoryReporter } from '../../../src/report/reporter.js';

const ds = {
  target: { host: '203.0.113.7', port: 22, user: 'deploy', privateKey: 'k', insecureSkipHostKeyCheck: false },
  deployPath: '/srv/shop',
  sha: 'a'.repeat(40),
  project: 'shop',
  composeFiles: ['compose.yaml'],
  files: [],
  registry: 'ghcr.io',
  order: ['api', 'worker'],
  migrate: { service: 'migrate', command: ['--fake'] },
  healthTimeout: 60,
  minReadySeconds: 5,
  keepReleases: 5,
  lockTimeout: 300,
  staleLockAfter: 3600,
  forceUnlock: false,
  drainSeconds: 2,
  minFreeDiskMb: 500,
  services: {},
  dryRun: true,
} as unknown as DeploySettings;

test('dry-run: the plan is built by the same checked builders, with "--" before every service name', () => {
  const res = printPlan(ds, deployKind(ds).plan, new MemoryReporter());
  const plan = res.outputs['plan']!;
  assert.match(plan, / run --rm -T --no-deps -- migrate --fake/);
  assert.match(plan, / up -d --no-deps -- THIRD_PARTY_SERVICES\.\.\./);
  assert.match(plan, /compose-deploy-roll api 1 /);
});
