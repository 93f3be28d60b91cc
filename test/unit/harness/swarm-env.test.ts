// The reader of the harness swarm's swarm.json (test/e2e/harness/swarm-env.ts): a malformed file is
// reported with the key and the script to re-run, never read as a half-filled SwarmEnv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSwarmEnv } from '../../e2e/harness/swarm-env.js';

const GOOD = {
  CD_SWARM_HOST: '127.0.0.1',
  CD_SWARM_PORT: 2230,
  CD_SWARM_USER: 'deploy',
  CD_SWARM_KEY: '/state/ssh/id_ed25519',
  CD_SWARM_KNOWN_HOSTS: '/state/swarm/known_hosts',
  CD_SWARM_KNOWN_HOSTS_WRONG: '/state/swarm/known_hosts.wrong',
  CD_SWARM_HOST_KEY_FINGERPRINT: 'SHA256:abc',
  CD_SWARM_MANAGER: 'cdtest-swarm-1',
  CD_SWARM_NETWORK: 'cdtest-swarm',
  CD_SWARM_GATEWAY: '172.27.0.1',
  CD_SWARM_REGISTRY: '127.0.0.1:5000',
  CD_SWARM_NODE_IMAGE: 'compose-deploy-test/swarm-node:0123456789ab',
  CD_SWARM_DEPLOY_ROOT: '/srv/compose-deploy-tests',
  CD_SWARM_NODES: [
    { name: 'cdtest-swarm-1', address: '172.27.0.11', role: 'manager' },
    { name: 'cdtest-swarm-2', address: '172.27.0.12', role: 'worker' },
  ],
};

test('a complete swarm.json reads into every field', () => {
  const env = parseSwarmEnv(GOOD, 'swarm.json');
  assert.equal(env.port, 2230);
  assert.equal(env.manager, 'cdtest-swarm-1');
  assert.equal(env.registry, '127.0.0.1:5000');
  assert.deepEqual(env.nodes.map((n) => `${n.name} ${n.address} ${n.role}`), [
    'cdtest-swarm-1 172.27.0.11 manager',
    'cdtest-swarm-2 172.27.0.12 worker',
  ]);
});

const BAD: [string, unknown, RegExp][] = [
  ['not an object', [], /not a JSON object/],
  ['a missing string', { ...GOOD, CD_SWARM_KEY: undefined }, /CD_SWARM_KEY is missing/],
  ['an empty string', { ...GOOD, CD_SWARM_REGISTRY: '' }, /CD_SWARM_REGISTRY is missing/],
  ['a port as text', { ...GOOD, CD_SWARM_PORT: '2230' }, /CD_SWARM_PORT is not a port number/],
  ['a port out of range', { ...GOOD, CD_SWARM_PORT: 70000 }, /CD_SWARM_PORT is not a port number/],
  ['no nodes', { ...GOOD, CD_SWARM_NODES: [] }, /CD_SWARM_NODES is not a list/],
  ['a node without an address', { ...GOOD, CD_SWARM_NODES: [{ name: 'cdtest-swarm-1', role: 'manager' }] }, /CD_SWARM_NODES\[0\]/],
  ['a node of another role', { ...GOOD, CD_SWARM_NODES: [{ name: 'cdtest-swarm-1', address: 'a', role: 'leader' }] }, /CD_SWARM_NODES\[0\]/],
  ['a manager missing from the nodes', { ...GOOD, CD_SWARM_MANAGER: 'cdtest-swarm-9' }, /the manager cdtest-swarm-9 is not among/],
  ['the manager listed as a worker', { ...GOOD, CD_SWARM_MANAGER: 'cdtest-swarm-2' }, /the manager cdtest-swarm-2 is not among/],
];
for (const [what, json, message] of BAD) {
  test(`swarm.json with ${what} is refused, naming swarm-up.sh`, () => {
    assert.throws(() => parseSwarmEnv(json, 'swarm.json'), (err: Error) => message.test(err.message) && /swarm-up\.sh/.test(err.message) && err.message.startsWith('swarm.json'));
  });
}
