#!/usr/bin/env bash
# Runs shellcheck over the repository's own shell scripts: CI, setup, the harness and the example's
# services, and the scripts the tool sends (src/<folder>/sh/*.sh, which must also parse under dash, the
# plainest POSIX sh a host may have). Fixtures are left out (templates with placeholders, and the
# corpus's third-party shapes). The unit tests check the sent scripts again with their includes expanded.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -- '*.sh' '.ci/run' | grep -v -e '^test/fixtures/' -e '^test/e2e/validate/corpus/')
shellcheck --severity=warning "${files[@]}"
for f in "${files[@]}"; do
  case $f in src/*/sh/*.sh) dash -n "$f" ;; esac
done
