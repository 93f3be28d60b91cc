#!/bin/sh
#  $1 root, $2 token: leaves a cancel marker in the lock, only if this run holds it (roll waits watch for it).

lock="$1/.deploy-lock"
if grep -q "\"token\":\"$2\"" "$lock/owner.json" 2>/dev/null; then : > "$lock/cancel"; echo "cancel=marked"; fi
