#!/bin/sh
# The maintenance switch is one file, `<deploy-path>/maintenance/on`, so any proxy can follow it: the
# proxy mounts `${COMPOSE_DEPLOY_PATH}/maintenance` read-only and answers 503 while `on` exists. The
# directory itself is never removed (a bind mount holds its inode); only the file comes and goes.
# $1 deploy path, $2 on|off; stdin (on): who and why, one JSON line, written as the file's content.
# The file is written under a temporary name and renamed: a proxy never sees half of it.

root=$1 want=$2
dir="$root/maintenance"
was=off
[ -f "$dir/on" ] && was=on
if [ "$want" = on ]; then
  mkdir -p "$dir" || exit 1
  cat > "$dir/.on.tmp" && chmod 644 "$dir/.on.tmp" && mv -f "$dir/.on.tmp" "$dir/on" || { rm -f "$dir/.on.tmp"; exit 1; }
else
  rm -f "$dir/on" || exit 1
fi
echo "was=$was"
echo "maintenance=$want"
