#!/usr/bin/env bash
# Brings the real test host up, runs the e2e suite against it, and tears down what it started.
# COMPOSE_DEPLOY_HARNESS_COMPOSE names the Compose versions to run the whole suite under, in order:
# v2 (`docker compose` and buildx, the default: what runners and hosts have) and/or v1
# (`docker-compose` and the classic builder), e.g. "v2 v1". Each run fails on its own; all are run.
set -euo pipefail
cd "$(dirname "$0")/../.."
versions=${COMPOSE_DEPLOY_HARNESS_COMPOSE:-v2}
for v in ${versions//,/ }; do
  case "$v" in v1|v2) ;; *) echo "run.sh: COMPOSE_DEPLOY_HARNESS_COMPOSE=$versions: want v2, v1 or both (\"v2 v1\")" >&2; exit 2 ;; esac
done
bash test/e2e/harness/up.sh
trap 'bash test/e2e/harness/down.sh' EXIT
failed=()
for v in ${versions//,/ }; do
  echo "=== e2e suite under Compose $v ===" >&2
  # One file at a time: the suites share one Docker engine, one registry and one sshd.
  COMPOSE_DEPLOY_HARNESS_COMPOSE=$v bash scripts/with-private-tmp.sh node --import tsx --test --test-concurrency=1 --test-reporter=spec "${@:-test/e2e/**/*.test.ts}" || failed+=("$v")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "=== e2e suite failed under Compose ${failed[*]} ===" >&2
  exit 1
fi
