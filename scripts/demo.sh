#!/usr/bin/env bash
# The main job on a fresh machine: bring up the real test host and drive it with the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash test/e2e/harness/up.sh
# shellcheck disable=SC1091
. "${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}/env.sh"
"$CD_NODE24" dist/cli.js releases \
  --host "$CD_HOST" --port "$CD_PORT" --user "$CD_USER" \
  --ssh-private-key-file "$CD_KEY" --known-hosts-file "$CD_KNOWN_HOSTS" \
  --deploy-path "$CD_DEPLOY_ROOT/demo"
echo "demo done; stop the test host with: bash test/e2e/harness/down.sh"
