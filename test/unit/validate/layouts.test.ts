import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, validateDir } from './helpers.js';

// The seed layouts a team actually has: each loads, renders and passes the production rules, with no
// warning for the third-party proxy's fixed ports (the deploy just starts it, it never runs two).
const LAYOUTS = [
  { dir: 'base-prod-override', sets: { dev: ['docker-compose.yml'], prod: ['docker-compose.yml', 'docker-compose.prod.yml'] } },
  { dir: 'standalone-prod', sets: { prod: ['docker-compose.prod.yml'] } },
  { dir: 'dev-override', sets: { dev: ['docker-compose.yml', 'docker-compose.override.yml'], prod: ['docker-compose.yml', 'docker-compose.prod.yml'] } },
  { dir: 'django-celery', sets: { dev: ['compose.yaml', 'compose.dev.yaml'], prod: ['compose.yaml', 'compose.prod.yaml'] } },
  { dir: 'fastapi-caddy', sets: { dev: ['compose.yaml', 'compose.override.yaml'], prod: ['compose.yaml', 'compose.prod.yaml'] } },
] as const;

describe('seed layouts', () => {
  for (const l of LAYOUTS) {
    it(`${l.dir}: takes the expected files and finds nothing`, async () => {
      const { report, findings, result } = await validateDir(join(FIXTURES, 'layouts', l.dir));
      assert.deepEqual(Object.fromEntries(report.sets.map((s: { name: string; files: string[] }) => [s.name, s.files])), l.sets);
      assert.deepEqual(findings, []);
      assert.equal(result.ok, true);
      assert.equal(report.renderer.kind, 'schema');
    });
  }

  it('fastapi-caddy: drift lists the dev-only database and the prod-only proxy', async () => {
    const { report, result } = await validateDir(join(FIXTURES, 'layouts', 'fastapi-caddy'));
    assert.deepEqual(report.drift.map((d: { service: string; difference: string }) => `${d.service}: ${d.difference}`), ['caddy: only in prod', 'db: only in dev']);
    assert.match(result.summary!, /#### Drift between dev and prod/);
    assert.match(result.summary!, /\| `db` \| `postgres:16` \| {2}\| only in dev \|/);
  });

  it('django-celery: the dev image and the registry image differ in repository', async () => {
    const { report } = await validateDir(join(FIXTURES, 'layouts', 'django-celery'));
    const rows = report.drift.filter((d: { difference: string }) => d.difference === 'image repository differs').map((d: { service: string }) => d.service);
    assert.deepEqual(rows, ['beat', 'migrate', 'web', 'worker']);
  });

  it('the summary has one table per set with rule, file:line and message', async () => {
    const { result } = await validateDir(join(FIXTURES, 'rules', 'image-pinned', 'bad'));
    assert.match(result.summary!, /#### prod: docker-compose\.prod\.yml \(found by convention\)/);
    assert.match(result.summary!, /\| error \| `image-pinned` \| `docker-compose\.prod\.yml:3:5` \| service "db": third-party image "postgres" has no tag/);
  });
});
