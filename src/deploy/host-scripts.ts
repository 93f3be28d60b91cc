/**
 * Fixed shell scripts run on the host as `sh -c SCRIPT NAME ARG...`. They are constants: every
 * variable part arrives as a positional argument, quoted by quoteArgv like any other argument.
 * Keeping the loops here means a health wait costs one SSH round trip, however many polls it takes.
 */

/**
 * Shared by the scripts that make a release live: prints compose-file=<f> for each Compose file the
 * release $1 recorded, live-compose-file=<f> for the live release's, and changed=<f> for each of
 * $1's files that differs from the live release's. A running service that bind-mounts a changed file
 * must be recreated to see it (its Compose definition, and so Compose's own change check, is unchanged).
 */
const RELEASE_RECORDS_FN = `
release_records() {
  [ -f "$1/.compose-files" ] && sed 's/^/compose-file=/' "$1/.compose-files"
  [ -f "$root/current/.compose-files" ] && sed 's/^/live-compose-file=/' "$root/current/.compose-files"
  [ -d "$root/current" ] || return 0
  (cd "$1" && find . -type f ! -name .env) | while read -r f; do
    f=\${f#./}
    if [ ! -f "$root/current/$f" ] || [ "$(cksum < "$1/$f")" != "$(cksum < "$root/current/$f")" ]; then echo "changed=$f"; fi
  done
}
`;

/** $1 root, $2 sha; stdin: base64 of a tar of the release files. Replaces releases/<sha> atomically; prints release_records of it, and removed-leftover=<dir> for each interrupted upload it cleared. */
export const UNPACK_RELEASE_SCRIPT = `
set -eu
root=$1 sha=$2
${RELEASE_RECORDS_FN}
# maintenance/ exists before any proxy mounts it: Docker would create a missing one owned by root.
mkdir -p "$root/releases" "$root/maintenance"
# An upload killed outright (SIGKILL, a runner that vanished) ran no trap and left its directory,
# .env included. This deploy holds the lock, so every .incoming-* is such a leftover.
for old in "$root"/releases/.incoming-*; do
  [ -e "$old" ] || continue
  rm -rf "$old"
  echo "removed-leftover=\${old##*/}"
done
incoming="$root/releases/.incoming-$sha-$$"
# A failed or interrupted extract must not leave a half release (with its .env) behind.
trap 'rm -rf "$incoming"' EXIT
trap 'rm -rf "$incoming"; trap - EXIT; exit 129' HUP
trap 'rm -rf "$incoming"; trap - EXIT; exit 130' INT
trap 'rm -rf "$incoming"; trap - EXIT; exit 141' PIPE
trap 'rm -rf "$incoming"; trap - EXIT; exit 143' TERM
mkdir -p "$incoming"
base64 -d | tar -x -f - -C "$incoming"
release_records "$incoming"
rm -rf "$root/releases/$sha"
mv "$incoming" "$root/releases/$sha"
echo "unpacked=$root/releases/$sha"
`;

/** $1 root, $2 sha of a kept release (rollback): exit 4 when it is gone, else release_records of it. */
export const KEPT_RELEASE_SCRIPT = `
root=$1 sha=$2
${RELEASE_RECORDS_FN}
dir="$root/releases/$sha"
if [ ! -f "$dir/.env" ]; then echo "missing=$dir"; exit 4; fi
release_records "$dir"
exit 0
`;

/**
 * Shared by the scripts that log in to the registry: private_login DIR REGISTRY USER ERRFILE logs in
 * with the password on stdin into DIR, a DOCKER_CONFIG of the script's own (exported for the rest of
 * it, removed by the caller's traps); a refusal prints login=refused and ends the script with exit 3.
 */
export const PRIVATE_LOGIN_FN = `
private_login() {
  export DOCKER_CONFIG="$1"
  if ! docker login "$2" --username "$3" --password-stdin >/dev/null 2>"$4"; then
    echo "login=refused"
    cat "$4" >&2
    exit 3
  fi
}`;

/**
 * $1 registry, $2 user ("" for no login), then images; stdin: the registry password. Logs in into a
 * private DOCKER_CONFIG that exists only while this script runs, then pulls the images not on the
 * host yet, retrying transient failures (not a missing image or a refusal). Exit 3: the registry refused the login.
 */
export const PULL_SCRIPT = `
${PRIVATE_LOGIN_FN}
registry=$1 user=$2
shift 2
err=
auth=
cleanup() { [ -z "$err" ] || rm -f "$err"; [ -z "$auth" ] || rm -rf "$auth"; }
# A signal (the SSH client gone, a cancelled run) must not leave the login in /tmp either; the traps
# come before the first temporary file, so none is made that a signal could leave behind.
trap cleanup EXIT
trap 'cleanup; trap - EXIT; exit 129' HUP
trap 'cleanup; trap - EXIT; exit 130' INT
trap 'cleanup; trap - EXIT; exit 141' PIPE
trap 'cleanup; trap - EXIT; exit 143' TERM
err=$(mktemp)
if [ -n "$user" ]; then
  auth=$(mktemp -d) || exit 1
  private_login "$auth" "$registry" "$user" "$err"
fi
# "--": an image reference comes from the rendered Compose file and must never act as an option.
for img in "$@"; do
  if docker image inspect -- "$img" >/dev/null 2>&1; then echo "present=$img"; continue; fi
  n=0
  until docker pull -q -- "$img" >/dev/null 2>"$err"; do
    n=$((n + 1))
    # An image that is not there, or a refusal, will not change on a retry.
    if [ $n -ge 3 ] || grep -qiE 'manifest unknown|not found|unauthorized|denied|invalid reference' "$err"; then
      echo "failed=$img"; cat "$err" >&2; exit 1
    fi
    sleep $((n * 2))
  done
  echo "pulled=$img"
done
`;

/**
 * Rolls one service. $1 service, $2 replicas, $3 timeout, $4 min-ready seconds, $5 drain seconds,
 * $6 health URL or "", $7 strategy (rolling|recreate), $8 project, $9 stop grace seconds, $10 a
 * cancel marker path or "" (when it appears, the wait gives up at once and the old containers keep
 * serving), $11 the healthcheck's command as quoted words or "" (run by the wait itself while Docker
 * still says "starting", so readiness is seen at once rather than at Docker's next interval); then the
 * Compose command ("docker compose ..." or "docker-compose ...", files and env file included).
 *
 * rolling: start the new containers beside the old (--scale 2n --no-recreate), wait until every
 * new one is ready, let the proxy see them for the drain delay, then stop the old ones within their
 * grace period. If a new container is not ready in time, the new ones are removed and the old keep serving.
 * recreate: stop first (a short outage), then wait for the new ones.
 */
export const ROLL_SCRIPT = `
svc=$1 n=$2 timeout=$3 min_ready=$4 drain=$5 url=$6 strategy=$7 project=$8 grace=$9 cancel=\${10} probe=\${11}
shift 11
ids() {
  docker ps -aq --no-trunc --filter "label=com.docker.compose.project=$project" \\
    --filter "label=com.docker.compose.service=$svc" --filter "label=com.docker.compose.oneoff=False" | sort
}
report_failure() {
  id=$1 why=$2
  echo "failed=$id"
  echo "reason=$why"
  docker inspect -f '{{if .State.Health}}{{range .State.Health.Log}}{{printf "%s" .Output}}{{end}}{{end}}' "$id" 2>/dev/null | tail -n 20 | sed 's/^/health| /'
  docker logs --tail 30 "$id" 2>&1 | sed 's/^/log| /'
}
cancelled() { [ -n "$cancel" ] && [ -e "$cancel" ]; }
# A failed docker command may mean the daemon itself is away (a restart): that is said as such.
docker_down() { ! docker version >/dev/null 2>&1; }
# Milliseconds on this host's clock (whole seconds where date has no %N).
now_ms() {
  t=$(date +%s%N 2>/dev/null)
  case $t in ''|*[!0-9]*) echo $(( $(date +%s) * 1000 )) ;; *) echo $((t / 1000000)) ;; esac
}
# The service's own healthcheck, run now: Docker runs it only every interval, and an app that is up
# should not wait for the next one. $probe holds the command's words, quoted by compose-deploy.
probe_ok() {
  [ -n "$probe" ] || return 1
  probe_id=$1
  eval "set -- $probe"
  timeout 10 docker exec "$probe_id" "$@" >/dev/null 2>&1
}
# The new containers go when this roll fails. If Docker cannot remove them (the daemon restarting),
# they are named: their restart policy would bring them back beside the old ones.
remove_new() {
  if docker rm -f $new >/dev/null 2>&1; then echo "removed-new=$(echo $new)"; else echo "stranded=$(echo $new)"; fi
}
wait_ready() {
  id=$1 seen_start='' seen_at='' pause_ms=100
  while :; do
    st=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.StartedAt}}' "$id" 2>/dev/null) || st="gone none 0 -"
    if [ "$st" = "gone none 0 -" ] && docker_down; then report_failure "$id" "the Docker daemon stopped answering"; return 1; fi
    set -- $st
    now=$(date +%s)
    if cancelled; then report_failure "$id" "deploy cancelled"; return 1; fi
    case "$1" in running) ;; *) report_failure "$id" "container is $1"; return 1 ;; esac
    if [ "$3" != 0 ]; then report_failure "$id" "container restarted $3 times"; return 1; fi
    # Without a healthcheck, ready means the same start time for min_ready seconds of this host's
    # clock: no date parsing, which busybox date cannot do for Docker's timestamps.
    if [ "$4" != "$seen_start" ]; then seen_start=$4 seen_at=$(now_ms); fi
    ok=
    case "$2" in
      healthy) ok=1 ;;
      unhealthy) report_failure "$id" "healthcheck reported unhealthy"; return 1 ;;
      starting) probe_ok "$id" && ok=1 ;;
      none) [ $(($(now_ms) - seen_at)) -ge $((min_ready * 1000)) ] && ok=1 ;;
    esac
    if [ -n "$ok" ] && [ -n "$url" ]; then
      timeout 10 docker exec "$id" wget -q -O /dev/null "$url" >/dev/null 2>&1 || ok=
    fi
    if [ -n "$ok" ]; then echo "ready=$id after=$((now - t0))"; return 0; fi
    if [ "$now" -ge "$deadline" ]; then report_failure "$id" "not ready after \${timeout}s (health: $2)"; return 1; fi
    # Each poll is a docker inspect and, while starting, a docker exec of the healthcheck: at a tenth
    # of a second throughout, the roll's own polling took most of a small host's processor while the
    # app it waited on was booting. The pause grows from 0.1 s to 0.5 s: an app ready at once is seen
    # at once, a slow boot is seen at most half a second late.
    sleep "0.$(printf '%03d' "$pause_ms")"
    pause_ms=$((pause_ms * 3 / 2))
    [ "$pause_ms" -le 500 ] || pause_ms=500
  done
}
still_ready() {
  st=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}}' "$1" 2>/dev/null) || st="gone none 0"
  if [ "$st" = "gone none 0" ] && docker_down; then report_failure "$1" "the Docker daemon stopped answering during the drain"; return 1; fi
  set -- "$1" $st
  if [ "$2" != running ]; then report_failure "$1" "container is $2 after the drain"; return 1; fi
  if [ "$4" != 0 ]; then report_failure "$1" "container restarted during the drain"; return 1; fi
  case "$3" in healthy|none) return 0 ;; esac
  # Ready by its own healthcheck before Docker's first run of it: still passing is still ready.
  if [ "$3" = starting ] && probe_ok "$1"; then return 0; fi
  report_failure "$1" "healthcheck turned $3 during the drain"
  return 1
}
t0=$(date +%s)
deadline=$((t0 + timeout))
echo "at-start=$(now_ms)"
old=$(ids)
count=$(printf '%s\\n' $old | grep -c . || true)
echo "old=$(echo $old)"
# sh runs no EXIT trap when a signal ends it (the SSH connection gone, a killed runner): without
# these, every roll cut short left its compose output in /tmp. Set before the file exists: a signal
# between mktemp and the traps left it (sh runs a trap only once the assignment is done).
uplog=
trap 'rm -f "$uplog"' EXIT
trap 'rm -f "$uplog"; trap - EXIT; exit 129' HUP
trap 'rm -f "$uplog"; trap - EXIT; exit 130' INT
trap 'rm -f "$uplog"; trap - EXIT; exit 143' TERM
uplog=$(mktemp)
# "--": the service is a name, never an option (the name was checked too, before it got here).
if [ -z "$old" ]; then
  "$@" up -d --no-deps --scale "$svc=$n" -- "$svc" >"$uplog" 2>&1
elif [ "$strategy" = recreate ]; then
  "$@" up -d --no-deps --force-recreate --scale "$svc=$n" -- "$svc" >"$uplog" 2>&1
else
  "$@" up -d --no-deps --no-recreate --scale "$svc=$((count + n))" -- "$svc" >"$uplog" 2>&1
fi
up_status=$?
echo "at-up=$(now_ms)"
now_ids=$(ids)
new=$(printf '%s\\n' $now_ids | grep -vxF "$(printf '%s\\n' $old)" || true)
[ -n "$old" ] && [ "$strategy" = recreate ] && new=$now_ids
echo "new=$(echo $new)"
if [ "$up_status" != 0 ] || [ -z "$new" ]; then
  # A daemon restarting under compose up fails it, or hides what it created from the listing above.
  if docker_down; then echo "reason=the Docker daemon stopped answering"
  elif [ "$up_status" != 0 ]; then echo "reason=compose up failed (exit $up_status)"
  else echo "reason=compose started no new container"; fi
  tail -n 20 "$uplog" | sed 's/^/log| /'
  if [ "$strategy" != recreate ] && [ -n "$old" ] && [ -n "$new" ]; then remove_new; fi
  exit 1
fi
for id in $new; do
  if ! wait_ready "$id"; then
    if [ "$strategy" != recreate ] && [ -n "$old" ]; then remove_new; fi
    exit 1
  fi
done
echo "at-ready=$(now_ms)"
if [ "$strategy" != recreate ] && [ -n "$old" ]; then
  sleep "$drain"
  echo "at-drained=$(now_ms)"
  if cancelled; then
    echo "reason=deploy cancelled"
    remove_new
    exit 1
  fi
  # A container that turned unhealthy (or restarted) while both served must not be the one left.
  for id in $new; do
    if ! still_ready "$id"; then
      remove_new
      exit 1
    fi
  done
  if docker stop -t "$grace" $old >/dev/null && docker rm $old >/dev/null; then
    echo "stopped-old=$(echo $old)"
  else
    # The daemon went away (a restart) after the new ones were ready: the old ones must still go.
    echo "stranded=$(echo $old)"
  fi
fi
echo "at-end=$(now_ms)"
echo "done-after=$(( $(date +%s) - t0 ))"
`;

/**
 * $1 seconds to wait for the Docker daemon to answer, then container ids to remove once it does.
 * After a daemon restart, containers with a restart policy come back: the ones a failed or finished
 * roll meant to remove must go, or the host runs two releases of a service.
 */
export const SETTLE_SCRIPT = `
wait=$1; shift
i=0
until docker version >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -gt $((wait * 4)) ]; then echo "docker=down"; [ $# -eq 0 ] || echo "stranded=$*"; exit 1; fi
  sleep 0.25
done
echo "docker=up waited=$((i / 4))"
left=
for id in "$@"; do
  # A container already gone counts as removed.
  docker rm -f -- "$id" >/dev/null 2>&1 || { docker inspect -- "$id" >/dev/null 2>&1 && left="$left $id"; }
done
[ $# -eq 0 ] || echo "removed=$*"
if [ -n "$left" ]; then echo "stranded=$(echo $left)"; exit 1; fi
exit 0
`;

/**
 * $1 project: every service container (one-off runs aside) as "service image id", so a deploy that
 * failed can say whether the host runs containers of two releases.
 */
export const CONTAINERS_SCRIPT = `
docker ps -a --no-trunc --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.oneoff=False" \\
  --format '{{.Label "com.docker.compose.service"}} {{.Image}} {{.ID}}'
`;

/** $1 root, $2 sha: points current at the release (atomic rename of a new symlink). */
export const SWITCH_CURRENT_SCRIPT = `
set -eu
ln -sfn "releases/$2" "$1/.current-next"
mv -T "$1/.current-next" "$1/current"
echo "current=$2"
`;

/** $1 root; stdin: one JSON line appended to the audit log. */
export const AUDIT_SCRIPT = `
cat >> "$1/releases.jsonl"
`;

/** $1 root, then the release shas to keep: removes other releases and the images only they used. */
export const PRUNE_SCRIPT = `
root=$1; shift
keep=" $* "
for d in "$root"/releases/*; do
  [ -d "$d" ] || continue
  sha=$(basename "$d")
  case "$keep" in *" $sha "*) continue ;; esac
  rm -rf "$d"
  echo "pruned=$sha"
  docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -F ":sha-$sha" | while read -r img; do
    docker image rm "$img" >/dev/null 2>&1 && echo "pruned-image=$img"
  done
done
exit 0
`;
