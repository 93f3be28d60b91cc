#!/bin/sh
# $1 project, $2 service, $3 database or "", $4 user or "", $5 backup dir, $6 facts SQL, $7 a container
# id or "" (then the service's running container is found by its Compose labels).
# Finds the container, resolves database and user (defaults: the container's POSTGRES_DB /
# POSTGRES_USER, or PGDATABASE / PGUSER in a client container), checks that they connect, and
# reports the versions, the database size, the free space in the backup dir and the files already there.
# Exit 0 with state=running, state=stopped or state=absent; exit 3: the connection was refused.

project=$1 svc=$2 db=$3 user=$4 dir=$5 facts_sql=$6 id=$7
find_ids() {
  docker ps -q --no-trunc "$@" --filter "label=com.docker.compose.project=$project" \
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
printf 'database=%s\nuser=%s\n' "$db" "$user"
printf 'pg-dump-version=%s\n' "$(docker exec "$id" pg_dump --version 2>/dev/null | head -n 1)"
mkdir -p "$dir" || exit 1
printf 'free-kb=%s\n' "$(df -Pk "$dir" 2>/dev/null | awk 'NR==2 {print $4}')"
for f in "$dir"/* "$dir"/.*.partial; do
  [ -f "$f" ] && printf 'file=%s %s\n' "$(wc -c < "$f" | tr -d ' ')" "${f##*/}"
done
case "$db$user" in *[!A-Za-z0-9_.-]*) echo "bad-name=$db $user"; exit 0 ;; esac
err=$(mktemp) || exit 1
if out=$(docker exec "$id" psql -X -q -A -t -v ON_ERROR_STOP=1 -U "$user" -d "$db" -c "$facts_sql" 2>"$err"); then
  printf '%s\n' "$out"
  rm -f "$err"
  exit 0
fi
sed 's/^/connect-error=/' "$err"
rm -f "$err"
exit 3
