import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drillLivenessWarning } from '../../../src/restore/drill-liveness.js';
import { fakeGitHub } from '../../e2e/lib/fake-github.js';

const DAY = 86400_000;

test('drill liveness through the REST API (local stand-in): recent, stale, never, and no such workflow', async () => {
  const github = await fakeGitHub();
  const now = Date.parse('2026-11-29T00:00:00Z');
  const target = { token: 'ghs_x', apiUrl: github.url, repository: 'acme/shop', workflow: 'restore-test.yml', warnAfterSeconds: 100 * 86400 };
  try {
    github.workflowRuns.set('restore-test.yml', [{ run_started_at: new Date(now - 30 * DAY).toISOString() }]);
    assert.equal(await drillLivenessWarning(target, now), undefined);
    github.workflowRuns.set('restore-test.yml', [{ run_started_at: new Date(now - 120 * DAY).toISOString() }]);
    assert.match((await drillLivenessWarning(target, now))!, /ran 120d 0h ago .*longer than restore-test\.warn-after: GitHub disables scheduled workflows after 60 days/);
    github.workflowRuns.set('restore-test.yml', []);
    assert.match((await drillLivenessWarning(target, now))!, /no successful run of the restore test/);
    assert.match((await drillLivenessWarning({ ...target, workflow: 'drill.yml' }, now))!, /no restore-test workflow drill\.yml in acme\/shop/);
    const sent = github.requests.at(-1)!;
    assert.equal(sent.path, '/repos/acme/shop/actions/workflows/drill.yml/runs?status=success&per_page=1');
    assert.match(sent.authorization ?? '', /ghs_x/);
  } finally {
    await github.close();
  }
});
