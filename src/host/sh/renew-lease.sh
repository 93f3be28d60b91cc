#!/bin/sh
#  $1 root, $2 token: renews the lease of the lock this run holds (the heartbeat of a working deploy).

lock="$1/.deploy-lock"
if grep -q "\"token\":\"$2\"" "$lock/owner.json" 2>/dev/null; then : > "$lock/lease"; echo "lease=renewed"; else echo "lease=not-ours"; fi
