#!/bin/sh
#  $1 backup dir: each dump's manifest, one line each (manifest=<dump name> <json>).

for f in "$1"/*.dump.json; do
  [ -f "$f" ] || continue
  name=${f##*/}
  printf 'manifest=%s %s\n' "${name%.json}" "$(tr -d '\n' < "$f")"
done
exit 0
