#!/bin/sh
# Rolls one service. $1 service, $2 replicas, $3 timeout, $4 min-ready seconds, $5 drain seconds,
# $6 health URL or "", $7 strategy (rolling|recreate), $8 project, $9 stop grace seconds, $10 a
# cancel marker path or "" (when it appears, the wait gives up at once and the old containers keep
# serving), $11 the healthcheck's command as quoted words or "" (run by the wait itself while Docker
# still says "starting", so readiness is seen at once rather than at Docker's next interval); then the
# Compose command ("docker compose ..." or "docker-compose ...", files and env file included).
#
# rolling: start the new containers beside the old (--scale 2n --no-recreate), wait until every
# new one is ready, let the proxy see them for the drain delay, then stop the old ones within their
# grace period. If a new container is not ready in time, the new ones are removed and the old keep serving.
# recreate: stop first (a short outage), then wait for the new ones.

# include: on-exit.fn.sh
svc=$1 n=$2 timeout=$3 min_ready=$4 drain=$5 url=$6 strategy=$7 project=$8 grace=$9 cancel=${10} probe=${11}
shift 11
ids() {
  docker ps -aq --no-trunc --filter "label=com.docker.compose.project=$project" \
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
    if [ "$now" -ge "$deadline" ]; then report_failure "$id" "not ready after ${timeout}s (health: $2)"; return 1; fi
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
count=$(printf '%s\n' $old | grep -c . || true)
echo "old=$(echo $old)"
# Without on_exit, every roll cut short (a signal) left its compose output in /tmp. Set before the
# file exists: a signal between mktemp and the traps left it (sh runs a trap only once the assignment is done).
uplog=
on_exit 'rm -f "$uplog"'
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
new=$(printf '%s\n' $now_ids | grep -vxF "$(printf '%s\n' $old)" || true)
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
