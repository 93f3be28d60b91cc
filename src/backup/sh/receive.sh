#!/bin/sh
# On the copy-to host. $1 dir, $2 file name, $3 expected sha256; stdin: the dump. Written under a
# temporary name, checked against the checksum, then renamed. Exit 1 on a mismatch (nothing kept).

dir=$1 name=$2 sum=$3
mkdir -p "$dir" || exit 1
tmp="$dir/.$name.partial"
trap 'rm -f "$tmp"' EXIT
cat >"$tmp" || exit 1
got=$(sha256sum "$tmp" | cut -d ' ' -f 1)
[ "$got" = "$sum" ] || { echo "failed=checksum on arrival $got, expected $sum"; exit 1; }
mv "$tmp" "$dir/$name" || exit 1
echo "received=$dir/$name"
