#!/usr/bin/env bash
# Runs shellcheck over the repository's own shell scripts: CI, setup, the harness and the example's
# services. Fixtures are left out (templates with placeholders, and the corpus's third-party shapes);
# the host scripts the tool sends have their own gate in the unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -- '*.sh' '.ci/run' | grep -v -e '^test/fixtures/' -e '^test/e2e/validate/corpus/')
shellcheck --severity=warning "${files[@]}"
