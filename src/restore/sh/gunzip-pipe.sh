#!/bin/sh
# $1 a gzip file, then a client's argv: the file decompressed into the client's stdin.

f=$1
shift
gzip -dc "$f" | "$@"
