#!/bin/sh
# $1 seconds to wait for the Docker daemon to answer, then container ids to remove once it does.
# After a daemon restart, containers with a restart policy come back: the ones a failed or finished
# roll meant to remove must go, or the host runs two releases of a service.

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
