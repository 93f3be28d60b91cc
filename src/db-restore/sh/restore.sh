#!/bin/sh
# $1 container, $2 user, $3 database, $4 dump on the host. The whole restore is one transaction
# (--single-transaction with --exit-on-error): a failure leaves the new database empty, never half
# filled. Owners and grants come back as dumped: the roles are the same server's.

id=$1 user=$2 db=$3 file=$4
[ -f "$file" ] || { echo "failed=$file is gone"; exit 2; }
docker exec -i "$id" pg_restore --exit-on-error --single-transaction -U "$user" -d "$db" <"$file"
