#!/usr/bin/env bash
# Fetches the Docker CLI plugins users run today, Compose v2 (`docker compose`) and buildx, for the
# test host. Bookworm packages neither; Debian 13 (trixie) packages both (docker-compose 2.26.1,
# docker-buildx 0.13.1) as static Go binaries that run here against dockerd 20.10. They are
# downloaded from the machine's own Debian mirror with a throw-away apt configuration (its own
# source list, lists and cache in a temp dir), so the machine's apt sources and state never see
# trixie. Idempotent: the extracted plugins are cached in the harness state dir.
#
#   $STATE/cache/cli-plugins/docker-compose, docker-buildx, versions
set -euo pipefail
STATE=${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}
OUT="$STATE/cache/cli-plugins"
PACKAGES=(docker-compose docker-buildx)
SUITE=trixie

log() { printf '[cli-plugins] %s\n' "$*" >&2; }
die() { printf '[cli-plugins] ERROR: %s\n' "$*" >&2; exit 1; }

have_all() {
  local p
  for p in "${PACKAGES[@]}"; do [ -x "$OUT/$p" ] || return 1; done
  [ -s "$OUT/versions" ]
}
if have_all; then exit 0; fi

# The mirror and keyring the machine already trusts (deb822 sources), or the Debian default.
sources=/etc/apt/sources.list.d/debian.sources
mirror=http://deb.debian.org/debian
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ -f "$sources" ]; then
  m=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' "$sources")
  k=$(awk '/^Signed-By:/ {print $2; exit}' "$sources")
  [ -n "$m" ] && mirror=$m
  [ -n "$k" ] && keyring=$k
fi
mirror=${COMPOSE_DEPLOY_HARNESS_MIRROR:-$mirror}
[ -r "$keyring" ] || die "keyring $keyring is missing (Debian package: debian-archive-keyring)"

mkdir -p "$STATE" "$OUT"
chmod 0700 "$STATE"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/debs" "$tmp/root"
printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$SUITE" >"$tmp/sources.list"
apt_opts=(
  -o "Dir::Etc::sourcelist=$tmp/sources.list"
  -o "Dir::Etc::sourceparts=/dev/null"
  -o "Dir::State::Lists=$tmp/lists"
  -o "Dir::Cache=$tmp/cache"
  -o "APT::Get::List-Cleanup=0"
  -o "Debug::NoLocking=1"
)
log "fetching ${PACKAGES[*]} from $mirror $SUITE (a temporary apt configuration; the machine's is untouched)"
apt-get -qq "${apt_opts[@]}" update >"$tmp/update.log" 2>&1 || { cat "$tmp/update.log" >&2; die "apt-get update of $SUITE failed"; }
# apt-get download writes into the current directory; _apt needs to be able to write there.
chmod 0777 "$tmp/debs"
(cd "$tmp/debs" && apt-get -qq "${apt_opts[@]}" download "${PACKAGES[@]}") >"$tmp/download.log" 2>&1 \
  || { cat "$tmp/download.log" >&2; die "apt-get download ${PACKAGES[*]} failed"; }
: >"$tmp/versions"
for p in "${PACKAGES[@]}"; do
  debs=("$tmp/debs/${p}_"*.deb)
  deb=${debs[0]}
  [ -f "$deb" ] || die "no .deb for $p was downloaded"
  dpkg-deb -x "$deb" "$tmp/root"
  bin="$tmp/root/usr/libexec/docker/cli-plugins/$p"
  [ -x "$bin" ] || die "$deb has no usr/libexec/docker/cli-plugins/$p"
  printf '%s %s\n' "$p" "$(dpkg-deb -f "$deb" Version)" >>"$tmp/versions"
done
for p in "${PACKAGES[@]}"; do
  install -m 0755 "$tmp/root/usr/libexec/docker/cli-plugins/$p" "$OUT/$p.tmp"
  mv "$OUT/$p.tmp" "$OUT/$p"
done
mv "$tmp/versions" "$OUT/versions"
log "cached in $OUT: $(tr '\n' ' ' <"$OUT/versions")"
