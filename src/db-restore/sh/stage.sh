#!/bin/sh
# $1 container, $2 dump on the host, $3 path in the container. pg_restore --jobs reads a file it can
# seek in, never a stream: the dump is copied into the container (written by its exec user, so
# pg_restore there can read it), after removing any copy a killed restore left.

id=$1 file=$2 staged=$3
[ -f "$file" ] || { echo "failed=$file is gone"; exit 2; }
docker exec -i "$id" sh -c 'rm -f /tmp/compose-deploy-restore-*.dump; umask 077; cat > "$1"' compose-deploy-stage "$staged" <"$file"
