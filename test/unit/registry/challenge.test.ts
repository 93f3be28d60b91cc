import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChallenges } from '../../../src/registry/challenge.js';
import { pickChallenge } from '../../../src/registry/client.js';

const cases: { header: string; want: { scheme: string; params: Record<string, string> }[] }[] = [
  { header: 'Basic realm="compose-deploy-test-registry"', want: [{ scheme: 'basic', params: { realm: 'compose-deploy-test-registry' } }] },
  {
    header: 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/shop/api:pull"',
    want: [{ scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:acme/shop/api:pull' } }],
  },
  { header: 'bearer realm=https://auth.example/token, service=registry.example', want: [{ scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example' } }] },
  { header: 'Bearer realm="a\\"b",scope="repository:x:pull,push"', want: [{ scheme: 'bearer', params: { realm: 'a"b', scope: 'repository:x:pull,push' } }] },
  {
    header: 'Basic realm="r1", Bearer realm="https://t", service="s"',
    want: [
      { scheme: 'basic', params: { realm: 'r1' } },
      { scheme: 'bearer', params: { realm: 'https://t', service: 's' } },
    ],
  },
  { header: 'Negotiate', want: [{ scheme: 'negotiate', params: {} }] },
  { header: '', want: [] },
];

for (const c of cases) {
  test(`parseChallenges(${JSON.stringify(c.header)})`, () => {
    assert.deepEqual(parseChallenges(c.header), c.want);
  });
}

test('pickChallenge prefers Bearer, then Basic, ignores other schemes', () => {
  assert.equal(pickChallenge(parseChallenges('Basic realm="r", Bearer realm="https://t"'))?.scheme, 'bearer');
  assert.equal(pickChallenge(parseChallenges('Negotiate, Basic realm="r"'))?.scheme, 'basic');
  assert.equal(pickChallenge(parseChallenges('Negotiate')), undefined);
});
