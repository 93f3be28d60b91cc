/**
 * The deploy lock's host scripts, run as `sh -c SCRIPT NAME ARG...` like every host script: every
 * variable part arrives as a positional argument, quoted by quoteArgv like any other argument.
 */

/**
 * Ending a lock (a release, or a break of a stale one) must happen once, to the lock that was judged:
 * whoever ends it first wins mkdir "$lock/ending" in it, checks it is still the same directory (inode)
 * with the same owner record, and renames it aside (atomic). Two breakers of one stale lock cannot
 * both win, and a breaker that judged the old lock can never end the fresh one another made meanwhile
 * (the old one stays aside until the new one exists, so the new one cannot reuse its inode).
 * set_aside TOKEN INODE: 0 and $aside set when this call moved that lock aside (TOKEN "-": a lock
 * without an owner record, whose run died between its mkdir and writing it).
 */
const SET_ASIDE_FN = `
owns() {
  if [ "$1" = - ]; then [ ! -e "$lock/owner.json" ]; else grep -q "\\"token\\":\\"$1\\"" "$lock/owner.json" 2>/dev/null; fi
}
set_aside() {
  mkdir "$lock/ending" 2>/dev/null || return 1
  if [ "$(stat -c %i "$lock" 2>/dev/null)" != "$2" ] || ! owns "$1"; then rmdir "$lock/ending" 2>/dev/null; return 1; fi
  aside="$lock.ended.$$"
  mv "$lock" "$aside"
}
`;

/**
 * $1 root, $2 token (inside the owner record, named here for the process list), $3 stale-after
 * seconds, $4 force (true/false), $5 lease seconds; stdin: the owner record. The holder renews
 * $lock/lease while it works; a lock whose lease was not renewed for $5 seconds belongs to a run that
 * is gone (killed outright) and is taken over without a person. Without a lease file (a run of an
 * older version), only force-unlock after stale-after breaks it.
 */
export const LOCK_SCRIPT = `
root=$1 stale=$3 force=$4 lease=$5
lock="$root/.deploy-lock"
${SET_ASIDE_FN}
take() { cat > "$lock/owner.json"; : > "$lock/lease"; }
mkdir -p "$root" || exit 1
if mkdir "$lock" 2>/dev/null; then take; echo "lock=acquired"; exit 0; fi
ino=$(stat -c %i "$lock" 2>/dev/null)
now=$(date +%s)
owner=$(tr -d '\\n' < "$lock/owner.json" 2>/dev/null)
since=$(stat -c %Y "$lock" 2>/dev/null || echo "$now")
renewed=$(stat -c %Y "$lock/lease" 2>/dev/null)
echo "lock=held"
echo "age=$((now - since))"
[ -n "$renewed" ] && echo "lease-age=$((now - renewed))"
printf 'owner=%s\\n' "$owner"
# The owner and the ages must be of one lock: one that changed while being read is not judged.
[ -n "$ino" ] && [ "$(stat -c %i "$lock" 2>/dev/null)" = "$ino" ] || exit 75
held_by=$(printf '%s' "$owner" | sed -n 's/.*"token":"\\([0-9a-zA-Z]*\\)".*/\\1/p')
how=
if [ -n "$renewed" ] && [ $((now - renewed)) -ge "$lease" ]; then how=taken-over
elif [ "$force" = true ] && [ $((now - since)) -ge "$stale" ]; then how=broken
fi
if [ -n "$how" ] && set_aside "\${held_by:--}" "$ino"; then
  if mkdir "$lock" 2>/dev/null; then
    take
    rm -rf "$aside"
    echo "lock=$how"
    exit 0
  fi
  rm -rf "$aside"
fi
exit 75
`;

/** $1 root, $2 token: renews the lease of the lock this run holds (the heartbeat of a working deploy). */
export const RENEW_LEASE_SCRIPT = `
lock="$1/.deploy-lock"
if grep -q "\\"token\\":\\"$2\\"" "$lock/owner.json" 2>/dev/null; then : > "$lock/lease"; echo "lease=renewed"; else echo "lease=not-ours"; fi
`;

/** $1 root, $2 token: leaves a cancel marker in the lock, only if this run holds it (roll waits watch for it). */
export const CANCEL_SCRIPT = `
lock="$1/.deploy-lock"
if grep -q "\\"token\\":\\"$2\\"" "$lock/owner.json" 2>/dev/null; then : > "$lock/cancel"; echo "cancel=marked"; fi
`;

/** $1 root, $2 token: removes the lock only if this run holds it. */
export const UNLOCK_SCRIPT = `
lock="$1/.deploy-lock"
${SET_ASIDE_FN}
if owns "$2" && set_aside "$2" "$(stat -c %i "$lock" 2>/dev/null)"; then rm -rf "$aside"; echo "lock=released"; else echo "lock=not-ours"; fi
`;
