#!/bin/sh
#  $1 deploy path, $2 write|clear; stdin (write): the state JSON, written under a temporary name and renamed.

root=$1 what=$2
dir="$root/restore"
if [ "$what" = clear ]; then rm -f "$dir/state.json"; exit $?; fi
mkdir -p "$dir" && cat > "$dir/.state.tmp" && mv -f "$dir/.state.tmp" "$dir/state.json"
