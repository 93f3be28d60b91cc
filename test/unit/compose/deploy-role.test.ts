import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployRole, releaseVariables } from '../../../src/compose/deploy-role.js';

const SHA = 'c'.repeat(40);
const opts = { migrateService: 'migrate', perService: { edge: { strategy: 'recreate' as const }, api: { healthUrl: 'http://localhost/health' } } };

describe('what the deploy does with a service', () => {
  const cases: [string, Parameters<typeof deployRole>[0], ReturnType<typeof deployRole>][] = [
    ['the release\'s own image is updated', { name: 'api', image: `ghcr.io/acme/api:sha-${SHA}`, profiles: [] }, 'update'],
    ['an own image with another sha is only converged', { name: 'api', image: `ghcr.io/acme/api:sha-${'d'.repeat(40)}`, profiles: [] }, 'converge'],
    ['a third-party proxy is converged', { name: 'caddy', image: 'caddy:2.8', profiles: [] }, 'converge'],
    ['a service given a strategy is updated whatever its image', { name: 'edge', image: 'caddy:2.8', profiles: [] }, 'update'],
    ['a health URL alone does not make it updated', { name: 'api', image: 'nginx:1', profiles: [] }, 'converge'],
    ['the migration is one-shot', { name: 'migrate', image: `ghcr.io/acme/api:sha-${SHA}`, profiles: [] }, 'one-shot'],
    ['a profiled tool is one-shot', { name: 'tools', image: `ghcr.io/acme/api:sha-${SHA}`, profiles: ['tools'] }, 'one-shot'],
    ['restart "no" is one-shot', { name: 'seed', image: `ghcr.io/acme/api:sha-${SHA}`, profiles: [], restart: 'no' }, 'one-shot'],
  ];
  for (const [name, facts, want] of cases) it(name, () => assert.equal(deployRole(facts, SHA, opts), want));

  it('the release variables carry the tag deployRole looks for', () => {
    assert.deepEqual(releaseVariables(SHA, '/srv/shop'), { IMAGE_TAG: `sha-${SHA}`, COMPOSE_DEPLOY_SHA: SHA, COMPOSE_DEPLOY_PATH: '/srv/shop' });
    assert.equal(releaseVariables(SHA).COMPOSE_DEPLOY_PATH, '/srv/compose-deploy', 'validate renders a placeholder path');
  });
});
