#!/bin/sh
# One round trip that tells what the host has: Docker, which Compose, the live release, the kept
# releases, the tail of the audit log and the free space under the deploy path and under Docker's
# data root (where pulled images land). A fixed script; the variable parts are $1, the deploy path, and $2, the project.

root=$1 project=$2 target=${3:-compose}
# One call for the version, the swarm role and the data root: docker info reads them from the daemon.
# It also starts every CLI plugin to read its metadata, Compose v2's version among them (second line).
daemon='{{.ServerVersion}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.DockerRootDir}}'
plugins='plugin={{range .ClientInfo.Plugins}}{{if eq .Name "compose"}}{{.Version}}{{end}}{{end}}'
all=$(docker info --format "$daemon
$plugins" 2>/dev/null) || all=
# A docker CLI whose info has no plugin list refuses that template: the daemon's part alone, then.
[ -n "$all" ] || all=$(docker info --format "$daemon" 2>/dev/null) || all=
info=$(printf '%s\n' "$all" | head -n 1)
plugin=$(printf '%s\n' "$all" | sed -n 's/^plugin=//p')
printf 'docker-version=%s\n' "${info%% *}"
swarm=${info#* }
printf 'swarm=%s\n' "${swarm%% /*}"
case $info in
  *' /'*) data="/${info#* /}"; printf 'docker-root=%s\ndocker-root-free-kb=%s\n' "$data" "$(df -Pk "$data" 2>/dev/null | awk 'NR==2 {print $4}')" ;;
esac
# Each Compose CLI is asked once at most: its start-up is most of what this probe costs. A swarm needs none.
if [ "$target" = swarm ]; then :
elif [ -n "$plugin" ]; then
  printf 'compose-command=docker compose\ncompose-version=%s\n' "$plugin"
elif v=$(docker compose version --short 2>/dev/null); then
  printf 'compose-command=docker compose\ncompose-version=%s\n' "$v"
elif command -v docker-compose >/dev/null 2>&1; then
  printf 'compose-command=docker-compose\ncompose-version=%s\n' "$(docker-compose version --short)"
fi
if [ -L "$root/current" ]; then printf 'current=%s\n' "$(basename "$(readlink "$root/current")")"; fi
if [ -d "$root/releases" ]; then
  for d in "$root"/releases/*; do [ -d "$d" ] && printf 'release=%s\n' "$(basename "$d")"; done
fi
if [ -f "$root/releases.jsonl" ]; then tail -n 500 "$root/releases.jsonl" | sed 's/^/audit=/'; fi
if [ -f "$root/maintenance/on" ]; then printf 'maintenance=%s\n' "$(head -c 2000 "$root/maintenance/on" | tr -d '\n')"; fi
if [ -f "$root/restore/state.json" ]; then printf 'restore-state=%s\n' "$(tr -d '\n' < "$root/restore/state.json")"; fi
# A first deploy's directory does not exist yet: its nearest existing parent is where it will be made.
near=$root
while [ ! -e "$near" ] && [ "$near" != / ]; do near=$(dirname "$near"); done
printf 'free-kb=%s\n' "$(df -Pk "$near" 2>/dev/null | awk 'NR==2 {print $4}')"
if [ -n "$project" ] && [ "$target" = swarm ]; then
  docker service ls --filter "label=com.docker.stack.namespace=$project" --format '{{.Name}} {{.Image}}' 2>/dev/null | sed "s/^${project}_/running=/"
elif [ -n "$project" ]; then
  docker ps --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.oneoff=False" \
    --format 'running={{.Label "com.docker.compose.service"}} {{.Image}}' 2>/dev/null
fi
exit 0
