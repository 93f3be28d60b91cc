#!/usr/bin/env bash
# What a fresh machine (Debian bookworm, root) needs before the demo or the tests: the Debian
# packages the real test host is made of, the Compose v2 and buildx CLI plugins, and the npm
# dependencies. Installs only what is missing, and never removes or replaces a package the machine
# already has: a Docker engine that is already there (Docker's own docker-ce, or any other) is used
# when its version is one the project supports, instead of Debian's docker.io.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# The oldest Docker engine the project is tested against (bookworm's docker.io).
MIN_DOCKER=20.10
# docker-compose (v1) recommends docker.io: with another engine installed, recommends stay out.
apt_flags=()
need=(docker-compose docker-registry apache2-utils openssh-server openssh-client busybox-static caddy debootstrap curl dash shellcheck)
if dpkg -s docker.io >/dev/null 2>&1; then
  :
elif dockerd=$(PATH="$PATH:/usr/sbin:/sbin" command -v dockerd); then
  version=$("$dockerd" --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\.[0-9]*\).*/\1/p')
  [ -n "$version" ] || die "found $dockerd, but it did not say its version (dockerd --version); the project needs a Docker engine >= $MIN_DOCKER"
  if [ "$(printf '%s\n%s\n' "$MIN_DOCKER" "$version" | sort -V | head -n1)" != "$MIN_DOCKER" ]; then
    die "the Docker engine at $dockerd is $version; the project needs >= $MIN_DOCKER. Upgrade it (setup does not replace an engine it did not install)"
  fi
  echo "setup: using the Docker engine already installed ($dockerd, $version)"
  apt_flags=(--no-install-recommends)
else
  need=(docker.io "${need[@]}")
fi
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y ${apt_flags[*]} ${missing[*]}"
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Only when apt would remove nothing the machine has (a containerd.io, a docker-ce-cli...).
  removed=$(apt-get install -s "${apt_flags[@]}" "${missing[@]}" 2>/dev/null | sed -n 's/^Remv \([^ ]*\).*/\1/p' | tr '\n' ' ')
  [ -z "$removed" ] || die "installing ${missing[*]} would remove ${removed}; setup never replaces installed packages. Install what is missing by hand, or use a machine without them"
  apt-get install -y -qq "${apt_flags[@]}" "${missing[@]}" >/dev/null
fi
# Compose v2 and buildx, the CLI plugins users run, which bookworm does not package (cached in the
# harness state dir; the harness installs them where the test host's docker finds them).
if [ "$(id -u)" = 0 ]; then
  bash scripts/fetch-cli-plugins.sh
else
  echo "setup: not root: the Compose v2 and buildx plugins are fetched when the harness (root) comes up" >&2
fi
[ -d node_modules ] || npm ci --no-audit --no-fund
