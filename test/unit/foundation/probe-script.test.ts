import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseProbe, probeCommand } from '../../../src/host/probe.js';

/*
 * The probe script itself, run by sh against a scripted `docker` (and `docker-compose`) on PATH that
 * logs every call: which Compose it reports, and how many times it starts one to learn it.
 */
interface Host {
  /** What `docker info --format` prints for the probe's two-line template, or undefined: the template is refused. */
  infoWithPlugins?: string;
  /** What it prints for the daemon-only template, or undefined: no daemon. */
  infoDaemonOnly?: string;
  /** `docker compose version --short`'s answer, or undefined: no v2 plugin. */
  composeV2?: string;
  /** `docker-compose version --short`'s answer, or undefined: no v1. */
  composeV1?: string;
}

function probeOn(host: Host): { facts: ReturnType<typeof parseProbe>; calls: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'probe-script-'));
  const log = join(dir, 'calls');
  writeFileSync(log, '');
  const answer = (v: string | undefined) => (v === undefined ? 'exit 1' : `printf '%s\\n' '${v}'`);
  writeFileSync(join(dir, 'docker'), `#!/bin/sh
echo "docker $*" >> '${log}'
case "$1 $2" in
  "info --format")
    case "$3" in
      *ClientInfo.Plugins*) ${host.infoWithPlugins === undefined ? 'echo "template: no such field" >&2; exit 1' : answer(host.infoWithPlugins)} ;;
      *) ${answer(host.infoDaemonOnly)} ;;
    esac ;;
  "compose version") ${answer(host.composeV2)} ;;
  "ps --filter") exit 0 ;;
  *) exit 1 ;;
esac
`);
  chmodSync(join(dir, 'docker'), 0o755);
  if (host.composeV1 !== undefined) {
    writeFileSync(join(dir, 'docker-compose'), `#!/bin/sh\necho "docker-compose $*" >> '${log}'\n${answer(host.composeV1)}\n`);
    chmodSync(join(dir, 'docker-compose'), 0o755);
  }
  const [, , script, ...args] = probeCommand(join(dir, 'deploy'), 'p').argv;
  const stdout = execFileSync('sh', ['-c', script!, ...args], { encoding: 'utf8', env: { PATH: `${dir}:/usr/bin:/bin` } });
  return { facts: parseProbe(stdout), calls: readFileSync(log, 'utf8').trim().split('\n') };
}

const DAEMON = '27.3.1 inactive false /var/lib/docker';

describe('the probe script learns the Compose of the host', () => {
  it('Compose v2: its version from the plugin list docker info already read; Compose is not started again', () => {
    const { facts, calls } = probeOn({ infoWithPlugins: `${DAEMON}\nplugin=v2.29.7`, composeV2: '2.29.7', composeV1: '1.29.2' });
    assert.equal(facts.composeCommand, 'docker compose');
    assert.equal(facts.composeVersion, '2.29.7');
    assert.equal(facts.dockerVersion, '27.3.1');
    assert.equal(facts.dockerRoot, '/var/lib/docker');
    assert.deepEqual(calls.filter((c) => /version --short/.test(c)), []);
  });

  it('no v2 plugin listed: v2 is asked, then v1, each once', () => {
    const { facts, calls } = probeOn({ infoWithPlugins: `${DAEMON}\nplugin=`, composeV1: '1.29.2' });
    assert.equal(facts.composeCommand, 'docker-compose');
    assert.equal(facts.composeVersion, '1.29.2');
    assert.deepEqual(calls.filter((c) => /version/.test(c)), ['docker compose version --short', 'docker-compose version --short']);
  });

  it('a docker CLI that refuses the plugin template: the daemon facts from the old template, Compose asked itself', () => {
    const { facts } = probeOn({ infoDaemonOnly: DAEMON, composeV2: '2.20.2' });
    assert.equal(facts.dockerVersion, '27.3.1');
    assert.equal(facts.dockerRoot, '/var/lib/docker');
    assert.equal(facts.composeCommand, 'docker compose');
    assert.equal(facts.composeVersion, '2.20.2');
  });

  it('no daemon answers: no Docker version, and Compose is still found', () => {
    const { facts } = probeOn({ composeV2: '2.20.2' });
    assert.equal(facts.dockerVersion, undefined);
    assert.equal(facts.composeVersion, '2.20.2');
  });
});
