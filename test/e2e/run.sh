#!/usr/bin/env bash
# Brings the real test host up, runs the e2e suite against it, and tears down what it started.
# COMPOSE_DEPLOY_HARNESS_COMPOSE names the Compose versions to run the whole suite under: v2
# (`docker compose` and buildx, the default: what runners and hosts have) and/or v1 (`docker-compose`
# and the classic builder), e.g. "v2 v1". A failure under either fails the run; every file is run.
#
# Files run in lanes side by side: each version has its own sshd (host) and runner DOCKER_CONFIG, and
# every test names its projects, releases, images, ports and temp dirs uniquely (each file gets a
# TMPDIR of its own), so files share only the Docker engine, the registry and the deploy user.
# - COMPOSE_DEPLOY_E2E_JOBS lanes (default 3 with two versions, 2 with one) take (version, file) pairs
#   from one queue, slowest files first, so no lane is left with a long file at the end;
# - the files that touch no Compose (ONCE_FILES: restore drills, which also look for every drill
#   container on the engine; the external-Postgres backup; the test that runs both Compose versions
#   itself; the harness swarm's smoke test, which builds its own engines) run under v2 only, one after
#   another in a lane of their own;
# - the files that restart the Docker daemon (SOLO_FILES) run last, alone, under each version.
# COMPOSE_DEPLOY_E2E_SERIAL=1 runs one file at a time, the versions one after the other. Files named
# on the command line run one at a time under each version.
# The run ends with its ten slowest files, their version and durations (test/lib/slowest-files-reporter.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
versions=${COMPOSE_DEPLOY_HARNESS_COMPOSE:-v2}
read -r -a versions <<<"${versions//,/ }"
for v in "${versions[@]}"; do
  case "$v" in v1|v2) ;; *) echo "run.sh: COMPOSE_DEPLOY_HARNESS_COMPOSE=${versions[*]}: want v2, v1 or both (\"v2 v1\")" >&2; exit 2 ;; esac
done
SOLO_FILES=(test/e2e/deploy/docker-restart.test.ts)
ONCE_FILES=(test/e2e/restore/restore-test.test.ts test/e2e/restore/source-ssh.test.ts test/e2e/restore/source-copy.test.ts test/e2e/restore/newer-major.test.ts test/e2e/backup/external.test.ts test/e2e/validate/versions.test.ts test/e2e/swarm/harness.test.ts test/e2e/swarm/deploy.test.ts test/e2e/restore/hostile-dump.test.ts)
# The slowest files of a quiet run, slowest first; the others follow in path order.
SLOW_FIRST=(test/e2e/deploy/deploy.test.ts test/e2e/validate/hostile.test.ts test/e2e/rollback/rollback.test.ts test/e2e/db-restore/killed.test.ts test/e2e/db-restore/restore.test.ts test/e2e/db-restore/with-data.test.ts test/e2e/backup/backup.test.ts test/e2e/deploy/names-paths.test.ts test/e2e/build/build.test.ts test/e2e/validate/corpus.test.ts test/e2e/deploy/health-faults.test.ts test/e2e/backup/pre-deploy.test.ts)

# Expanded here: node 20's test runner takes no glob patterns.
shopt -s globstar
all_files=(test/e2e/**/*.test.ts)
in_list() { # word, list...
  local w=$1 x
  shift
  for x in "$@"; do [ "$x" = "$w" ] && return 0; done
  return 1
}

logs=$(mktemp -d)
times="$logs/times.tsv"
: >"$times"
suite() { # version, files...: one node test run, one file at a time, in a TMPDIR of its own
  local v=$1
  shift
  COMPOSE_DEPLOY_HARNESS_COMPOSE=$v COMPOSE_DEPLOY_TEST_TIMES=$times bash scripts/with-private-tmp.sh \
    node --import tsx --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=./test/lib/slowest-files-reporter.mjs --test-reporter-destination=stdout "$@"
}
# A lane's output is printed whole when its file is done, never interleaved with another's.
print_log() { # title, log
  {
    flock 9
    echo "=== $1 ===" >&2
    cat "$2"
  } 9>"$logs/print.lock"
}
failed() { # version, file, log
  { flock 9; printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$logs/failed.tsv"; } 9>"$logs/failed.lock"
}
run_job() { # version, log name, files...
  local v=$1 name=$2
  shift 2
  local log="$logs/$name.log"
  if suite "$v" "$@" >"$log" 2>&1; then print_log "Compose $v: $*" "$log"; else print_log "Compose $v: $* (FAILED)" "$log"; failed "$v" "$*" "$log"; fi
}
next_job() { # prints the queue's next "version file" line, and takes it off
  {
    flock 9
    head -n 1 "$logs/queue"
    sed -i 1d "$logs/queue"
  } 9>"$logs/queue.lock"
}
lane() { # lane number
  local line n=0
  while line=$(next_job) && [ -n "$line" ]; do
    n=$((n + 1))
    run_job "${line%% *}" "lane$1-$n" "${line#* }"
  done
}

pids=()
kill_tree() { # pid: its descendants first, so none is left with parent 1
  local c
  for c in $(pgrep -P "$1" || true); do kill_tree "$c"; done
  kill -TERM "$1" 2>/dev/null || true
}
stop_lanes() {
  trap '' INT TERM
  local p
  for p in "${pids[@]}"; do kill_tree "$p"; done
  exit 143
}
bash test/e2e/harness/up.sh
trap 'rm -rf "$logs"; bash test/e2e/harness/down.sh' EXIT
trap stop_lanes INT TERM

if [ $# -gt 0 ]; then
  for v in "${versions[@]}"; do run_job "$v" "$v-named" "$@"; done
else
  ordered=("${SLOW_FIRST[@]}")
  for f in "${all_files[@]}"; do in_list "$f" "${SLOW_FIRST[@]}" || ordered+=("$f"); done
  serial=${COMPOSE_DEPLOY_E2E_SERIAL:-}
  : >"$logs/queue"
  for f in "${ordered[@]}"; do
    in_list "$f" "${SOLO_FILES[@]}" && continue
    once=no
    in_list "$f" "${ONCE_FILES[@]}" && once=yes
    for v in "${versions[@]}"; do
      [ "$once" = yes ] && [ "$v" != v2 ] && [ "${#versions[@]}" -gt 1 ] && continue
      # Not serial: the once-files have their own lane (below).
      [ "$once" = yes ] && [ "$serial" != 1 ] && continue
      echo "$v $f" >>"$logs/queue"
    done
  done
  if [ "$serial" = 1 ]; then
    jobs=1
    sort -s -k1,1r "$logs/queue" -o "$logs/queue" # v2's files, then v1's
  else
    jobs=${COMPOSE_DEPLOY_E2E_JOBS:-$((${#versions[@]} + 1))}
  fi
  once_version=v2
  in_list v2 "${versions[@]}" || once_version=${versions[0]}
  echo "=== e2e suite under Compose ${versions[*]}: $(wc -l <"$logs/queue") files in $jobs lanes$([ "$serial" = 1 ] || echo ", ${#ONCE_FILES[@]} files that touch no Compose in a lane of their own") ===" >&2
  if [ "$serial" != 1 ]; then
    run_job "$once_version" once "${ONCE_FILES[@]}" &
    pids+=($!)
  fi
  for i in $(seq 1 "$jobs"); do
    lane "$i" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  for v in "${versions[@]}"; do run_job "$v" "$v-solo" "${SOLO_FILES[@]}"; done
fi

echo "=== the ten slowest e2e files (time in their top-level tests) ===" >&2
sort -t $'\t' -k1,1nr "$times" | head -n 10 | awk -F '\t' '{ printf "  %7.1f s  %s  %s\n", $1, $2, $3 }' >&2
if [ -s "$logs/failed.tsv" ]; then
  # Each failed file's failing tests last, where a CI log's tail shows them, and short, so one file's
  # long output cannot push another's out of that tail (each lane's whole log was printed above):
  # the test names, the error lines, and the last lines of the failure, each cut to 300 characters.
  while IFS=$'\t' read -r v files log; do
    echo "=== failing tests under Compose $v: $files ===" >&2
    sed -n '/failing tests:/,$p' "$log" >"$logs/failing.txt"
    {
      grep -E '^[[:space:]]*(✖|not ok)' "$logs/failing.txt" | head -n 20
      echo "--- error lines:"
      grep -E '::error::|Error( \[|:)|!==|[[:space:]]killed after' "$logs/failing.txt" | grep -v '^[[:space:]]*at ' | head -n 20
      echo "--- the end:"
      tail -n 25 "$logs/failing.txt"
    } | cut -c1-300 >&2
  done <"$logs/failed.tsv"
  echo "=== e2e suite failed: $(cut -f1,2 "$logs/failed.tsv" | tr '\t\n' ' ;') ===" >&2
  exit 1
fi
