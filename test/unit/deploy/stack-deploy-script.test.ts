import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStackImages, stackDeployCommand } from '../../../src/deploy/swarm-commands.js';

/*
 * The stack-deploy host script run by sh against a stand-in `docker` that refuses the first
 * `stack deploy`s the way a manager does while Swarm changes the service itself (its own rollback).
 */
const FAKE_DOCKER = `#!/bin/sh
echo "$*" >> "$FAKE_LOG"
case "$1 $2" in
  "stack deploy")
    n=$(cat "$FAKE_COUNT" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$FAKE_COUNT"
    if [ "$n" -le "$FAKE_FAILS" ]; then echo "failed to update service s_api: Error response from daemon: rpc error: code = Unknown desc = $FAKE_ERROR" >&2; exit 1; fi
    echo "Updating service s_api" ;;
  "stack services") echo id1 ;;
  "service inspect") echo "image=s s_api reg/api@sha256:abc" ;;
esac
`;

function run(fails: number, error: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cd-stack-deploy-'));
  try {
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'release'));
    writeFileSync(join(dir, 'release', 'compose.yaml'), 'version: "3.8"\nservices: {}\n');
    writeFileSync(join(dir, 'bin', 'docker'), FAKE_DOCKER);
    chmodSync(join(dir, 'bin', 'docker'), 0o755);
    const cmd = stackDeployCommand({ dir: join(dir, 'release'), files: [join(dir, 'release', 'compose.yaml')] }, 's', 'services: {}');
    const env = { PATH: `${join(dir, 'bin')}:${process.env['PATH']}`, FAKE_LOG: join(dir, 'log'), FAKE_COUNT: join(dir, 'count'), FAKE_FAILS: String(fails), FAKE_ERROR: error };
    const res = spawnSync(cmd.argv[0]!, cmd.argv.slice(1), { env, encoding: 'utf8' });
    const deploys = readFileSync(join(dir, 'log'), 'utf8').split('\n').filter((l) => l.startsWith('stack deploy ')).length;
    return { code: res.status, stdout: res.stdout, stderr: res.stderr, deploys };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a stack deploy refused as out of sequence is read again and retried, then reports the pinned images', () => {
  const r = run(2, 'update out of sequence');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.deploys, 3);
  assert.equal(r.stdout.match(/^retried=out-of-sequence$/gm)?.length, 2);
  assert.match(r.stdout, /^deployed=yes$/m);
  assert.equal(parseStackImages(r.stdout, 's').get('api'), 'reg/api@sha256:abc');
  assert.match(r.stderr, /out of sequence/);
});

test('any other refusal fails at once, with the manager\'s words on stderr', () => {
  const r = run(1, 'image reg/api not found');
  assert.equal(r.code, 1);
  assert.equal(r.deploys, 1);
  assert.match(r.stdout, /^deployed=no$/m);
  assert.doesNotMatch(r.stdout, /retried=/);
  assert.match(r.stderr, /image reg\/api not found/);
});
