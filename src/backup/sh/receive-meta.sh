#!/bin/sh
# On the copy-to host. $1 dir, $2 file name, $3 sha256; stdin: the manifest. Writes the manifest and
# sidecar beside the received dump, then checks the dump against the sidecar with sha256sum -c.

dir=$1 name=$2 sum=$3
cat >"$dir/$name.json" || exit 1
printf '%s  %s\n' "$sum" "$name" >"$dir/$name.sha256" || exit 1
cd "$dir" && sha256sum -c "$name.sha256" >/dev/null && echo "verified=$dir/$name"
