/**
 * The production policy rules: id, default severity and the one-line why shown with every finding.
 * Kept free of imports so the config schema (validate.rules.<id>) and the docs can list them.
 */
export type RuleSeverity = 'error' | 'warning' | 'off';

export interface RuleInfo {
  id: string;
  severity: Exclude<RuleSeverity, 'off'>;
  why: string;
}

export const RULES = [
  { id: 'image-immutable', severity: 'error', why: 'a deploy must run exactly the image CI built and tested; a moving tag changes under you' },
  { id: 'image-pinned', severity: 'error', why: 'an unpinned third-party image jumps major versions on the next pull (postgres 16 cannot read 15 data)' },
  { id: 'no-build', severity: 'error', why: 'prod pulls the image CI pushed; a build on the host runs code nobody tested' },
  { id: 'no-source-mount', severity: 'error', why: 'a bind mount of the source tree runs whatever files are on the host, not the image' },
  { id: 'no-docker-socket', severity: 'error', why: 'the Docker socket is root on the host for anyone inside the container' },
  { id: 'healthcheck', severity: 'warning', why: 'the deploy gates on health; without a healthcheck it can only wait and hope' },
  { id: 'oneshot-marked', severity: 'error', why: 'an unmarked one-shot job is restarted forever and counted as a failed service' },
  { id: 'restart-policy', severity: 'error', why: 'without a restart policy a crash or a host reboot leaves the service down' },
  { id: 'ports-proxy-only', severity: 'error', why: 'only the proxy should face the network; a published app or database port bypasses it' },
  { id: 'rolling-conflict', severity: 'warning', why: 'a fixed host port or container_name lets only one copy run, so the service cannot be updated rolling' },
  { id: 'no-secret-literals', severity: 'error', why: 'a secret in a Compose file is in git history forever; use an env file or secrets' },
  { id: 'proxy-retries', severity: 'warning', why: 'during a rollout Docker\'s DNS lists a container that does not answer yet (or any more); a proxy that does not retry fails or stalls those requests' },
  { id: 'proxy-maintenance', severity: 'warning', why: '`maintenance on` and every restore hold users on the proxy\'s 503 page only if the proxy mounts the deploy\'s maintenance folder and answers 503 with Retry-After while its `on` file exists' },
  { id: 'db-trust-auth', severity: 'error', why: 'a database that trusts every connection and publishes its port lets anyone who reaches the host in without a password' },
  { id: 'env-declared', severity: 'error', why: 'a variable nobody declared renders as an empty string on the host' },
  { id: 'swarm-ignored-key', severity: 'error', why: 'docker stack deploy ignores container_name, network_mode and restart, and rejects depends_on conditions: the file says something the swarm will not do' },
  { id: 'swarm-host-mount', severity: 'error', why: 'a host path exists on one node; a task Swarm starts on another finds it empty or missing' },
  { id: 'swarm-db-placement', severity: 'error', why: 'a database Swarm moves to another node starts on an empty volume there' },
  { id: 'swarm-ingress-port', severity: 'warning', why: 'the routing mesh needs IPVS on every node and hides client addresses; the proxy should publish with mode: host' },
  { id: 'swarm-update-config', severity: 'warning', why: 'the deploy sets update_config itself (start-first, rollback on failure, monitored for the health gate); a different value in the file would be silently replaced' },
] as const satisfies readonly RuleInfo[];

export type RuleId = (typeof RULES)[number]['id'];

export function ruleInfo(id: string): RuleInfo | undefined {
  return RULES.find((r) => r.id === id);
}
