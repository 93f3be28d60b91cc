#!/usr/bin/env bash
# The main job on a fresh machine: bring up the real test host, then take the example shop
# (examples/shop) through validate -> build -> deploy -> a second commit rolled out under load -> releases.
# DEMO_KEEP=1 leaves the shop running on http://127.0.0.1:18080/ afterwards. COMPOSE_DEPLOY_HARNESS_COMPOSE=v1
# runs it with docker-compose v1 and the classic builder instead of Compose v2 and buildx.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bash scripts/setup.sh
[ -f dist/cli.js ] || npm run build
bash test/e2e/harness/up.sh
# shellcheck disable=SC1091
. "${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}/env.sh"
# The Compose the demo host and runner offer: v2 and buildx (default, what users run) or v1 and the
# classic builder (COMPOSE_DEPLOY_HARNESS_COMPOSE=v1). Sets CD_PORT, CD_KNOWN_HOSTS and the runner's DOCKER_CONFIG.
# shellcheck disable=SC1090
. "${COMPOSE_DEPLOY_HARNESS_DIR:-/var/tmp/compose-deploy-harness}/compose-${COMPOSE_DEPLOY_HARNESS_COMPOSE:-v2}.sh"
echo "demo under Compose $CD_COMPOSE ($CD_COMPOSE_VERSION) on the host and the runner"

work=$(mktemp -d)
deploy_path="$CD_DEPLOY_ROOT/shop-demo"
port=18080
cleanup() {
  if [ "${DEMO_KEEP:-}" != 1 ]; then
    ids=$(docker ps -aq --filter label=com.docker.compose.project=shop-demo)
    [ -z "$ids" ] || docker rm -f $ids >/dev/null
    docker network rm shop-demo_default >/dev/null 2>&1 || true
    docker volume rm shop-demo_pgdata >/dev/null 2>&1 || true
    ssh -p "$CD_PORT" -i "$CD_KEY" -o UserKnownHostsFile="$CD_KNOWN_HOSTS" -o StrictHostKeyChecking=yes "$CD_USER@$CD_HOST" rm -rf "$deploy_path"
    echo "demo stack removed (DEMO_KEEP=1 keeps it); stop the test host with: bash test/e2e/harness/down.sh"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

cp -r examples/shop/. "$work/"
cd "$work"
umask 077
printf '%s' "$CD_REGISTRY_PASSWORD" > registry-password
printf 'IMAGE_PREFIX=%s/demo/shop\nDB_PASSWORD=%s\nPROXY_PORT=%s\n' "$CD_REGISTRY" "demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" "$port" > prod.env
umask 022
git init -q && git add -A && git -c user.name=demo -c user.email=demo@example.invalid commit -qm "shop v1"

cli() { "$CD_NODE24" "$repo/dist/cli.js" "$@"; }
host_flags=(--host "$CD_HOST" --port "$CD_PORT" --user "$CD_USER" --ssh-private-key-file "$CD_KEY" --known-hosts-file "$CD_KNOWN_HOSTS" --deploy-path "$deploy_path")
registry_flags=(--registry "$CD_REGISTRY" --registry-username "$CD_REGISTRY_USER" --registry-password-file registry-password)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
ship() {
  local sha
  sha=$(git rev-parse HEAD)
  step "build $sha"
  cli build --sha "$sha" --image-prefix "$CD_REGISTRY/demo/shop" "${registry_flags[@]}"
  step "deploy $sha"
  cli deploy --sha "$sha" "${host_flags[@]}" "${registry_flags[@]}" --env-file-file prod.env
  step "the shop answers"
  curl -fsS "http://127.0.0.1:$port/"; echo
}

step "validate (dev and prod sets, and the project's own workflows)"
cli validate --workflows "$repo/.github/workflows,$repo/workflows-templates"
ship

sed -i 's/respond "shop api {$IMAGE_TAG}"/respond "shop api v2 {$IMAGE_TAG}"/' api/Caddyfile
git -c user.name=demo -c user.email=demo@example.invalid commit -qam "shop v2"
ok=0 failed=0
( while :; do if curl -fsS -o /dev/null --max-time 20 "http://127.0.0.1:$port/"; then echo ok; else echo failed; fi; sleep 0.05; done ) > load.log 2>/dev/null &
load=$!
ship
kill "$load" 2>/dev/null || true
wait "$load" 2>/dev/null || true
ok=$(grep -c '^ok' load.log || true)
failed=$(grep -c '^failed' load.log || true)
step "requests during the rollout of shop v2 (Compose $CD_COMPOSE): $ok ok, $failed failed"

step "releases"
cli releases "${host_flags[@]}"
