#!/usr/bin/env bash
# Runs a command with TMPDIR set to a directory of its own, removed afterwards whatever the command's
# outcome: a test run leaves nothing in the machine's temp dir, even when a test dies before its cleanup.
# World-readable (0755) because e2e tests hand some of their temp files to the harness's deploy user.
set -uo pipefail
parent=${TMPDIR:-/tmp}
dir=$(mktemp -d "$parent/compose-deploy-tests.XXXXXX") || exit 1
chmod 0755 "$dir"
cleanup() { rm -rf -- "$dir"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
TMPDIR=$dir "$@"
