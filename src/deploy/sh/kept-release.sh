#!/bin/sh
#  $1 root, $2 sha of a kept release (rollback): exit 4 when it is gone, else release_records of it.

root=$1 sha=$2
# include: release-records.fn.sh
dir="$root/releases/$sha"
if [ ! -f "$dir/.env" ]; then echo "missing=$dir"; exit 4; fi
release_records "$dir"
exit 0
