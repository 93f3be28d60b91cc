#!/usr/bin/env bash
# Fails when the committed dist/ differs from a fresh build: the action runs dist/, not src/.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(mktemp -d)
cp -a dist "$before/dist"
npm run -s build >/dev/null
if ! diff -r "$before/dist" dist >/dev/null; then
  echo "dist/ is stale: run 'npm run build' and commit dist/." >&2
  diff -rq "$before/dist" dist >&2 || true
  rm -rf "$before"
  exit 1
fi
rm -rf "$before"
echo "dist/ matches a fresh build"
