#!/bin/sh
# $1 release dir, $2 stack, $3 override (YAML: the update_config the deploy sets, and pinned images),
# $4 registry, $5 user ("" for no login), then the Compose files; stdin: the registry password.
#
# `docker stack deploy` reads no .env: the release's is exported for interpolation (KEY=value lines,
# one pair of surrounding quotes dropped). The login lives in a private DOCKER_CONFIG only while this
# script runs; --with-registry-auth hands it to the nodes that pull. --resolve-image always makes the
# manager pin each tag to its digest in the registry, which the service specs printed at the end
# (image=<service> <reference>) show. --prune: the stack is the release, services it dropped go.
# Docker 20.10's stack loader wants the same `version` in every file: the override takes the first file's.
# A deploy refused as out of sequence is tried again (retried= lines), up to 10 times a second apart.
# Exit 3: the registry refused the login; 4: the release is not on the manager.

# include: private-login.fn.sh
# include: on-exit.fn.sh
dir=$1 stack=$2 override=$3 registry=$4 user=$5
shift 5
tmp=
cleanup() { [ -z "$tmp" ] || rm -rf "$tmp"; }
on_exit cleanup
cd "$dir" 2>/dev/null || { echo "missing=$dir"; exit 4; }
tmp=$(mktemp -d) || exit 1
if [ -f .env ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in ''|'#'*) continue ;; esac
    key=${line%%=*} val=${line#*=}
    case $key in ''|*[!A-Za-z0-9_]*) continue ;; esac
    case $val in \"*\") val=${val#\"} val=${val%\"} ;; \'*\') val=${val#\'} val=${val%\'} ;; esac
    export "$key=$val"
  done < .env
fi
if [ -n "$user" ]; then
  mkdir -p "$tmp/config"
  private_login "$tmp/config" "$registry" "$user" "$tmp/err"
fi
version=$(sed -n 's/^version:[[:space:]]*//p' "$1" | head -n 1 | tr -d "\"'\r ")
{ [ -z "$version" ] || echo "version: \"$version\""; printf '%s\n' "$override"; } > "$tmp/override.yml"
# Each Compose file as "-c FILE", kept as separate words whatever the path holds.
n=$#
for f in "$@"; do set -- "$@" -c "$f"; done
shift "$n"
# The manager's clock before the deploy: an update status older than this is an earlier run's.
echo "since=$(date +%s)"
# "--" is not understood by stack deploy: the stack name was checked before it got here.
# Swarm updates a service only from the version it was read at: while Swarm itself changes the spec
# (its own rollback, failure_action), the update is refused as out of sequence. Read again and retry.
attempt=1
until docker stack deploy --prune --with-registry-auth --resolve-image always "$@" -c "$tmp/override.yml" "$stack" >"$tmp/out" 2>&1; do
  cat "$tmp/out" >&2
  if [ "$attempt" -ge 10 ] || ! grep -q "update out of sequence" "$tmp/out"; then
    echo "deployed=no"; exit 1
  fi
  echo "retried=out-of-sequence"
  attempt=$((attempt + 1))
  sleep 1
done
cat "$tmp/out" >&2
echo "deployed=yes"
ids=$(docker stack services -q "$stack")
[ -z "$ids" ] || docker service inspect -f 'image={{index .Spec.Labels "com.docker.stack.namespace"}} {{.Spec.Name}} {{.Spec.TaskTemplate.ContainerSpec.Image}}' $ids
exit 0
