# Sourced by up.sh (root, harness lock held, its variables set): one test host, two Compose versions.
#
# The deploy host exists twice, chosen per test process by the port it connects to, never by a
# global toggle (other runs share this machine and its harness):
#   * 127.0.0.1:2222, a v2 host: the Compose and buildx plugins sit in the deploy user's
#     ~/.docker/cli-plugins, where a per-user install on a VPS puts them; `docker compose` runs.
#   * 127.0.0.1:2223, a v1 host: a second sshd (same host key, same user) whose sessions get
#     DOCKER_CONFIG pointing at a config dir without plugins, so only `docker-compose` runs.
# The runner side (validate and build run where the action runs, as root here) is chosen the same
# way, by the DOCKER_CONFIG a test gives the action: runner-docker/v2 links the plugins,
# runner-docker/v1 has none. compose-v1.json / compose-v2.json say which port, known_hosts and
# runner DOCKER_CONFIG belong to each; test/e2e/harness/env.ts picks one by
# COMPOSE_DEPLOY_HARNESS_COMPOSE (v2, the default, or v1).
# shellcheck shell=bash

V1_PORT=${COMPOSE_DEPLOY_HARNESS_SSH_V1_PORT:-2223}
PLUGINS=(docker-compose docker-buildx)
bash "$REPO_ROOT/scripts/fetch-cli-plugins.sh" || die "could not fetch the Compose v2 and buildx plugins (scripts/fetch-cli-plugins.sh)"
PLUGIN_CACHE="$STATE/cache/cli-plugins"

# ---- the v2 host: per-user plugins of the deploy user
install -d -m 0755 -o "$DEPLOY_USER" -g "$DEPLOY_USER" "$DEPLOY_HOME/.docker"
install -d -m 0755 -o root -g root "$DEPLOY_HOME/.docker/cli-plugins"
for p in "${PLUGINS[@]}"; do
  if ! cmp -s "$PLUGIN_CACHE/$p" "$DEPLOY_HOME/.docker/cli-plugins/$p"; then
    install -m 0755 -o root -g root "$PLUGIN_CACHE/$p" "$DEPLOY_HOME/.docker/cli-plugins/$p.tmp"
    mv "$DEPLOY_HOME/.docker/cli-plugins/$p.tmp" "$DEPLOY_HOME/.docker/cli-plugins/$p"
  fi
done
# A Docker config dir that offers no Compose v2 or buildx plugin, even on a machine with one installed
# system-wide (/usr/libexec/docker/cli-plugins, where Docker's and Debian 13's packages put them): docker
# takes the first plugin of a name along its plugin dirs, the config dir's first, and one that does not
# answer the plugin handshake is "not a docker command". So the v1 host and runner never depend on what
# the machine has installed.
without_plugins() { # dir, owner
  local dir=$1 owner=$2 p
  install -d -m 0755 -o root -g root "$dir/cli-plugins"
  for p in "${PLUGINS[@]}"; do
    write_if_changed "$dir/cli-plugins/$p" '#!/bin/sh
# Hides a system-wide plugin of this name: the compose-deploy harness'"'"'s v1 host and runner offer none.
exit 1' || true
    chmod 0755 "$dir/cli-plugins/$p"
  done
  chown "$owner" "$dir"
}
# ---- the v1 host's Docker config dir: the deploy user's own, without plugins
V1_DOCKER_CONFIG="$DEPLOY_HOME/.docker-compose-v1"
install -d -m 0700 -o "$DEPLOY_USER" -g "$DEPLOY_USER" "$V1_DOCKER_CONFIG"
without_plugins "$V1_DOCKER_CONFIG" "$DEPLOY_USER"

# ---- the runner's Docker config dirs
RUNNER_DOCKER="$STATE/runner-docker"
install -d -m 0700 "$RUNNER_DOCKER/v1" "$RUNNER_DOCKER/v2/cli-plugins"
without_plugins "$RUNNER_DOCKER/v1" root
for p in "${PLUGINS[@]}"; do ln -sfn "$PLUGIN_CACHE/$p" "$RUNNER_DOCKER/v2/cli-plugins/$p"; done

# ---- the v1 host's sshd: its own config, pid and known_hosts, so an up.sh of another checkout
# that does not know it (and rewrites sshd_config) leaves it alone.
V1_DIR="$STATE/compose-v1"
mkdir -p "$V1_DIR"
# shellcheck disable=SC2154  # sshd_config: the main sshd's configuration, set by up.sh
v1_sshd_config="${sshd_config//Port $SSH_PORT/Port $V1_PORT}"
v1_sshd_config="${v1_sshd_config//PidFile $STATE\/sshd.pid/PidFile $V1_DIR/sshd.pid}"
v1_sshd_config="$v1_sshd_config
# The v1 host: docker finds no CLI plugin, so \`docker compose\` does not run and docker-compose does.
SetEnv DOCKER_CONFIG=$V1_DOCKER_CONFIG"
v1_restart=0
write_if_changed "$V1_DIR/sshd_config" "$v1_sshd_config" && v1_restart=1
"$SSHD_BIN" -t -f "$V1_DIR/sshd_config" || die "sshd rejected $V1_DIR/sshd_config"
if pid_is "$V1_DIR/sshd.pid" "$SSHD_BIN" && [ "$v1_restart" = 1 ]; then
  log "v1 host sshd config changed: restarting it"
  kill "$(cat "$V1_DIR/sshd.pid")"
  for _ in $(seq 1 50); do pid_is "$V1_DIR/sshd.pid" "$SSHD_BIN" || break; sleep 0.1; done
fi
if ! pid_is "$V1_DIR/sshd.pid" "$SSHD_BIN"; then
  if (exec 3<>"/dev/tcp/$SSH_HOST/$V1_PORT") 2>/dev/null; then
    die "$SSH_HOST:$V1_PORT (the v1 test host's sshd) is already taken by a process this harness did not start; free it or move it with COMPOSE_DEPLOY_HARNESS_SSH_V1_PORT=<port>"
  fi
  rm -f "$V1_DIR/sshd.pid"
  log "starting the v1 host's sshd on $SSH_HOST:$V1_PORT (log: $STATE/logs/sshd-compose-v1.log)"
  setsid "$SSHD_BIN" -f "$V1_DIR/sshd_config" -E "$STATE/logs/sshd-compose-v1.log" </dev/null >>"$STATE/logs/sshd-start.log" 2>&1 9>&- \
    || die "the v1 host's sshd failed to start; see $STATE/logs/sshd-compose-v1.log"
  for _ in $(seq 1 50); do
    pid_is "$V1_DIR/sshd.pid" "$SSHD_BIN" && (exec 3<>"/dev/tcp/$SSH_HOST/$V1_PORT") 2>/dev/null && break
    sleep 0.1
  done
  pid_is "$V1_DIR/sshd.pid" "$SSHD_BIN" || die "the v1 host's sshd did not come up; see $STATE/logs/sshd-compose-v1.log"
fi
v1_pattern="[$SSH_HOST]:$V1_PORT"
if write_if_changed "$V1_DIR/known_hosts" "$v1_pattern $(cut -d' ' -f1,2 "$HOST_KEY.pub")" || [ ! -s "$V1_DIR/known_hosts.hashed" ]; then
  cp "$V1_DIR/known_hosts" "$V1_DIR/known_hosts.hashed.tmp"
  ssh-keygen -q -H -f "$V1_DIR/known_hosts.hashed.tmp" >/dev/null 2>&1
  rm -f "$V1_DIR/known_hosts.hashed.tmp.old"
  mv "$V1_DIR/known_hosts.hashed.tmp" "$V1_DIR/known_hosts.hashed"
fi
write_if_changed "$V1_DIR/known_hosts.wrong" "$v1_pattern $(cut -d' ' -f1,2 "$WRONG_KEY.pub")" || true
chmod 0644 "$V1_DIR/known_hosts" "$V1_DIR/known_hosts.hashed" "$V1_DIR/known_hosts.wrong"

# ---- prove each host and each runner dir offers what it claims
host_compose() {
  ssh -F /dev/null -p "$1" -i "$CLIENT_KEY" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o GlobalKnownHostsFile=/dev/null -o UserKnownHostsFile="$2" -o ConnectTimeout=10 "$DEPLOY_USER@$SSH_HOST" \
    'if docker compose version --short 2>/dev/null; then :; else echo "v1 $(docker-compose version --short)"; fi'
}
COMPOSE_V2_VERSION=$(host_compose "$SSH_PORT" "$KH") || die "the v2 host (port $SSH_PORT) could not tell its Compose version"
[[ "$COMPOSE_V2_VERSION" == 2.* ]] || die "the v2 host (port $SSH_PORT) runs Compose '$COMPOSE_V2_VERSION', want 2.x"
COMPOSE_V1_VERSION=$(host_compose "$V1_PORT" "$V1_DIR/known_hosts") || die "the v1 host (port $V1_PORT) could not tell its Compose version"
[[ "$COMPOSE_V1_VERSION" == "v1 1."* ]] || die "the v1 host (port $V1_PORT) runs Compose '$COMPOSE_V1_VERSION', want docker-compose 1.x only"
DOCKER_CONFIG="$RUNNER_DOCKER/v2" docker compose version >/dev/null 2>&1 || die "docker compose does not run with DOCKER_CONFIG=$RUNNER_DOCKER/v2"
DOCKER_CONFIG="$RUNNER_DOCKER/v2" docker buildx version >/dev/null 2>&1 || die "docker buildx does not run with DOCKER_CONFIG=$RUNNER_DOCKER/v2"
if DOCKER_CONFIG="$RUNNER_DOCKER/v1" docker compose version >/dev/null 2>&1; then die "docker compose runs with DOCKER_CONFIG=$RUNNER_DOCKER/v1 (its cli-plugins should hide any system-wide plugin)"; fi
if DOCKER_CONFIG="$RUNNER_DOCKER/v1" docker buildx version >/dev/null 2>&1; then die "docker buildx runs with DOCKER_CONFIG=$RUNNER_DOCKER/v1 (its cli-plugins should hide any system-wide plugin)"; fi

# ---- what each version means to a test (env.ts) and to a shell (demo.sh)
write_compose_env() {
  local name=$1 port=$2 kh=$3 runner=$4 compose=$5 sshd_log=$6
  printf '{\n  "CD_COMPOSE": "%s",\n  "CD_COMPOSE_VERSION": "%s",\n  "CD_PORT": %s,\n  "CD_KNOWN_HOSTS": "%s",\n  "CD_KNOWN_HOSTS_HASHED": "%s",\n  "CD_KNOWN_HOSTS_WRONG": "%s",\n  "CD_RUNNER_DOCKER_CONFIG": "%s",\n  "CD_SSHD_LOG": "%s"\n}\n' \
    "$name" "$compose" "$port" "$kh" "$kh.hashed" "$kh.wrong" "$runner" "$sshd_log" >"$STATE/compose-$name.json.tmp"
  mv "$STATE/compose-$name.json.tmp" "$STATE/compose-$name.json"
  printf 'export CD_COMPOSE=%q CD_COMPOSE_VERSION=%q CD_PORT=%q CD_KNOWN_HOSTS=%q CD_KNOWN_HOSTS_HASHED=%q CD_KNOWN_HOSTS_WRONG=%q DOCKER_CONFIG=%q\n' \
    "$name" "$compose" "$port" "$kh" "$kh.hashed" "$kh.wrong" "$runner" >"$STATE/compose-$name.sh.tmp"
  mv "$STATE/compose-$name.sh.tmp" "$STATE/compose-$name.sh"
}
write_compose_env v2 "$SSH_PORT" "$KH" "$RUNNER_DOCKER/v2" "$COMPOSE_V2_VERSION" "$STATE/logs/sshd.log"
write_compose_env v1 "$V1_PORT" "$V1_DIR/known_hosts" "$RUNNER_DOCKER/v1" "${COMPOSE_V1_VERSION#v1 }" "$STATE/logs/sshd-compose-v1.log"
