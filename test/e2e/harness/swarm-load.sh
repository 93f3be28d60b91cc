#!/usr/bin/env bash
# Load images from this machine's engine into every node of the harness swarm (swarm-up.sh):
#   bash test/e2e/harness/swarm-load.sh IMAGE...
# `docker save | docker exec -i NODE docker load`: for images a test builds and does not push.
# A node that already holds the same image id is skipped (save/load keeps the id).
set -euo pipefail
NODE_LABEL=compose-deploy.swarm.node=1
die() { printf '[swarm load] ERROR: %s\n' "$*" >&2; exit 1; }
[ $# -gt 0 ] || die "usage: $0 IMAGE..."
mapfile -t nodes < <(docker ps --filter "label=$NODE_LABEL" --format '{{.Names}}' | sort)
[ "${#nodes[@]}" -gt 0 ] || die "no swarm node is running: run bash test/e2e/harness/swarm-up.sh"
for image in "$@"; do
  id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null) || die "$image is not on this machine's engine"
  for n in "${nodes[@]}"; do
    [ "$(docker exec "$n" docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)" = "$id" ] && continue
    docker save "$image" | docker exec -i "$n" docker load -q >/dev/null || die "loading $image into $n failed"
  done
done
