#!/bin/sh
# External Postgres. $1 deploy path, $2 the .env variable holding the URL, $3 client image, $4 the
# URL parser (an awk program). Reads the URL from the live release's .env, turns it into libpq's
# PG* variables in a 0600 file, and starts a throwaway client container with them (--env-file: the
# password is never on a command line, here or in the container). Prints state=running and
# container=, or state=absent and why=.

root=$1 var=$2 image=$3 parse=$4
envf="$root/current/.env"
[ -f "$envf" ] || { echo "state=absent"; echo "why=no live release: $envf does not exist"; exit 0; }
umask 077
pgenv=$(mktemp) || exit 1
trap 'rm -f "$pgenv"' EXIT
line=$(grep "^$var=" "$envf" | tail -n 1)
[ -n "$line" ] || { echo "state=absent"; echo "why=$var is not set in the live release's .env"; exit 0; }
printf '%s\n' "${line#*=}" | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/" | awk "$parse" >"$pgenv" ||
  { echo "state=absent"; echo "why=$var is not a postgres:// URL"; exit 0; }
id=$(docker run -d --rm --network host --env-file "$pgenv" --label compose-deploy.backup-client=true --entrypoint sleep "$image" 3600) ||
  { echo "failed=could not start a client container of $image"; exit 1; }
echo "state=running"
echo "container=$id"
