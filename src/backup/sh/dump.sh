#!/bin/sh
# $1 container id, $2 database, $3 user, $4 temporary dump path, $5 counts SQL, $6 the in-container script.
# One psql session (fed through a FIFO, so it stays open) starts a REPEATABLE READ transaction and
# exports its snapshot; pg_dump --snapshot dumps exactly that snapshot while the same session counts
# every table's rows in it, so the counts match the dump even while writers insert. Then the file
# is checked: non-empty, PGDMP, pg_restore --list, and its sha256.
# Prints snapshot=, counts=, size=, checksum= (the sha256); on any failure removes the temporary file and exits 1.

id=$1 db=$2 user=$3 tmp=$4 counts_sql=$5 in_container=$6
work=$(mktemp -d) || exit 1
psql_pid='' dump_pid='' finished=''
cleanup() {
  exec 3>&- 4<&-
  for p in $dump_pid $psql_pid; do kill "$p" 2>/dev/null; done
  rm -rf "$work"
  # However this script ends before its last line, the partial dump goes with it.
  [ -n "$finished" ] || rm -f "$tmp"
}
fail() {
  rm -f "$tmp"
  printf 'failed=%s
' "$1"
  for f in "$work"/*.err; do [ -s "$f" ] && grep -v -- '-rc=' "$f" | sed "s/^/${f##*/}| /"; done
  exit 1
}
trap cleanup EXIT
trap 'rm -f "$tmp"; exit 129' HUP
trap 'rm -f "$tmp"; exit 130' INT
trap 'rm -f "$tmp"; exit 143' TERM
# A Postgres that dies mid-dump closes psql's end of the FIFO: writing to it must fail (and be
# reported below), not kill this script silently with SIGPIPE.
trap '' PIPE
mkfifo "$work/sql" "$work/out" || fail "mkfifo"
docker exec -i "$id" psql -X -q -A -t -v ON_ERROR_STOP=1 -U "$user" -d "$db" <"$work/sql" >"$work/out" 2>"$work/psql.err" &
psql_pid=$!
exec 3>"$work/sql" 4<"$work/out"
printf '%s
' 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;' "SELECT 'snapshot=' || pg_export_snapshot();" >&3
IFS= read -r line <&4 || fail "psql could not open the snapshot transaction"
case "$line" in snapshot=?*) snap=${line#snapshot=} ;; *) fail "unexpected psql output" ;; esac
echo "snapshot=$snap"
docker exec "$id" sh -c "$in_container" compose-deploy-dump "$snap" "$user" "$db" >"$tmp" 2>"$work/dump.err" &
dump_pid=$!
# Counted in the exporting transaction, while pg_dump reads the same snapshot.
printf '%s
' "$counts_sql" >&3
IFS= read -r counts <&4 || fail "the snapshot session ended before it counted the rows: did the database stop or restart during the dump?"
wait "$dump_pid"; exec_rc=$?; dump_pid=''
printf 'COMMIT;
' >&3
exec 3>&-
wait "$psql_pid"; psql_rc=$?; psql_pid=''
rc_of() { sed -n "s/^$1=//p" "$work/dump.err" 2>/dev/null | tail -n 1; }
dump_rc=$(rc_of dump-rc)
[ -n "$dump_rc" ] || fail "pg_dump did not finish (docker exec exit $exec_rc): did the container stop during the dump, or is $tmp not writable?"
if [ "$dump_rc" != 0 ]; then
  # The database killed under pg_dump may still let it report its own exit: say what happened.
  [ "$(docker inspect -f '{{.State.Running}}' "$id" 2>/dev/null)" = true ] || fail "pg_dump exited with $dump_rc: the database container is no longer running (did the database stop or restart during the dump?)"
  fail "pg_dump exited with $dump_rc"
fi
[ "$exec_rc" = 0 ] && [ "$(rc_of tee-rc)" = 0 ] || fail "writing $tmp failed (disk full?)"
[ "$psql_rc" = 0 ] || fail "the snapshot session ended with an error"
case "$counts" in counts=*) ;; *) fail "unexpected row count output" ;; esac
size=$(wc -c <"$tmp" | tr -d ' ')
[ "$size" -gt 0 ] || fail "the dump is empty"
[ "$(head -c 5 "$tmp")" = PGDMP ] || fail "the dump does not start with PGDMP (not a custom-format archive)"
[ "$(rc_of verify-rc)" = 0 ] || fail "pg_restore could not read every block of the dump"
# The table of contents of the file as stored, read while its checksum is computed. pg_restore --list
# stops reading a pipe after the table of contents: the rest is drained, or Docker's stream breaks
# off under the client ("connection reset by peer") and a good dump fails the check.
docker exec -i "$id" sh -c 'pg_restore --list >/dev/null; rc=$?; cat >/dev/null; exit $rc' <"$tmp" 2>"$work/pg_restore_list.err" &
list_pid=$!
sum=$(sha256sum "$tmp" | cut -d ' ' -f 1)
wait "$list_pid" || fail "pg_restore --list cannot read the dump"
finished=1
printf '%s
size=%s
checksum=%s
' "$counts" "$size" "$sum"
