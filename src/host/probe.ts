import type { Command } from '../runner/runner.js';
import { hostScript } from './script.js';
import { IMAGES_PRESENT_SCRIPT, PROBE_SCRIPT } from './shell-scripts.js';

/** With a project name, the probe also lists what the project runs (service and image): its containers, or on a swarm its stack's services. */
export function probeCommand(deployPath: string, project = '', target: 'compose' | 'swarm' = 'compose'): Command {
  return hostScript('probe', PROBE_SCRIPT, [deployPath, project, ...(target === 'swarm' ? [target] : [])]);
}

import type { ComposeFlavor } from '../compose/cli.js';

export interface AuditRecord {
  action: 'deploy' | 'rollback' | 'restore' | 'maintenance';
  sha: string;
  previousSha?: string;
  actor?: string;
  runUrl?: string;
  startedAt: string;
  finishedAt?: string;
  result: 'success' | 'failed' | 'rolled-back';
  [more: string]: unknown;
}

export interface HostFacts {
  dockerVersion?: string;
  /** The engine's swarm role: "active true" on a manager, "active false" on a worker, "inactive false" outside a swarm. */
  swarm?: string;
  composeCommand?: ComposeFlavor;
  composeVersion?: string;
  current?: string;
  releases: string[];
  /** The deploys and rollbacks of the audit log, oldest first: what releases, rollback and retention read. */
  audit: AuditRecord[];
  /** The log's other records (restores), oldest first. */
  events?: AuditRecord[];
  /** The content of <deploy-path>/maintenance/on, when maintenance is on. */
  maintenance?: string;
  /** <deploy-path>/restore/state.json: a restore that has not finished (killed, or running now). */
  restoreState?: string;
  freeKb?: number;
  /** Docker's data root (docker info DockerRootDir) and the free space there, where pulls land. */
  dockerRoot?: string;
  dockerRootFreeKb?: number;
  /** service -> image of the project's running containers (when the probe was given a project). */
  running: Record<string, string>;
}

export function parseProbe(stdout: string): HostFacts {
  const facts: HostFacts = { releases: [], audit: [], events: [], running: {} };
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).trim();
    switch (key) {
      case 'docker-version':
        if (value) facts.dockerVersion = value;
        break;
      case 'swarm':
        if (value) facts.swarm = value;
        break;
      case 'compose-command':
        if (value === 'docker compose' || value === 'docker-compose') facts.composeCommand = value;
        break;
      case 'compose-version':
        if (value) facts.composeVersion = value.replace(/^v/, '');
        break;
      case 'current':
        if (value) facts.current = value;
        break;
      case 'release':
        facts.releases.push(value);
        break;
      case 'audit':
        try {
          const record = JSON.parse(value) as AuditRecord;
          // A restore's record names the live release, but no release was deployed by it.
          if (record.action === 'deploy' || record.action === 'rollback' || record.action === undefined) facts.audit.push(record);
          else (facts.events ??= []).push(record);
        } catch {
          // A torn last line (a deploy killed mid-append) must not hide the rest of the log.
        }
        break;
      case 'running': {
        const [service, image] = value.split(' ');
        if (service && image) facts.running[service] = image;
        break;
      }
      case 'maintenance':
        facts.maintenance = value;
        break;
      case 'restore-state':
        if (value) facts.restoreState = value;
        break;
      case 'free-kb':
        if (/^[0-9]+$/.test(value)) facts.freeKb = Number(value);
        break;
      case 'docker-root':
        if (value) facts.dockerRoot = value;
        break;
      case 'docker-root-free-kb':
        if (/^[0-9]+$/.test(value)) facts.dockerRootFreeKb = Number(value);
        break;
    }
  }
  return facts;
}

export interface ReleaseInfo {
  sha: string;
  current: boolean;
  deployedAt?: string;
  actor?: string;
  result?: string;
  /** The last time it went live, it was by a rollback. */
  rollback: boolean;
  /** The images it runs, as its audit record lists them (older records do not). */
  images?: string[];
  /** Whether every one of those images is still on the host (a rollback to it needs no pull); set by `releases`. */
  imagesOnHost?: boolean;
}

/** Kept releases, newest first, with what the audit log says of each. */
export function listReleases(facts: HostFacts): ReleaseInfo[] {
  const lastRecord = new Map<string, AuditRecord>();
  facts.audit.forEach((r) => lastRecord.set(r.sha, r));
  const order = (sha: string) => facts.audit.map((r) => r.sha).lastIndexOf(sha);
  return [...facts.releases]
    .sort((a, b) => order(b) - order(a) || a.localeCompare(b))
    .map((sha) => {
      const r = lastRecord.get(sha);
      const images = Array.isArray(r?.['images']) ? (r['images'] as unknown[]).filter((i): i is string => typeof i === 'string') : undefined;
      return {
        sha,
        current: sha === facts.current,
        deployedAt: r?.finishedAt ?? r?.startedAt,
        actor: r?.actor,
        result: r?.result,
        rollback: r?.action === 'rollback',
        ...(images ? { images } : {}),
      };
    });
}

/** Which of these images the host has: one round trip, present=<image> per image found. */
export function imagePresenceCommand(images: readonly string[]): Command {
  return hostScript('images', IMAGES_PRESENT_SCRIPT, images);
}
