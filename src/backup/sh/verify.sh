#!/bin/sh
# $1 container id of the database service, or "" (then $2 is an image to run pg_restore in), $2 image,
# $3 dump path. Reports what each check found; the caller judges. Exit 2: no such file.

id=$1 image=$2 file=$3
[ -f "$file" ] || { echo "missing=$file"; exit 2; }
# Runs pg_restore with $1 (fixed arguments of this script, as shell text; stdin the dump) in the
# database container, or else in the image.
# The rest of the pipe is drained: pg_restore --list stops after the table of contents, and Docker's
# stream would break off under the client ("connection reset by peer"), failing a good dump.
pg_restore_in() {
  run="pg_restore $1; rc=\$?; cat >/dev/null; exit \$rc"
  if [ -n "$id" ]; then docker exec -i "$id" sh -c "$run"; else docker run --rm -i --network none --entrypoint sh "$image" -c "$run"; fi
}
printf 'size=%s\n' "$(wc -c <"$file" | tr -d ' ')"
printf 'checksum=%s\n' "$(sha256sum "$file" | cut -d ' ' -f 1)"
if [ -f "$file.sha256" ]; then printf 'sidecar=%s\n' "$(cut -d ' ' -f 1 "$file.sha256")"; fi
if [ -f "$file.json" ]; then printf 'manifest=%s\n' "$(tr -d '\n' <"$file.json")"; fi
if [ "$(head -c 5 "$file")" = PGDMP ]; then echo "magic=ok"; else echo "magic=bad"; fi
if pg_restore_in '--list >/dev/null' <"$file" >/dev/null 2>&1; then echo "list=ok"; else echo "list=failed"; fi
err=$(pg_restore_in '-f /dev/null' <"$file" 2>&1) && echo "read=ok" || printf 'read=failed %s\n' "$(printf '%s' "$err" | tail -n 1)"
exit 0
