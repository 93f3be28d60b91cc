#!/bin/sh
# The PostgreSQL server binaries here, one dir a line: Debian's and Ubuntu's
# /usr/lib/postgresql/<major>/bin, then pg_config's.

for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && echo "$d"
done
pg_config --bindir 2>/dev/null
exit 0
