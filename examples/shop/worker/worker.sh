#!/bin/sh
trap 'echo "worker stopping"; exit 0' TERM INT
echo "worker started"
touch /tmp/alive
while :; do sleep 1 & wait $!; done
