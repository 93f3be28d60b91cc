#!/usr/bin/env bash
# The test pipeline behind `npm test`: lint, unit tests, then the e2e suite against the real harness.
# The harness comes up beside lint and the unit tests: on a fresh machine it debootstraps its Postgres
# images (minutes, mostly one core and the network), and the unit tests leave the second core idle.
# The e2e suite's own `harness up` then only checks that everything is there.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
up_log=$(mktemp)
bash test/e2e/harness/up.sh >"$up_log" 2>&1 &
up=$!
stop_up() { kill -TERM "$up" 2>/dev/null; wait "$up" 2>/dev/null; rm -f "$up_log"; }
trap 'stop_up; exit 130' INT
trap 'stop_up; exit 143' TERM
npm run lint && npm run test:unit
checks=$?
wait "$up"
harness=$?
cat "$up_log" >&2
rm -f "$up_log"
trap - INT TERM
[ "$checks" = 0 ] || exit "$checks"
[ "$harness" = 0 ] || { echo "test.sh: the harness did not come up (above)" >&2; exit "$harness"; }
npm run test:e2e
