#!/bin/sh
# Ending a lock (a release, or a break of a stale one) must happen once, to the lock that was judged:
# whoever ends it first wins mkdir "$lock/ending" in it, checks it is still the same directory (inode)
# with the same owner record, and renames it aside (atomic). Two breakers of one stale lock cannot
# both win, and a breaker that judged the old lock can never end the fresh one another made meanwhile
# (the old one stays aside until the new one exists, so the new one cannot reuse its inode).
# set_aside TOKEN INODE: 0 and $aside set when this call moved that lock aside (TOKEN "-": a lock
# without an owner record, whose run died between its mkdir and writing it).
# shellcheck disable=SC2154 # lock: the including script's

owns() {
  if [ "$1" = - ]; then [ ! -e "$lock/owner.json" ]; else grep -q "\"token\":\"$1\"" "$lock/owner.json" 2>/dev/null; fi
}
set_aside() {
  mkdir "$lock/ending" 2>/dev/null || return 1
  if [ "$(stat -c %i "$lock" 2>/dev/null)" != "$2" ] || ! owns "$1"; then rmdir "$lock/ending" 2>/dev/null; return 1; fi
  aside="$lock.ended.$$"
  mv "$lock" "$aside"
}
