#!/bin/sh
# Runs inside the database container: $1 snapshot, $2 user, $3 database. pg_dump's stream goes to
# stdout (the host's file) and, through a FIFO, to pg_restore, which reads and decompresses every
# data block while the dump is written: a bad block fails now, not on the day of a restore. Both
# run in the container, so the stream crosses Docker once, as a plain dump's does. The statuses
# come back on stderr as dump-rc=, verify-rc=, tee-rc= lines; stdout carries only the dump.

snap=$1 user=$2 db=$3
w=$(mktemp -d) && mkfifo "$w/verify" || { echo "dump-rc=no FIFO could be made in the container" >&2; exit 1; }
pg_restore -f /dev/null <"$w/verify" 2>"$w/restore.err" &
verify_pid=$!
{ pg_dump --format=custom --snapshot="$snap" -U "$user" -d "$db"; echo $? >"$w/dump.rc"; } | tee "$w/verify"
tee_rc=$?
wait "$verify_pid"
verify_rc=$?
cat "$w/restore.err" >&2
printf 'dump-rc=%s\nverify-rc=%s\ntee-rc=%s\n' "$(cat "$w/dump.rc" 2>/dev/null)" "$verify_rc" "$tee_rc" >&2
rm -rf "$w"
