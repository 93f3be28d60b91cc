#!/usr/bin/env bash
# Stop what test/e2e/harness/up.sh started and remove test leftovers:
#   * sshd and the registry (by their pid files),
#   * the swarm of swarm-up.sh (swarm-down.sh),
#   * containers labelled compose-deploy.test=1 and every container, network
#     and volume of a Compose project whose name starts with "cdtest",
#     plus networks/volumes labelled compose-deploy.test=1,
#   * dockerd, but only if the harness started it.
# Images and the state dir (keys, registry password and storage, debootstrap
# cache) are kept so the next up.sh is fast.
#
#   down.sh --purge   also deletes the state dir (registry storage included)
#                     and the contents of the deploy root.
# Idempotent: running it when nothing is up does nothing and succeeds.
set -euo pipefail

STATE=${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}
DEPLOY_ROOT=/srv/compose-deploy-tests
TEST_LABEL=compose-deploy.test=1
PROJECT_LABEL=com.docker.compose.project
PROJECT_PREFIX=cdtest

purge=0
case "${1:-}" in
  "") ;;
  --purge) purge=1 ;;
  -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac

log() { printf '[harness down] %s\n' "$*" >&2; }
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

if [ ! -d "$STATE" ]; then
  log "no state dir at $STATE: nothing was started by the harness"
  state_exists=0
else
  state_exists=1
  exec 9>"$STATE/.lock"
  flock -w 600 9 || { log "timed out waiting for another harness up/down ($STATE/.lock)"; exit 1; }
fi

# Real path of a binary, as /proc/PID/exe shows it.
bin_path() { readlink -f "$(command -v "$1" || echo "$2")"; }

# Stop the process in pid FILE if it still runs EXE; wait up to SECS seconds,
# then SIGKILL. The exe check avoids killing an unrelated process that
# recycled the pid.
stop_pidfile() {
  local name=$1 file=$2 exe=$3 secs=$4 pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  if [[ "$pid" =~ ^[0-9]+$ ]] && [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$exe" ]; then
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < secs * 10; i++)); do
      [ -e "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -e "/proc/$pid" ]; then
      log "$name did not stop in ${secs}s: SIGKILL"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

if [ "$state_exists" = 1 ]; then
  stop_pidfile sshd "$STATE/sshd.pid" "$(bin_path sshd /usr/sbin/sshd)" 10
  stop_pidfile "the v1 host's sshd" "$STATE/compose-v1/sshd.pid" "$(bin_path sshd /usr/sbin/sshd)" 10
  stop_pidfile registry "$STATE/registry.pid" "$(bin_path docker-registry /usr/bin/docker-registry)" 10
fi

# ------------------------------------------------------- docker leftovers
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  # The swarm nodes first: stopped properly, their inner engines end their tasks and cgroups.
  COMPOSE_DEPLOY_HARNESS_LOCK_HELD=$state_exists bash "$(dirname "$0")/swarm-down.sh" || log "swarm-down.sh failed (see above)"
  # Print the first column of lines whose second column starts with the prefix.
  with_prefix() { awk -v p="$PROJECT_PREFIX" 'index($2, p) == 1 {print $1}'; }

  mapfile -t containers < <(
    {
      docker ps -aq --filter "label=$TEST_LABEL"
      docker ps -a --filter "label=$PROJECT_LABEL" --format "{{.ID}} {{.Label \"$PROJECT_LABEL\"}}" | with_prefix
    } | sort -u
  )
  if [ "${#containers[@]}" -gt 0 ]; then
    log "removing ${#containers[@]} test container(s)"
    # -v: also drop their anonymous volumes (the postgres image declares one).
    docker rm -f -v "${containers[@]}" >/dev/null
  fi

  mapfile -t networks < <(
    {
      docker network ls -q --filter "label=$TEST_LABEL"
      docker network ls --filter "label=$PROJECT_LABEL" --format "{{.ID}} {{.Label \"$PROJECT_LABEL\"}}" | with_prefix
      # Compose v1 labels its networks, but a stack created by hand with
      # `docker network create cdtest...` has no label: match by name too.
      docker network ls --format '{{.ID}} {{.Name}}' | with_prefix
    } | sort -u
  )
  if [ "${#networks[@]}" -gt 0 ]; then
    log "removing ${#networks[@]} test network(s)"
    docker network rm "${networks[@]}" >/dev/null || log "some networks could not be removed (still in use?)"
  fi

  mapfile -t volumes < <(
    {
      docker volume ls -q --filter "label=$TEST_LABEL"
      docker volume ls --filter "label=$PROJECT_LABEL" --format "{{.Name}} {{.Label \"$PROJECT_LABEL\"}}" | with_prefix
    } | sort -u
  )
  if [ "${#volumes[@]}" -gt 0 ]; then
    log "removing ${#volumes[@]} test volume(s)"
    docker volume rm -f "${volumes[@]}" >/dev/null || log "some volumes could not be removed (still in use?)"
  fi
else
  log "docker is not answering: skipping container/network/volume cleanup"
fi

# ---------------------------------------------------------------- dockerd
if [ "$state_exists" = 1 ] && [ -e "$STATE/dockerd.started-by-harness" ]; then
  stop_pidfile dockerd "$STATE/dockerd.pid" "$(bin_path dockerd /usr/sbin/dockerd)" 30
  rm -f "$STATE/dockerd.started-by-harness"
fi

# env.json/env.sh describe a running harness: without them harnessEnv()
# reports "harness is not up" instead of tests timing out on a dead sshd.
if [ "$state_exists" = 1 ]; then
  rm -f "$STATE/env.json" "$STATE/env.sh" "$STATE"/compose-v[12].json "$STATE"/compose-v[12].sh
fi

# ------------------------------------------------------------------ purge
if [ "$purge" = 1 ]; then
  if [ "$state_exists" = 1 ]; then
    log "purging $STATE (keys, registry storage, caches)"
    rm -rf "$STATE"
  fi
  if [ -d "$DEPLOY_ROOT" ]; then
    log "emptying $DEPLOY_ROOT"
    find "$DEPLOY_ROOT" -mindepth 1 -delete
  fi
fi

log "down"
