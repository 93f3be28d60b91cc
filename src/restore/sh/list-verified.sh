#!/bin/sh
# $1 dir: every dump in it that has both its manifest and its checksum beside it (a verified backup).

for f in "$1"/*.dump; do
  [ -f "$f" ] && [ -f "$f.json" ] && [ -f "$f.sha256" ] && printf '%s\n' "${f##*/}"
done
exit 0
