#!/bin/sh
# Shared by the scripts that log in to the registry: private_login DIR REGISTRY USER ERRFILE logs in
# with the password on stdin into DIR, a DOCKER_CONFIG of the script's own (exported for the rest of
# it, removed by the caller's traps); a refusal prints login=refused and ends the script with exit 3.

private_login() {
  export DOCKER_CONFIG="$1"
  if ! docker login "$2" --username "$3" --password-stdin >/dev/null 2>"$4"; then
    echo "login=refused"
    cat "$4" >&2
    exit 3
  fi
}