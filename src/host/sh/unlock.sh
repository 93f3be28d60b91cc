#!/bin/sh
#  $1 root, $2 token: removes the lock only if this run holds it.
# shellcheck disable=SC2154 # aside: set by set_aside (set-aside.fn.sh)

lock="$1/.deploy-lock"
# include: set-aside.fn.sh
if owns "$2" && set_aside "$2" "$(stat -c %i "$lock" 2>/dev/null)"; then rm -rf "$aside"; echo "lock=released"; else echo "lock=not-ours"; fi
