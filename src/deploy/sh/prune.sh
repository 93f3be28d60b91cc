#!/bin/sh
#  $1 root, then the release shas to keep: removes other releases and the images only they used.

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
