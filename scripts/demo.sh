#!/usr/bin/env bash
# The main job on a fresh machine: bring up the real test host, then take the example shop
# (examples/shop) through validate -> build -> deploy -> a second commit rolled out under load -> a broken
# third commit rolled back by itself -> releases -> a manual rollback to the first commit under load ->
# a backup of the shop's database -> a restore-test of it (RPO, RTO, row counts).
# DEMO_KEEP=1 leaves the shop running on http://127.0.0.1:18080/ (COMPOSE_DEPLOY_DEMO_PORT) afterwards. COMPOSE_DEPLOY_HARNESS_COMPOSE=v1
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
# The shop's proxy port on 127.0.0.1; COMPOSE_DEPLOY_DEMO_PORT moves it when something else holds it.
port=${COMPOSE_DEPLOY_DEMO_PORT:-18080}
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && [ -z "$(docker ps -q --filter label=com.docker.compose.project=shop-demo)" ]; then
  echo "demo: 127.0.0.1:$port (the shop's proxy) is already taken by another program; free it or move the shop with COMPOSE_DEPLOY_DEMO_PORT=<port>" >&2
  exit 1
fi
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
# The shop's repository carries the workflows a user of the action has: the project's reusable workflows and
# its starters, copied in as a user would (validate reads nothing outside the repository it checks).
mkdir -p "$work/.github"
cp -r .github/workflows "$work/.github/"
cp -r workflows-templates "$work/"
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
cli validate --workflows .github/workflows,workflows-templates
ship
v1=$(git rev-parse HEAD)

sed -i 's/respond "shop api {$IMAGE_TAG}"/respond "shop api v2 {$IMAGE_TAG}"/' api/Caddyfile
git -c user.name=demo -c user.email=demo@example.invalid commit -qam "shop v2"
# Sends requests through the proxy in the background until load_stop; load_stop prints the counts.
load_start() {
  ( while :; do if curl -fsS -o /dev/null --max-time 20 "http://127.0.0.1:$port/"; then echo ok; else echo failed; fi; sleep 0.05; done ) > load.log 2>/dev/null &
  load=$!
}
load_stop() {
  kill "$load" 2>/dev/null || true
  wait "$load" 2>/dev/null || true
  printf '%s ok, %s failed' "$(grep -c '^ok' load.log || true)" "$(grep -c '^failed' load.log || true)"
}
load_start
ship
step "requests during the rollout of shop v2 (Compose $CD_COMPOSE): $(load_stop)"

step "a broken v3 (its health check answers 503): the deploy rolls it back by itself"
sed -i 's|respond /health "ok" 200|respond /health "broken" 503|' api/Caddyfile
git -c user.name=demo -c user.email=demo@example.invalid commit -qam "shop v3 (broken)"
v3=$(git rev-parse HEAD)
step "build $v3"
cli build --sha "$v3" --image-prefix "$CD_REGISTRY/demo/shop" "${registry_flags[@]}"
step "deploy $v3 (expected to fail and roll back)"
if cli deploy --sha "$v3" --health-timeout 15 "${host_flags[@]}" "${registry_flags[@]}" --env-file-file prod.env; then
  echo "demo: the broken v3 was not rolled back" >&2
  exit 1
fi
step "v2 still serves"
curl -fsS "http://127.0.0.1:$port/"; echo

step "releases"
cli releases "${host_flags[@]}"

step "rollback to v1 ($v1) under load, as from the Actions tab"
load_start
cli rollback --to "${v1:0:12}" --reason "demo: back to v1" "${host_flags[@]}" "${registry_flags[@]}"
step "requests during the rollback: $(load_stop)"
answer=$(curl -fsS "http://127.0.0.1:$port/")
echo "$answer"
case "$answer" in *"sha-$v1"*) ;; *) echo "demo: the rollback did not bring v1 back" >&2; exit 1 ;; esac

step "releases"
cli releases "${host_flags[@]}"

step "backup: one snapshot of the shop's database, checked, with exact row counts, downloaded"
db=$(docker ps -q --filter label=com.docker.compose.project=shop-demo --filter label=com.docker.compose.service=db)
docker exec -i "$db" psql -q -v ON_ERROR_STOP=1 -U shop -d shop <<'SQL'
CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, item text NOT NULL, placed timestamptz NOT NULL DEFAULT now());
INSERT INTO orders (item) SELECT 'item ' || g FROM generate_series(1, 2500) g;
SQL
printf 'backup:\n  service: db\nrestore-test:\n  postgres: docker\n  image: %s\n  max-age: 1h\n  required-tables: [orders]\n' "$CD_POSTGRES_IMAGE" >> compose-deploy.yml
cli backup "${host_flags[@]}" --download backups
step "its manifest"
cat backups/*.dump.json

step "restore-test of that backup: restored into a disposable Postgres, checked against the manifest"
cli restore-test --backup-file 'backups/*.dump' --report-file restore-report.json
node -e 'const r = require(process.argv[1]); const rows = r.tables.map((t) => `${t.table}: ${t.restored}/${t.expected}`).join(", "); console.log(`RPO (backup age) ${Math.round(r.backup.ageSeconds)} s, RTO (restore) ${r.phases.restore.toFixed(1)} s, row counts ${rows}: ${r.result}`)' "$work/restore-report.json"

step "restore: orders deleted by hand, put back from the verified backup on the host, under load"
count_orders() { docker exec "$db" psql -qAt -U shop -d shop -c 'SELECT count(*) FROM orders;'; }
docker exec "$db" psql -q -v ON_ERROR_STOP=1 -U shop -d shop -c 'DELETE FROM orders WHERE id % 5 <> 0;'
echo "orders after the delete: $(count_orders) (the backup holds 2500)"
step "without confirm, restore only says what it would do (exit 2)"
if cli restore "${host_flags[@]}"; then
  echo "demo: restore without confirm went ahead" >&2
  exit 1
fi
# While the database is replaced the proxy answers 503 (maintenance): counted apart from failures.
( while :; do code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 20 "http://127.0.0.1:$port/" 2>/dev/null || echo 000); echo "$code"; sleep 0.05; done ) > restore-load.log &
restore_load=$!
cli restore --confirm shop-demo --reason "demo: orders deleted by hand" "${host_flags[@]}" --json > restore.json
kill "$restore_load" 2>/dev/null || true
wait "$restore_load" 2>/dev/null || true
step "requests during the restore: $(grep -c '^200$' restore-load.log || true) answered by the app, $(grep -c '^503$' restore-load.log || true) by the maintenance page, $(grep -vc '^200$\|^503$' restore-load.log || true) failed"
node -e 'const o = require(process.argv[1]).outputs; console.log(`restored ${o.backup}: RPO ${o["rpo-seconds"]} s, downtime ${o["downtime-seconds"]} s, the replaced database kept as ${o["previous-database"]}`)' "$work/restore.json"
after=$(count_orders)
echo "orders after the restore: $after"
[ "$after" = 2500 ] || { echo "demo: the restore did not bring the 2500 orders back" >&2; exit 1; }
step "releases (the database kept aside is listed)"
cli releases "${host_flags[@]}"
