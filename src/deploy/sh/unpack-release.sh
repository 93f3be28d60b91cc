#!/bin/sh
#  $1 root, $2 sha; stdin: base64 of a tar of the release files. Replaces releases/<sha> atomically; prints release_records of it, and removed-leftover=<dir> for each interrupted upload it cleared.

set -eu
root=$1 sha=$2
# include: release-records.fn.sh
# include: on-exit.fn.sh
# maintenance/ exists before any proxy mounts it: Docker would create a missing one owned by root.
mkdir -p "$root/releases" "$root/maintenance"
# An upload killed outright (SIGKILL, a runner that vanished) ran no trap and left its directory,
# .env included. This deploy holds the lock, so every .incoming-* is such a leftover.
for old in "$root"/releases/.incoming-*; do
  [ -e "$old" ] || continue
  rm -rf "$old"
  echo "removed-leftover=${old##*/}"
done
incoming="$root/releases/.incoming-$sha-$$"
# A failed or interrupted extract must not leave a half release (with its .env) behind.
on_exit 'rm -rf "$incoming"'
mkdir -p "$incoming"
base64 -d | tar -x -f - -C "$incoming"
release_records "$incoming"
rm -rf "$root/releases/$sha"
mv "$incoming" "$root/releases/$sha"
echo "unpacked=$root/releases/$sha"
