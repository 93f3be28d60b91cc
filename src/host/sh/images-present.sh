#!/bin/sh
# Then images: present=<image> for each one the host's engine has.

for i in "$@"; do
  docker image inspect "$i" >/dev/null 2>&1 && printf 'present=%s\n' "$i"
done
exit 0
