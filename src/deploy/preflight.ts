import type { ComposeFlavor } from '../compose/cli.js';
import { OperationError } from '../errors.js';
import type { HostFacts } from '../host/probe.js';
import type { Reporter } from '../report/reporter.js';
import type { RolloutSettings } from './deploy-settings.js';

/**
 * What the host must have before anything changes: Docker, a Compose (for the swarm target: to be a
 * swarm manager instead), room for the release. `ownChecks` are the kind's own, made once the Compose
 * is known. Returns the Compose the host has (v2's name on a swarm, which runs none).
 */
export function preflight(facts: HostFacts, rs: RolloutSettings, where: string, reporter: Reporter, ownChecks: () => void): ComposeFlavor {
  if (!facts.dockerVersion) throw new OperationError(`preflight: Docker is not reachable on ${where} for user ${rs.target.user} (is it installed, running, and is the user in the docker group?). Nothing was changed.`);
  if (rs.deployTarget === 'swarm') {
    if (facts.swarm !== 'active true') {
      throw new OperationError(`preflight: target: swarm, but ${where} is ${facts.swarm?.startsWith('active') ? 'a swarm worker' : 'not part of a swarm'}: set host to a manager node (docker node ls lists them). Nothing was changed.`);
    }
  } else if (!facts.composeCommand) throw new OperationError(`preflight: neither "docker compose" (v2) nor "docker-compose" (v1) is installed on ${where}. Nothing was changed.`);
  ownChecks();
  const short = lowDisk(facts, rs);
  if (short.length > 0) {
    throw new OperationError(`preflight: ${short.join('; ')} on ${where}; deploy needs ${rs.minFreeDiskMb} MB free in each (deploy.min-free-disk-mb). Free space (docker image prune) and retry. Nothing was changed.`);
  }
  const engine = rs.deployTarget === 'swarm' ? 'swarm manager' : `${facts.composeCommand} ${facts.composeVersion ?? ''}`;
  reporter.info(`host ${where}: Docker ${facts.dockerVersion}, ${engine}; live release: ${facts.current ?? 'none'}`);
  return facts.composeCommand ?? 'docker compose';
}

/**
 * Where the host has less free space than min-free-disk-mb: the deploy path (the release files) and
 * Docker's data root (the pulled images), each said with what was seen. A filesystem the probe could
 * not measure is not judged.
 */
export function lowDisk(facts: Pick<HostFacts, 'freeKb' | 'dockerRoot' | 'dockerRootFreeKb'>, rs: Pick<RolloutSettings, 'deployPath' | 'minFreeDiskMb'>): string[] {
  const needKb = rs.minFreeDiskMb * 1024;
  const mb = (kb: number) => Math.floor(kb / 1024);
  const short: string[] = [];
  if (facts.freeKb !== undefined && facts.freeKb < needKb) short.push(`only ${mb(facts.freeKb)} MB free under the deploy path ${rs.deployPath}`);
  if (facts.dockerRoot && facts.dockerRootFreeKb !== undefined && facts.dockerRootFreeKb < needKb) {
    short.push(`only ${mb(facts.dockerRootFreeKb)} MB free under Docker's data root ${facts.dockerRoot} (where pulled images go)`);
  }
  return short;
}
