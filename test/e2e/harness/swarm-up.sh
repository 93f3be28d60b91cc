#!/usr/bin/env bash
# Bring up a three-node Docker Swarm on this machine for the swarm target's tests (run after up.sh):
#
#   * a node image: Debian bookworm (docker.io, sshd, socat, nc) debootstrapped once, cached as a
#     rootfs tarball under $STATE/cache (keyed by suite, packages and mirror) and `docker import`ed;
#     nothing is pulled from a registry,
#   * three node containers on a bridge network of their own (cdtest-swarm), each running its own
#     dockerd on its own volume: node 1 the manager (`swarm init`), nodes 2 and 3 workers,
#   * sshd on every node (its own host key, the harness's deploy user and client key), the manager's
#     published on 127.0.0.1:${COMPOSE_DEPLOY_HARNESS_SWARM_SSH_PORT:-2230}, all pinned in one known_hosts,
#   * the harness registry reachable from every node at the very address the runner pushes to
#     (127.0.0.1:5000), see "registry" below,
#   * the harness busybox and caddy images loaded into every node (swarm-load.sh loads more),
#   * swarm.json / swarm.sh in the state dir describing all of the above (test/e2e/harness/swarm-env.ts).
#
# Idempotent: when the swarm is healthy a second run only checks it (a few seconds); when anything is
# off (a node stopped, the Docker daemon restarted, this script's node recipe changed) the nodes are
# recreated from scratch. swarm-down.sh removes them; down.sh calls it.
# Limits here (docs/swarm-harness.md): no IPVS in this kernel, so no VIPs and no routing mesh: use
# `endpoint_mode: dnsrr` and `mode: host` published ports.
set -euo pipefail
unset TMPDIR   # see up.sh: the node containers outlive the caller

T0=$(date +%s)
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}
SW="$STATE/swarm"
SSH_HOST=127.0.0.1
SSH_PORT=${COMPOSE_DEPLOY_HARNESS_SWARM_SSH_PORT:-2230}
DEPLOY_USER=deploy
DEPLOY_ROOT=/srv/compose-deploy-tests
NETWORK=cdtest-swarm
NODES=(cdtest-swarm-1 cdtest-swarm-2 cdtest-swarm-3)
MANAGER=${NODES[0]}
FORWARDER=cdtest-swarm-registry-forward
TEST_LABEL=compose-deploy.test=1
SWARM_LABEL=compose-deploy.swarm=1
CONFIG_LABEL=compose-deploy.swarm.config
NODE_LABEL=compose-deploy.swarm.node=1   # what swarm-load.sh looks for
SUITE=bookworm
PACKAGES=docker.io,iproute2,iptables,ca-certificates,procps,openssh-server,openssh-sftp-server,netcat-openbsd,socat
DEBIAN_MIRROR=${COMPOSE_DEPLOY_HARNESS_MIRROR:-http://deb.debian.org/debian}
unset SSH_AUTH_SOCK

log() { printf '[swarm up] %s\n' "$*" >&2; }
die() { printf '[swarm up] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- preflight
[ "$(id -u)" = 0 ] || die "must run as root (it debootstraps the node image and runs Docker engines in containers)"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
for bin in docker debootstrap ssh ssh-keygen flock sha256sum tar; do
  command -v "$bin" >/dev/null 2>&1 || die "$bin is missing: run scripts/setup.sh (or apt-get install docker.io debootstrap openssh-client)"
done
{ [ -s "$STATE/env.json" ] && [ -s "$STATE/env.sh" ]; } || die "the harness is not up (no $STATE/env.json): run bash test/e2e/harness/up.sh first"
# shellcheck source=/dev/null
. "$STATE/env.sh"
docker info >/dev/null 2>&1 || die "dockerd is not answering: run bash test/e2e/harness/up.sh first"
REGISTRY_PORT=${CD_REGISTRY##*:}
[[ "$CD_REGISTRY" == 127.0.0.1:* ]] || die "the harness registry is at $CD_REGISTRY; this script forwards 127.0.0.1:<port> only"
CLIENT_KEY=$CD_KEY
[ -s "$CLIENT_KEY.pub" ] || die "$CLIENT_KEY.pub is missing: run bash test/e2e/harness/up.sh"

mkdir -p "$SW/keys" "$STATE/cache" "$STATE/build" "$STATE/logs"
exec 9>"$STATE/.lock"
flock -w 1800 9 || die "timed out waiting for another harness up/down to finish ($STATE/.lock)"

write_if_changed() {
  local file=$1 content=$2
  if [ -f "$file" ] && [ "$(cat "$file")" = "$content" ]; then return 1; fi
  printf '%s\n' "$content" >"$file.tmp"
  mv "$file.tmp" "$file"
}

# --------------------------------------------------------------- node image
# The tag carries the recipe: another suite, package list or mirror is another image and tarball.
IMAGE_KEY=$(printf '%s\n%s\n%s\n' "$SUITE" "$PACKAGES" "$DEBIAN_MIRROR" | sha256sum | cut -c1-12)
NODE_IMAGE=compose-deploy-test/swarm-node:$IMAGE_KEY
TARBALL="$STATE/cache/swarm-node-$SUITE-$IMAGE_KEY-rootfs.tar"
if ! docker image inspect "$NODE_IMAGE" >/dev/null 2>&1; then
  if [ ! -s "$TARBALL" ]; then
    rootfs="$STATE/build/swarm-node-rootfs" dlog="$STATE/logs/debootstrap-swarm-node.log"
    for m in proc sys dev/pts dev; do
      if mountpoint -q "$rootfs/$m" 2>/dev/null; then umount -l "$rootfs/$m"; fi
    done
    rm -rf "$rootfs"
    log "debootstrapping $SUITE + $PACKAGES from $DEBIAN_MIRROR (a few minutes, once; log: $dlog)"
    t0=$(date +%s)
    # nice: other work shares this machine's cores; the result is cached.
    nice -n 10 debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$rootfs" "$DEBIAN_MIRROR" >"$dlog" 2>&1 \
      || { tail -n 30 "$dlog" >&2; die "debootstrap failed; see $dlog"; }
    for m in proc sys dev/pts; do
      if mountpoint -q "$rootfs/$m" 2>/dev/null; then umount -l "$rootfs/$m"; fi
    done
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/etc/ssh/ssh_host_*
    tar -C "$rootfs" --numeric-owner -cf "$TARBALL.tmp" .
    mv "$TARBALL.tmp" "$TARBALL"
    rm -rf "$rootfs"
    log "debootstrapped the node image in $(( $(date +%s) - t0 )) s (cached: $TARBALL)"
  else
    log "importing $NODE_IMAGE from the cached $TARBALL (no debootstrap)"
  fi
  docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$NODE_IMAGE" <"$TARBALL" >/dev/null
fi

# ------------------------------------------------------------ node config
# Everything a node reads at start sits in $SW, mounted read-only at /harness.
for n in "${NODES[@]}"; do
  [ -s "$SW/keys/$n" ] || ssh-keygen -q -t ed25519 -N '' -C "compose-deploy-harness-$n" -f "$SW/keys/$n"
  chmod 0600 "$SW/keys/$n"
done
write_if_changed "$SW/authorized_keys" "$(cat "$CLIENT_KEY.pub")" || true
# shellcheck disable=SC2016  # runs in the node
write_if_changed "$SW/node-start.sh" '#!/bin/bash
# Started by docker-init in a swarm node (written by test/e2e/harness/swarm-up.sh):
# node-start.sh NODE_NAME REGISTRY_PORT GATEWAY
set -euo pipefail
node=$1 registry_port=$2 gateway=$3
useradd -m -s /bin/bash -G docker '"$DEPLOY_USER"'
usermod -p "*" '"$DEPLOY_USER"'   # no password, yet not locked (sshd refuses locked accounts)
install -d -m 0700 -o '"$DEPLOY_USER"' -g '"$DEPLOY_USER"' /home/'"$DEPLOY_USER"'/.ssh
install -m 0600 -o '"$DEPLOY_USER"' -g '"$DEPLOY_USER"' /harness/authorized_keys /home/'"$DEPLOY_USER"'/.ssh/authorized_keys
install -d -m 0755 -o '"$DEPLOY_USER"' -g '"$DEPLOY_USER"' '"$DEPLOY_ROOT"'
mkdir -p /run/sshd
/usr/sbin/sshd -f /harness/sshd_config -h "/harness/keys/$node" -E /var/log/sshd.log
# The registry at the address the runner pushes to: 127.0.0.1 here is the node, so forward it to
# the bridge gateway, where the host-network forwarder hands it to the harness registry.
socat "TCP-LISTEN:$registry_port,bind=127.0.0.1,fork,reuseaddr" "TCP:$gateway:$registry_port" &
# --cgroup-parent: the inner engine cannot create /sys/fs/cgroup/*/docker (read-only here).
exec dockerd --cgroup-parent="/$node" --host unix:///var/run/docker.sock
' || true
chmod 0755 "$SW/node-start.sh"
write_if_changed "$SW/sshd_config" "# generated by test/e2e/harness/swarm-up.sh
Port 22
AuthorizedKeysFile .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
StrictModes yes
AllowUsers $DEPLOY_USER
X11Forwarding no
PrintMotd no
PrintLastLog no
MaxSessions 64
MaxStartups 64:30:256
LogLevel VERBOSE
Subsystem sftp /usr/lib/openssh/sftp-server" || true
CONFIG_KEY=$(cat "$SW/node-start.sh" "$SW/sshd_config" "$SW/authorized_keys" "$SW"/keys/*.pub \
  | { cat; printf '%s\n' "$NODE_IMAGE" "$SSH_PORT" "$REGISTRY_PORT"; } | sha256sum | cut -c1-16)

# ----------------------------------------------------------------- helpers
node_ip() { docker inspect -f "{{(index .NetworkSettings.Networks \"$NETWORK\").IPAddress}}" "$1" 2>/dev/null; }
in_node() { local n=$1; shift; docker exec "$n" "$@"; }
ssh_mgr() {
  ssh -F /dev/null -p "$SSH_PORT" -i "$CLIENT_KEY" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o StrictHostKeyChecking=yes -o GlobalKnownHostsFile=/dev/null -o UserKnownHostsFile="$SW/known_hosts" \
    -o ConnectTimeout=10 "$DEPLOY_USER@$SSH_HOST" "$@"
}
# "Ready Active" nodes as the manager sees them.
ready_nodes() {
  in_node "$MANAGER" docker node ls --format '{{.Hostname}} {{.Status}} {{.Availability}}' 2>/dev/null \
    | awk '$2 == "Ready" && $3 == "Active"' | wc -l
}
# What the registry answers to an anonymous /v2/ from inside a node (401 when it is reached).
registry_from() {
  in_node "$1" sh -c "printf 'GET /v2/ HTTP/1.0\r\n\r\n' | nc -w 5 127.0.0.1 $REGISTRY_PORT | head -n1" 2>/dev/null | tr -d '\r'
}

# Why the running swarm is not the one this script would build ("" = healthy).
swarm_problem() {
  local n
  for n in "${NODES[@]}" "$FORWARDER"; do
    [ "$(docker inspect -f '{{.State.Running}}' "$n" 2>/dev/null)" = true ] || { echo "$n is not running"; return; }
    [ "$(docker inspect -f "{{index .Config.Labels \"$CONFIG_LABEL\"}}" "$n")" = "$CONFIG_KEY" ] \
      || { echo "$n was started from another recipe"; return; }
  done
  [ "$(ready_nodes)" = "${#NODES[@]}" ] || { echo "not all ${#NODES[@]} nodes are Ready and Active"; return; }
  { [ -s "$SW/known_hosts" ] && ssh_mgr true 2>/dev/null; } || { echo "ssh to the manager with the pinned key fails"; return; }
  for n in "${NODES[@]}"; do
    [[ "$(registry_from "$n")" == *" 401 "* ]] || { echo "$n does not reach the registry"; return; }
  done
}

# ------------------------------------------------------------------- nodes
problem=$(swarm_problem)
if [ -n "$problem" ]; then
  log "building the swarm ($problem)"
  t_nodes=$(date +%s)
  COMPOSE_DEPLOY_HARNESS_LOCK_HELD=1 bash "$SCRIPT_DIR/swarm-down.sh" || die "could not remove the previous swarm"
  docker network inspect "$NETWORK" >/dev/null 2>&1 && die "the network $NETWORK is still there (in use by a container outside the swarm?)"
  if (exec 3<>"/dev/tcp/$SSH_HOST/$SSH_PORT") 2>/dev/null; then
    die "$SSH_HOST:$SSH_PORT (the swarm manager's sshd) is already taken by something else; free it or move it with COMPOSE_DEPLOY_HARNESS_SWARM_SSH_PORT=<port>"
  fi
  # The subnet is Docker's pick (no clash with the machine's networks); node addresses within it are
  # fixed (so a node keeps the address the swarm knows it by), which Docker allows only on a subnet
  # given by the user: create once to learn Docker's pick, then again with it.
  docker network create --label "$TEST_LABEL" --label "$SWARM_LABEL" "$NETWORK" >/dev/null \
    || die "could not create the network $NETWORK"
  subnet=$(docker network inspect -f '{{(index .IPAM.Config 0).Subnet}}' "$NETWORK")
  GATEWAY=$(docker network inspect -f '{{(index .IPAM.Config 0).Gateway}}' "$NETWORK")
  [[ "$subnet" =~ ^([0-9]+\.[0-9]+\.[0-9]+)\.0/(1[0-9]|2[0-4])$ ]] || die "network $NETWORK got subnet '$subnet', want a /24 or wider"
  prefix=${BASH_REMATCH[1]}
  docker network rm "$NETWORK" >/dev/null
  docker network create --label "$TEST_LABEL" --label "$SWARM_LABEL" --subnet "$subnet" --gateway "$GATEWAY" "$NETWORK" >/dev/null \
    || die "could not create the network $NETWORK on $subnet"

  # The harness registry listens on the host's loopback, which no container reaches: a forwarder in
  # the host's network namespace (socat from the node image, so the host needs no package) listens on
  # the bridge gateway only, and each node forwards its own 127.0.0.1:<port> to it.
  docker run -d --name "$FORWARDER" --label "$TEST_LABEL" --label "$SWARM_LABEL" --label "$CONFIG_LABEL=$CONFIG_KEY" \
    --network host "$NODE_IMAGE" \
    socat "TCP-LISTEN:$REGISTRY_PORT,bind=$GATEWAY,fork,reuseaddr" "TCP:127.0.0.1:$REGISTRY_PORT" >/dev/null \
    || die "could not start the registry forwarder on $GATEWAY:$REGISTRY_PORT"

  i=0
  for n in "${NODES[@]}"; do
    i=$((i + 1))
    publish=()
    [ "$n" = "$MANAGER" ] && publish=(-p "$SSH_HOST:$SSH_PORT:22")
    docker volume create --label "$TEST_LABEL" --label "$SWARM_LABEL" "$n-docker" >/dev/null
    # --privileged is refused here (CAP_SYS_RESOURCE is not in the bounding set): every other
    # capability, no seccomp/apparmor confinement, writable /sys paths and the host's cgroups.
    docker run -d --name "$n" --hostname "$n" --label "$TEST_LABEL" --label "$SWARM_LABEL" \
      --label "$CONFIG_LABEL=$CONFIG_KEY" --label "$NODE_LABEL" --init \
      --network "$NETWORK" --ip "$prefix.$((10 + i))" "${publish[@]}" \
      --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined \
      --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
      -v /sys/fs/cgroup:/sys/fs/cgroup:rw -v "$n-docker:/var/lib/docker" -v "$SW:/harness:ro" \
      "$NODE_IMAGE" /harness/node-start.sh "$n" "$REGISTRY_PORT" "$GATEWAY" >/dev/null \
      || die "could not start the node $n"
  done
  for n in "${NODES[@]}"; do
    for _ in $(seq 1 240); do
      in_node "$n" docker info >/dev/null 2>&1 && break
      [ "$(docker inspect -f '{{.State.Running}}' "$n")" = true ] || break
      sleep 0.5
    done
    in_node "$n" docker info >/dev/null 2>&1 || { docker logs --tail 30 "$n" >&2 || true; die "the Docker engine in $n did not come up (docker logs $n)"; }
  done

  mgr_ip=$(node_ip "$MANAGER")
  in_node "$MANAGER" docker swarm init --advertise-addr "$mgr_ip" >/dev/null || die "docker swarm init failed on $MANAGER"
  token=$(in_node "$MANAGER" docker swarm join-token -q worker)
  for n in "${NODES[@]:1}"; do
    in_node "$n" docker swarm join --advertise-addr "$(node_ip "$n")" --token "$token" "$mgr_ip:2377" >/dev/null \
      || die "$n could not join the swarm at $mgr_ip:2377"
  done
  for _ in $(seq 1 240); do
    [ "$(ready_nodes)" = "${#NODES[@]}" ] && break
    sleep 0.5
  done
  [ "$(ready_nodes)" = "${#NODES[@]}" ] || { in_node "$MANAGER" docker node ls >&2 || true; die "not all ${#NODES[@]} nodes became Ready"; }
  log "swarm of ${#NODES[@]} nodes up in $(( $(date +%s) - t_nodes )) s"
fi

# -------------------------------------------------------------- known_hosts
# One file pins every node: the manager as the runner reaches it ([127.0.0.1]:port) and each node
# on its bridge address (port 22). known_hosts.wrong: the manager's name with another key.
kh=""
for n in "${NODES[@]}"; do
  ip=$(node_ip "$n")
  [ -n "$ip" ] || die "$n has no address on $NETWORK"
  [ "$n" = "$MANAGER" ] && kh+="[$SSH_HOST]:$SSH_PORT $(cut -d' ' -f1,2 "$SW/keys/$n.pub")"$'\n'
  kh+="$ip $(cut -d' ' -f1,2 "$SW/keys/$n.pub")"$'\n'
done
write_if_changed "$SW/known_hosts" "${kh%$'\n'}" || true
write_if_changed "$SW/known_hosts.wrong" "[$SSH_HOST]:$SSH_PORT $(cut -d' ' -f1,2 "$STATE/ssh/wrong_host_ed25519_key.pub")" || true
chmod 0644 "$SW/known_hosts" "$SW/known_hosts.wrong"
HOST_KEY_FINGERPRINT=$(ssh-keygen -lf "$SW/keys/$MANAGER.pub" | awk '{print $2}')

# ------------------------------------------------------------ verification
# A swarm found healthy passed swarm_problem's checks already; a new one proves itself here.
if [ -n "$problem" ]; then
  ok=0
  for _ in $(seq 1 50); do
    if ssh_mgr true 2>/dev/null; then ok=1; break; fi
    sleep 0.2
  done
  [ "$ok" = 1 ] || { ssh_mgr true || true; die "ssh $DEPLOY_USER@$SSH_HOST:$SSH_PORT with the pinned key fails (sshd log: docker exec $MANAGER cat /var/log/sshd.log)"; }
  mgr_role=$(ssh_mgr "docker info --format '{{.Swarm.ControlAvailable}}'") || die "the deploy user cannot run docker on $MANAGER over ssh"
  [ "$mgr_role" = true ] || die "$MANAGER is not a swarm manager (ControlAvailable=$mgr_role)"
  if ssh -F /dev/null -p "$SSH_PORT" -i "$CLIENT_KEY" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes \
      -o GlobalKnownHostsFile=/dev/null -o UserKnownHostsFile="$SW/known_hosts.wrong" "$DEPLOY_USER@$SSH_HOST" true 2>/dev/null; then
    die "ssh accepted the manager with known_hosts.wrong: host key pinning is not in effect"
fi
for n in "${NODES[@]}"; do
  answer=$(registry_from "$n")
  [[ "$answer" == *" 401 "* ]] || die "$n does not reach the harness registry at 127.0.0.1:$REGISTRY_PORT (got '$answer'; forwarder: docker logs $FORWARDER)"
done
fi

# ------------------------------------------------------------------ images
bash "$SCRIPT_DIR/swarm-load.sh" "$CD_BUSYBOX_IMAGE" "$CD_CADDY_IMAGE" || die "could not load the harness images into the nodes"

# ------------------------------------------------------- swarm.sh / json
GATEWAY=$(docker network inspect -f '{{(index .IPAM.Config 0).Gateway}}' "$NETWORK")
addrs=()
for n in "${NODES[@]}"; do addrs+=("$(node_ip "$n")"); done
{
  echo "# generated by test/e2e/harness/swarm-up.sh; source it: . $STATE/swarm.sh"
  printf 'export CD_SWARM_HOST=%q CD_SWARM_PORT=%q CD_SWARM_USER=%q CD_SWARM_KEY=%q\n' "$SSH_HOST" "$SSH_PORT" "$DEPLOY_USER" "$CLIENT_KEY"
  printf 'export CD_SWARM_KNOWN_HOSTS=%q CD_SWARM_KNOWN_HOSTS_WRONG=%q CD_SWARM_HOST_KEY_FINGERPRINT=%q\n' "$SW/known_hosts" "$SW/known_hosts.wrong" "$HOST_KEY_FINGERPRINT"
  printf 'export CD_SWARM_MANAGER=%q CD_SWARM_NETWORK=%q CD_SWARM_GATEWAY=%q CD_SWARM_REGISTRY=%q\n' "$MANAGER" "$NETWORK" "$GATEWAY" "127.0.0.1:$REGISTRY_PORT"
  printf 'export CD_SWARM_NODE_NAMES=%q CD_SWARM_NODE_ADDRESSES=%q CD_SWARM_NODE_IMAGE=%q CD_SWARM_DEPLOY_ROOT=%q\n' "${NODES[*]}" "${addrs[*]}" "$NODE_IMAGE" "$DEPLOY_ROOT"
} >"$STATE/swarm.sh.tmp"
mv "$STATE/swarm.sh.tmp" "$STATE/swarm.sh"
(
  # shellcheck source=/dev/null
  . "$STATE/swarm.sh"
  # shellcheck disable=SC2016
  "$CD_NODE24" -e '
    const e = process.env;
    const names = e.CD_SWARM_NODE_NAMES.split(" "), addrs = e.CD_SWARM_NODE_ADDRESSES.split(" ");
    const out = {
      CD_SWARM_HOST: e.CD_SWARM_HOST, CD_SWARM_PORT: Number(e.CD_SWARM_PORT), CD_SWARM_USER: e.CD_SWARM_USER,
      CD_SWARM_KEY: e.CD_SWARM_KEY, CD_SWARM_KNOWN_HOSTS: e.CD_SWARM_KNOWN_HOSTS,
      CD_SWARM_KNOWN_HOSTS_WRONG: e.CD_SWARM_KNOWN_HOSTS_WRONG, CD_SWARM_HOST_KEY_FINGERPRINT: e.CD_SWARM_HOST_KEY_FINGERPRINT,
      CD_SWARM_MANAGER: e.CD_SWARM_MANAGER, CD_SWARM_NETWORK: e.CD_SWARM_NETWORK, CD_SWARM_GATEWAY: e.CD_SWARM_GATEWAY,
      CD_SWARM_REGISTRY: e.CD_SWARM_REGISTRY, CD_SWARM_NODE_IMAGE: e.CD_SWARM_NODE_IMAGE, CD_SWARM_DEPLOY_ROOT: e.CD_SWARM_DEPLOY_ROOT,
      CD_SWARM_NODES: names.map((name, i) => ({ name, address: addrs[i], role: name === e.CD_SWARM_MANAGER ? "manager" : "worker" })),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  ' >"$STATE/swarm.json.tmp"
)
mv "$STATE/swarm.json.tmp" "$STATE/swarm.json"

cat >&2 <<EOF
[swarm up] ready in $(( $(date +%s) - T0 )) s
  manager      ssh -p $SSH_PORT -i $CLIENT_KEY $DEPLOY_USER@$SSH_HOST  (host key $HOST_KEY_FINGERPRINT pinned in $SW/known_hosts)
  nodes        ${NODES[*]} on $NETWORK: ${addrs[*]} (ssh on port 22 of each, same key and known_hosts)
  registry     127.0.0.1:$REGISTRY_PORT inside every node (forwarded through $GATEWAY:$REGISTRY_PORT)
  node image   $NODE_IMAGE (cached: $TARBALL)
  env          $STATE/swarm.sh  $STATE/swarm.json
EOF
