#!/usr/bin/env bash
# What a fresh machine (Debian bookworm, root) needs before the demo or the tests: the Debian
# packages the real test host is made of, the Compose v2 and buildx CLI plugins, and the npm
# dependencies. Installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
need=(docker.io docker-compose docker-registry apache2-utils openssh-server openssh-client busybox-static caddy debootstrap curl dash shellcheck)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Compose v2 and buildx, the CLI plugins users run, which bookworm does not package (cached in the
# harness state dir; the harness installs them where the test host's docker finds them).
if [ "$(id -u)" = 0 ]; then
  bash scripts/fetch-cli-plugins.sh
else
  echo "setup: not root: the Compose v2 and buildx plugins are fetched when the harness (root) comes up" >&2
fi
[ -d node_modules ] || npm ci --no-audit --no-fund
