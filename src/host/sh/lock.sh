#!/bin/sh
# $1 root, $2 token (inside the owner record, named here for the process list), $3 stale-after
# seconds, $4 force (true/false), $5 lease seconds; stdin: the owner record. The holder renews
# $lock/lease while it works; a lock whose lease was not renewed for $5 seconds belongs to a run that
# is gone (killed outright) and is taken over without a person. Without a lease file (a run of an
# older version), only force-unlock after stale-after breaks it.
# shellcheck disable=SC2154 # aside: set by set_aside (set-aside.fn.sh)

root=$1 stale=$3 force=$4 lease=$5
lock="$root/.deploy-lock"
# include: set-aside.fn.sh
take() { cat > "$lock/owner.json"; : > "$lock/lease"; }
mkdir -p "$root" || exit 1
if mkdir "$lock" 2>/dev/null; then take; echo "lock=acquired"; exit 0; fi
ino=$(stat -c %i "$lock" 2>/dev/null)
now=$(date +%s)
owner=$(tr -d '\n' < "$lock/owner.json" 2>/dev/null)
since=$(stat -c %Y "$lock" 2>/dev/null || echo "$now")
renewed=$(stat -c %Y "$lock/lease" 2>/dev/null)
echo "lock=held"
echo "age=$((now - since))"
[ -n "$renewed" ] && echo "lease-age=$((now - renewed))"
printf 'owner=%s\n' "$owner"
# The owner and the ages must be of one lock: one that changed while being read is not judged.
[ -n "$ino" ] && [ "$(stat -c %i "$lock" 2>/dev/null)" = "$ino" ] || exit 75
held_by=$(printf '%s' "$owner" | sed -n 's/.*"token":"\([0-9a-zA-Z]*\)".*/\1/p')
how=
if [ -n "$renewed" ] && [ $((now - renewed)) -ge "$lease" ]; then how=taken-over
elif [ "$force" = true ] && [ $((now - since)) -ge "$stale" ]; then how=broken
fi
if [ -n "$how" ] && set_aside "${held_by:--}" "$ino"; then
  if mkdir "$lock" 2>/dev/null; then
    take
    rm -rf "$aside"
    echo "lock=$how"
    exit 0
  fi
  rm -rf "$aside"
fi
exit 75
