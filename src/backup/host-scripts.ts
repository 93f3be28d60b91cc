/**
 * Fixed shell scripts the backup runs on the host as `sh -c SCRIPT NAME ARG...` (the same rule as
 * src/deploy/host-scripts.ts: constants, every variable part a quoted positional argument).
 * Postgres work runs in the database's own container through `docker exec` without -t: a TTY
 * would rewrite the binary dump's bytes. The container is found by its Compose labels, never by name.
 */

/**
 * $1 project, $2 service, $3 database or "", $4 user or "", $5 backup dir, $6 facts SQL, $7 a container
 * id or "" (then the service's running container is found by its Compose labels).
 * Finds the container, resolves database and user (defaults: the container's POSTGRES_DB /
 * POSTGRES_USER, or PGDATABASE / PGUSER in a client container), checks that they connect, and
 * reports the versions, the database size, the free space in the backup dir and the files already there.
 * Exit 0 with state=running, state=stopped or state=absent; exit 3: the connection was refused.
 */
export const INSPECT_SCRIPT = `
project=$1 svc=$2 db=$3 user=$4 dir=$5 facts_sql=$6 id=$7
find_ids() {
  docker ps -q --no-trunc "$@" --filter "label=com.docker.compose.project=$project" \\
    --filter "label=com.docker.compose.service=$svc" --filter "label=com.docker.compose.oneoff=False"
}
[ -n "$id" ] || id=$(find_ids | head -n 1)
if [ -z "$id" ]; then
  if [ -n "$(find_ids -a | head -n 1)" ]; then echo "state=stopped"; else echo "state=absent"; fi
  exit 0
fi
echo "state=running"
echo "container=$id"
# Only names are read from the container's environment: it also holds the password.
env_of() { docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$id" | sed -n "s/^$1=//p" | head -n 1; }
[ -n "$user" ] || user=$(env_of POSTGRES_USER)
[ -n "$user" ] || user=$(env_of PGUSER)
[ -n "$user" ] || user=postgres
[ -n "$db" ] || db=$(env_of POSTGRES_DB)
[ -n "$db" ] || db=$(env_of PGDATABASE)
[ -n "$db" ] || db=$user
printf 'database=%s\\nuser=%s\\n' "$db" "$user"
printf 'pg-dump-version=%s\\n' "$(docker exec "$id" pg_dump --version 2>/dev/null | head -n 1)"
mkdir -p "$dir" || exit 1
printf 'free-kb=%s\\n' "$(df -Pk "$dir" 2>/dev/null | awk 'NR==2 {print $4}')"
for f in "$dir"/* "$dir"/.*.partial; do
  [ -f "$f" ] && printf 'file=%s %s\\n' "$(wc -c < "$f" | tr -d ' ')" "\${f##*/}"
done
case "$db$user" in *[!A-Za-z0-9_.-]*) echo "bad-name=$db $user"; exit 0 ;; esac
err=$(mktemp) || exit 1
if out=$(docker exec "$id" psql -X -q -A -t -v ON_ERROR_STOP=1 -U "$user" -d "$db" -c "$facts_sql" 2>"$err"); then
  printf '%s\\n' "$out"
  rm -f "$err"
  exit 0
fi
sed 's/^/connect-error=/' "$err"
rm -f "$err"
exit 3
`;

/**
 * Runs inside the database container: $1 snapshot, $2 user, $3 database. pg_dump's stream goes to
 * stdout (the host's file) and, through a FIFO, to pg_restore, which reads and decompresses every
 * data block while the dump is written: a bad block fails now, not on the day of a restore. Both
 * run in the container, so the stream crosses Docker once, as a plain dump's does. The statuses
 * come back on stderr as dump-rc=, verify-rc=, tee-rc= lines; stdout carries only the dump.
 */
export const IN_CONTAINER_DUMP_SCRIPT = `
snap=$1 user=$2 db=$3
w=$(mktemp -d) && mkfifo "$w/verify" || { echo "dump-rc=no FIFO could be made in the container" >&2; exit 1; }
pg_restore -f /dev/null <"$w/verify" 2>"$w/restore.err" &
verify_pid=$!
{ pg_dump --format=custom --snapshot="$snap" -U "$user" -d "$db"; echo $? >"$w/dump.rc"; } | tee "$w/verify"
tee_rc=$?
wait "$verify_pid"
verify_rc=$?
cat "$w/restore.err" >&2
printf 'dump-rc=%s\\nverify-rc=%s\\ntee-rc=%s\\n' "$(cat "$w/dump.rc" 2>/dev/null)" "$verify_rc" "$tee_rc" >&2
rm -rf "$w"
`;

/**
 * $1 container id, $2 database, $3 user, $4 temporary dump path, $5 counts SQL, $6 the in-container script.
 * One psql session (fed through a FIFO, so it stays open) starts a REPEATABLE READ transaction and
 * exports its snapshot; pg_dump --snapshot dumps exactly that snapshot while the same session counts
 * every table's rows in it, so the counts match the dump even while writers insert. Then the file
 * is checked: non-empty, PGDMP, pg_restore --list, and its sha256.
 * Prints snapshot=, counts=, size=, checksum= (the sha256); on any failure removes the temporary file and exits 1.
 */
export const DUMP_SCRIPT = `
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
  printf 'failed=%s\n' "$1"
  for f in "$work"/*.err; do [ -s "$f" ] && grep -v -- '-rc=' "$f" | sed "s/^/\${f##*/}| /"; done
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
printf '%s\n' 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;' "SELECT 'snapshot=' || pg_export_snapshot();" >&3
IFS= read -r line <&4 || fail "psql could not open the snapshot transaction"
case "$line" in snapshot=?*) snap=\${line#snapshot=} ;; *) fail "unexpected psql output" ;; esac
echo "snapshot=$snap"
docker exec "$id" sh -c "$in_container" compose-deploy-dump "$snap" "$user" "$db" >"$tmp" 2>"$work/dump.err" &
dump_pid=$!
# Counted in the exporting transaction, while pg_dump reads the same snapshot.
printf '%s\n' "$counts_sql" >&3
IFS= read -r counts <&4 || fail "the snapshot session ended before it counted the rows: did the database stop or restart during the dump?"
wait "$dump_pid"; exec_rc=$?; dump_pid=''
printf 'COMMIT;\n' >&3
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
printf '%s\nsize=%s\nchecksum=%s\n' "$counts" "$size" "$sum"
`;

/**
 * $1 temporary dump, $2 final dump path, $3 its sha256; stdin: the manifest JSON.
 * Checks the temporary file still has the checksum it was verified with, writes the manifest and
 * the .sha256 sidecar, then renames the dump last: a final name only ever holds a checked dump.
 * Exit 4: the final name is taken.
 */
export const FINISH_SCRIPT = `
tmp=$1 final=$2 sum=$3
name=\${final##*/}
if [ -e "$final" ]; then rm -f "$tmp"; echo "failed=$final exists"; exit 4; fi
[ "$(sha256sum "$tmp" | cut -d ' ' -f 1)" = "$sum" ] || { rm -f "$tmp"; echo "failed=the dump changed after it was verified"; exit 1; }
cat >"$final.json.tmp" && mv "$final.json.tmp" "$final.json" || { rm -f "$tmp" "$final.json.tmp"; exit 1; }
printf '%s  %s\\n' "$sum" "$name" >"$final.sha256.tmp" && mv "$final.sha256.tmp" "$final.sha256" || { rm -f "$tmp" "$final.json" "$final.sha256.tmp"; exit 1; }
mv "$tmp" "$final" || { rm -f "$tmp" "$final.json" "$final.sha256"; exit 1; }
echo "file=$final"
`;

/** $1 backup dir, then file names in it: removes each with its sidecar and manifest. */
export const REMOVE_SCRIPT = `
dir=$1
shift
for name in "$@"; do
  rm -f "$dir/$name" "$dir/$name.sha256" "$dir/$name.json" && echo "removed=$name"
done
`;

/**
 * $1 container id of the database service, or "" (then $2 is an image to run pg_restore in), $2 image,
 * $3 dump path. Reports what each check found; the caller judges. Exit 2: no such file.
 */
export const VERIFY_SCRIPT = `
id=$1 image=$2 file=$3
[ -f "$file" ] || { echo "missing=$file"; exit 2; }
# Runs pg_restore with $1 (fixed arguments of this script, as shell text; stdin the dump) in the
# database container, or else in the image.
# The rest of the pipe is drained: pg_restore --list stops after the table of contents, and Docker's
# stream would break off under the client ("connection reset by peer"), failing a good dump.
pg_restore_in() {
  run="pg_restore $1; rc=\\$?; cat >/dev/null; exit \\$rc"
  if [ -n "$id" ]; then docker exec -i "$id" sh -c "$run"; else docker run --rm -i --network none --entrypoint sh "$image" -c "$run"; fi
}
printf 'size=%s\\n' "$(wc -c <"$file" | tr -d ' ')"
printf 'checksum=%s\\n' "$(sha256sum "$file" | cut -d ' ' -f 1)"
if [ -f "$file.sha256" ]; then printf 'sidecar=%s\\n' "$(cut -d ' ' -f 1 "$file.sha256")"; fi
if [ -f "$file.json" ]; then printf 'manifest=%s\\n' "$(tr -d '\\n' <"$file.json")"; fi
if [ "$(head -c 5 "$file")" = PGDMP ]; then echo "magic=ok"; else echo "magic=bad"; fi
if pg_restore_in '--list >/dev/null' <"$file" >/dev/null 2>&1; then echo "list=ok"; else echo "list=failed"; fi
err=$(pg_restore_in '-f /dev/null' <"$file" 2>&1) && echo "read=ok" || printf 'read=failed %s\\n' "$(printf '%s' "$err" | tail -n 1)"
exit 0
`;

/** $1 dump path: its bytes on stdout (a download). */
export const READ_SCRIPT = `
exec cat "$1"
`;

/**
 * On the copy-to host. $1 dir, $2 file name, $3 expected sha256; stdin: the dump. Written under a
 * temporary name, checked against the checksum, then renamed. Exit 1 on a mismatch (nothing kept).
 */
export const RECEIVE_SCRIPT = `
dir=$1 name=$2 sum=$3
mkdir -p "$dir" || exit 1
tmp="$dir/.$name.partial"
trap 'rm -f "$tmp"' EXIT
cat >"$tmp" || exit 1
got=$(sha256sum "$tmp" | cut -d ' ' -f 1)
[ "$got" = "$sum" ] || { echo "failed=checksum on arrival $got, expected $sum"; exit 1; }
mv "$tmp" "$dir/$name" || exit 1
echo "received=$dir/$name"
`;

/**
 * On the copy-to host. $1 dir, $2 file name, $3 sha256; stdin: the manifest. Writes the manifest and
 * sidecar beside the received dump, then checks the dump against the sidecar with sha256sum -c.
 */
export const RECEIVE_META_SCRIPT = `
dir=$1 name=$2 sum=$3
cat >"$dir/$name.json" || exit 1
printf '%s  %s\\n' "$sum" "$name" >"$dir/$name.sha256" || exit 1
cd "$dir" && sha256sum -c "$name.sha256" >/dev/null && echo "verified=$dir/$name"
`;

/**
 * External Postgres. $1 deploy path, $2 the .env variable holding the URL, $3 client image, $4 the
 * URL parser (an awk program). Reads the URL from the live release's .env, turns it into libpq's
 * PG* variables in a 0600 file, and starts a throwaway client container with them (--env-file: the
 * password is never on a command line, here or in the container). Prints state=running and
 * container=, or state=absent and why=.
 */
export const CLIENT_START_SCRIPT = `
root=$1 var=$2 image=$3 parse=$4
envf="$root/current/.env"
[ -f "$envf" ] || { echo "state=absent"; echo "why=no live release: $envf does not exist"; exit 0; }
umask 077
pgenv=$(mktemp) || exit 1
trap 'rm -f "$pgenv"' EXIT
line=$(grep "^$var=" "$envf" | tail -n 1)
[ -n "$line" ] || { echo "state=absent"; echo "why=$var is not set in the live release's .env"; exit 0; }
printf '%s\\n' "\${line#*=}" | sed -e 's/^"\\(.*\\)"$/\\1/' -e "s/^'\\(.*\\)'$/\\1/" | awk "$parse" >"$pgenv" ||
  { echo "state=absent"; echo "why=$var is not a postgres:// URL"; exit 0; }
id=$(docker run -d --rm --network host --env-file "$pgenv" --label compose-deploy.backup-client=true --entrypoint sleep "$image" 3600) ||
  { echo "failed=could not start a client container of $image"; exit 1; }
echo "state=running"
echo "container=$id"
`;

/** $1 client container id: removes it. */
export const CLIENT_STOP_SCRIPT = `
docker rm -f "$1" >/dev/null 2>&1 || true
`;
