#!/bin/sh
# $1 temporary dump, $2 final dump path, $3 its sha256; stdin: the manifest JSON.
# Checks the temporary file still has the checksum it was verified with, writes the manifest and
# the .sha256 sidecar, then renames the dump last: a final name only ever holds a checked dump.
# Exit 4: the final name is taken.

tmp=$1 final=$2 sum=$3
name=${final##*/}
if [ -e "$final" ]; then rm -f "$tmp"; echo "failed=$final exists"; exit 4; fi
[ "$(sha256sum "$tmp" | cut -d ' ' -f 1)" = "$sum" ] || { rm -f "$tmp"; echo "failed=the dump changed after it was verified"; exit 1; }
cat >"$final.json.tmp" && mv "$final.json.tmp" "$final.json" || { rm -f "$tmp" "$final.json.tmp"; exit 1; }
printf '%s  %s\n' "$sum" "$name" >"$final.sha256.tmp" && mv "$final.sha256.tmp" "$final.sha256" || { rm -f "$tmp" "$final.json" "$final.sha256.tmp"; exit 1; }
mv "$tmp" "$final" || { rm -f "$tmp" "$final.json" "$final.sha256"; exit 1; }
echo "file=$final"
