#!/bin/sh
#  $1 root, $2 sha: points current at the release (atomic rename of a new symlink).

set -eu
ln -sfn "releases/$2" "$1/.current-next"
mv -T "$1/.current-next" "$1/current"
echo "current=$2"
