#!/usr/bin/env bash
# Brings the real test host up, runs the e2e suite against it, and tears down what it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/e2e/harness/up.sh
trap 'bash test/e2e/harness/down.sh' EXIT
# One file at a time: the suites share one Docker engine, one registry and one sshd.
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${@:-test/e2e/**/*.test.ts}"
