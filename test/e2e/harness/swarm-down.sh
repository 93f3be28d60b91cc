#!/usr/bin/env bash
# Remove the harness swarm (swarm-up.sh): its node containers (their inner engines stop their tasks
# first), the registry forwarder, the cdtest-swarm network, the nodes' /var/lib/docker volumes,
# the cgroups the inner engines left under /sys/fs/cgroup/*/<node>, and swarm.json / swarm.sh.
# Keeps the node image and its cached rootfs tarball, and the nodes' host keys (so known_hosts
# files stay valid). Idempotent. down.sh calls it, holding the harness lock
# (COMPOSE_DEPLOY_HARNESS_LOCK_HELD=1 then: taking it again would wait on itself).
set -euo pipefail
STATE=${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}
SWARM_LABEL=compose-deploy.swarm=1
NODE_LABEL=compose-deploy.swarm.node=1
NETWORK=cdtest-swarm
log() { printf '[swarm down] %s\n' "$*" >&2; }

if [ -d "$STATE" ] && [ "${COMPOSE_DEPLOY_HARNESS_LOCK_HELD:-}" != 1 ]; then
  exec 9>"$STATE/.lock"
  flock -w 600 9 || { log "timed out waiting for another harness up/down ($STATE/.lock)"; exit 1; }
fi
rm -f "$STATE/swarm.json" "$STATE/swarm.sh"
if ! docker info >/dev/null 2>&1; then
  log "docker is not answering: nothing to remove"
  exit 0
fi

mapfile -t nodes < <(docker ps -a --filter "label=$NODE_LABEL" --format '{{.Names}}')
mapfile -t ids < <(docker ps -aq --filter "label=$SWARM_LABEL")
if [ "${#ids[@]}" -gt 0 ]; then
  log "removing ${#ids[@]} swarm container(s)"
  docker stop -t 20 "${ids[@]}" >/dev/null 2>&1 || true
  docker rm -f -v "${ids[@]}" >/dev/null
fi
# The inner engines' cgroup parents (--cgroup-parent=/<node>) live in the host's hierarchy.
for n in "${nodes[@]}"; do
  [ -n "$n" ] || continue
  find /sys/fs/cgroup/*/"$n" -depth -type d -exec rmdir {} \; 2>/dev/null || true
done
if docker network inspect "$NETWORK" >/dev/null 2>&1; then
  docker network rm "$NETWORK" >/dev/null || log "the network $NETWORK could not be removed (still in use?)"
fi
mapfile -t vols < <(docker volume ls -q --filter "label=$SWARM_LABEL")
if [ "${#vols[@]}" -gt 0 ]; then
  log "removing ${#vols[@]} swarm volume(s)"
  docker volume rm -f "${vols[@]}" >/dev/null || log "some swarm volumes could not be removed (still in use?)"
fi
