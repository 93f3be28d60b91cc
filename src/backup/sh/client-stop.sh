#!/bin/sh
#  $1 client container id: removes it.

docker rm -f "$1" >/dev/null 2>&1 || true
