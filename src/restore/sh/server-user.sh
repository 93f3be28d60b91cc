#!/bin/sh
# The unprivileged user to run a disposable server as, "name uid gid": postgres, else nobody. Exit 1: neither.

for u in postgres nobody; do
  if id -u "$u" >/dev/null 2>&1; then
    echo "$u $(id -u "$u") $(id -g "$u")"
    exit 0
  fi
done
exit 1
