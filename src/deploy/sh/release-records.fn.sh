#!/bin/sh
# Shared by the scripts that make a release live: prints compose-file=<f> for each Compose file the
# release $1 recorded, live-compose-file=<f> for the live release's, and changed=<f> for each of
# $1's files that differs from the live release's. A running service that bind-mounts a changed file
# must be recreated to see it (its Compose definition, and so Compose's own change check, is unchanged).
# shellcheck disable=SC2154 # root: the including script's

release_records() {
  [ -f "$1/.compose-files" ] && sed 's/^/compose-file=/' "$1/.compose-files"
  [ -f "$root/current/.compose-files" ] && sed 's/^/live-compose-file=/' "$root/current/.compose-files"
  [ -d "$root/current" ] || return 0
  (cd "$1" && find . -type f ! -name .env) | while read -r f; do
    f=${f#./}
    if [ ! -f "$root/current/$f" ] || [ "$(cksum < "$1/$f")" != "$(cksum < "$root/current/$f")" ]; then echo "changed=$f"; fi
  done
}
