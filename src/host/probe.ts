import type { Command } from '../runner/runner.js';

/**
 * One round trip that tells what the host has: Docker, which Compose, the live release, the kept
 * releases, the tail of the audit log and the free space under the deploy path and under Docker's
 * data root (where pulled images land). A fixed script; the variable parts are $1, the deploy path, and $2, the project.
 */
const PROBE_SCRIPT = `
root=$1 project=$2 target=\${3:-compose}
# One call for the version, the swarm role and the data root: docker info reads them from the daemon.
# It also starts every CLI plugin to read its metadata, Compose v2's version among them (second line).
daemon='{{.ServerVersion}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.DockerRootDir}}'
plugins='plugin={{range .ClientInfo.Plugins}}{{if eq .Name "compose"}}{{.Version}}{{end}}{{end}}'
all=$(docker info --format "$daemon
$plugins" 2>/dev/null) || all=
# A docker CLI whose info has no plugin list refuses that template: the daemon's part alone, then.
[ -n "$all" ] || all=$(docker info --format "$daemon" 2>/dev/null) || all=
info=$(printf '%s\\n' "$all" | head -n 1)
plugin=$(printf '%s\\n' "$all" | sed -n 's/^plugin=//p')
printf 'docker-version=%s\\n' "\${info%% *}"
swarm=\${info#* }
printf 'swarm=%s\\n' "\${swarm%% /*}"
case $info in
  *' /'*) data="/\${info#* /}"; printf 'docker-root=%s\\ndocker-root-free-kb=%s\\n' "$data" "$(df -Pk "$data" 2>/dev/null | awk 'NR==2 {print $4}')" ;;
esac
# Each Compose CLI is asked once at most: its start-up is most of what this probe costs. A swarm needs none.
if [ "$target" = swarm ]; then :
elif [ -n "$plugin" ]; then
  printf 'compose-command=docker compose\\ncompose-version=%s\\n' "$plugin"
elif v=$(docker compose version --short 2>/dev/null); then
  printf 'compose-command=docker compose\\ncompose-version=%s\\n' "$v"
elif command -v docker-compose >/dev/null 2>&1; then
  printf 'compose-command=docker-compose\\ncompose-version=%s\\n' "$(docker-compose version --short)"
fi
if [ -L "$root/current" ]; then printf 'current=%s\\n' "$(basename "$(readlink "$root/current")")"; fi
if [ -d "$root/releases" ]; then
  for d in "$root"/releases/*; do [ -d "$d" ] && printf 'release=%s\\n' "$(basename "$d")"; done
fi
if [ -f "$root/releases.jsonl" ]; then tail -n 500 "$root/releases.jsonl" | sed 's/^/audit=/'; fi
if [ -f "$root/maintenance/on" ]; then printf 'maintenance=%s\\n' "$(head -c 2000 "$root/maintenance/on" | tr -d '\\n')"; fi
if [ -f "$root/restore/state.json" ]; then printf 'restore-state=%s\\n' "$(tr -d '\\n' < "$root/restore/state.json")"; fi
# A first deploy's directory does not exist yet: its nearest existing parent is where it will be made.
near=$root
while [ ! -e "$near" ] && [ "$near" != / ]; do near=$(dirname "$near"); done
printf 'free-kb=%s\\n' "$(df -Pk "$near" 2>/dev/null | awk 'NR==2 {print $4}')"
if [ -n "$project" ] && [ "$target" = swarm ]; then
  docker service ls --filter "label=com.docker.stack.namespace=$project" --format '{{.Name}} {{.Image}}' 2>/dev/null | sed "s/^\${project}_/running=/"
elif [ -n "$project" ]; then
  docker ps --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.oneoff=False" \\
    --format 'running={{.Label "com.docker.compose.service"}} {{.Image}}' 2>/dev/null
fi
exit 0
`;

/** With a project name, the probe also lists what the project runs (service and image): its containers, or on a swarm its stack's services. */
export function probeCommand(deployPath: string, project = '', target: 'compose' | 'swarm' = 'compose'): Command {
  return { argv: ['sh', '-c', PROBE_SCRIPT, 'compose-deploy-probe', deployPath, project, ...(target === 'swarm' ? [target] : [])] };
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
  return { argv: ['sh', '-c', 'for i in "$@"; do docker image inspect "$i" >/dev/null 2>&1 && printf "present=%s\\n" "$i"; done; exit 0', 'compose-deploy-images', ...images] };
}
