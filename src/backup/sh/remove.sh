#!/bin/sh
#  $1 backup dir, then file names in it: removes each with its sidecar and manifest.

dir=$1
shift
for name in "$@"; do
  rm -f "$dir/$name" "$dir/$name.sha256" "$dir/$name.json" && echo "removed=$name"
done
