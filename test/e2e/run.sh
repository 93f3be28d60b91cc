#!/usr/bin/env bash
# Brings the real test host up, runs the e2e suite against it, and tears down what it started.
# COMPOSE_DEPLOY_HARNESS_COMPOSE names the Compose versions to run the whole suite under: v2
# (`docker compose` and buildx, the default: what runners and hosts have) and/or v1 (`docker-compose`
# and the classic builder), e.g. "v2 v1". Each run fails on its own; all are run.
#
# With both versions and no files named, the two runs go side by side: each version has its own sshd
# (host) and runner DOCKER_CONFIG, and every test names its projects, releases, images and ports
# uniquely, so they share only the Docker engine and the registry. The few files that do not touch
# Compose at all (ONCE_FILES: restore drills, which also look for every drill container on the
# engine; the external-Postgres backup; the test that runs both Compose versions itself; the harness
# swarm's smoke test, which builds its own engines) run in the v2 run only.
# COMPOSE_DEPLOY_E2E_SERIAL=1 runs the versions one after the other, each with every file.
set -euo pipefail
cd "$(dirname "$0")/../.."
versions=${COMPOSE_DEPLOY_HARNESS_COMPOSE:-v2}
read -r -a versions <<<"${versions//,/ }"
for v in "${versions[@]}"; do
  case "$v" in v1|v2) ;; *) echo "run.sh: COMPOSE_DEPLOY_HARNESS_COMPOSE=${versions[*]}: want v2, v1 or both (\"v2 v1\")" >&2; exit 2 ;; esac
done
# Files that restart the Docker daemon every test shares: run alone, after the side-by-side runs, under each version.
SOLO_FILES=(test/e2e/deploy/docker-restart.test.ts)
ONCE_FILES=(test/e2e/restore/restore-test.test.ts test/e2e/restore/source-ssh.test.ts test/e2e/restore/source-copy.test.ts test/e2e/restore/newer-major.test.ts test/e2e/backup/external.test.ts test/e2e/validate/versions.test.ts test/e2e/swarm/harness.test.ts test/e2e/restore/hostile-dump.test.ts)

suite() { # version, files...
  local v=$1
  shift
  # One file at a time within a run: the files of one version share its sshd and runner.
  # It ends with its ten slowest files (test/lib/slowest-files-reporter.mjs).
  COMPOSE_DEPLOY_HARNESS_COMPOSE=$v bash scripts/with-private-tmp.sh node --import tsx --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=./test/lib/slowest-files-reporter.mjs --test-reporter-destination=stdout "$@"
}

# Expanded here: node 20's test runner takes no glob patterns.
shopt -s globstar
all_files=(test/e2e/**/*.test.ts)
bash test/e2e/harness/up.sh
logs=$(mktemp -d)
trap 'rm -rf "$logs"; bash test/e2e/harness/down.sh' EXIT
failed=()
if [ $# -eq 0 ] && [ ${#versions[@]} -eq 2 ] && [ "${COMPOSE_DEPLOY_E2E_SERIAL:-}" != 1 ]; then
  all=() twice=()
  for f in "${all_files[@]}"; do
    solo=no once=no
    for o in "${SOLO_FILES[@]}"; do [ "$f" = "$o" ] && solo=yes; done
    for o in "${ONCE_FILES[@]}"; do [ "$f" = "$o" ] && once=yes; done
    [ "$solo" = yes ] && continue
    all+=("$f")
    [ "$once" = no ] && twice+=("$f")
  done
  first=${versions[0]} second=${versions[1]}
  # The v2 run gets every file; the other version the files that touch Compose.
  if [ "$first" = v2 ]; then first_files=("${all[@]}") second_files=("${twice[@]}"); else first_files=("${twice[@]}") second_files=("${all[@]}"); fi
  echo "=== e2e suite under Compose $first and $second side by side (the $second run's output follows the $first run's) ===" >&2
  suite "$second" "${second_files[@]}" >"$logs/$second.log" 2>&1 &
  second_pid=$!
  echo "=== e2e suite under Compose $first ===" >&2
  # pipefail: the pipeline fails when the suite does.
  if ! suite "$first" "${first_files[@]}" 2>&1 | tee "$logs/$first.log"; then failed+=("$first"); fi
  wait "$second_pid" || failed+=("$second")
  echo "=== e2e suite under Compose $second ===" >&2
  cat "$logs/$second.log"
  for v in "${versions[@]}"; do
    echo "=== e2e files that restart the Docker daemon, alone, under Compose $v ===" >&2
    if ! suite "$v" "${SOLO_FILES[@]}" 2>&1 | tee "$logs/$v-solo.log"; then failed+=("$v-solo"); fi
  done
else
  for v in "${versions[@]}"; do
    echo "=== e2e suite under Compose $v ===" >&2
    if ! suite "$v" "${@:-${all_files[@]}}" 2>&1 | tee "$logs/$v.log"; then failed+=("$v"); fi
  done
fi
if [ ${#failed[@]} -gt 0 ]; then
  # Repeat each failed run's list of failing tests last, where a CI log's tail shows it.
  for v in "${failed[@]}"; do
    echo "=== failing tests under Compose ${v%-solo} ===" >&2
    sed -n '/failing tests:/,$p' "$logs/$v.log" | head -n 400 >&2
  done
  echo "=== e2e suite failed under Compose ${failed[*]} ===" >&2
  exit 1
fi
