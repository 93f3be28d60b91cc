#!/bin/sh
# $1 registry, $2 user ("" for no login), then images; stdin: the registry password. Logs in into a
# private DOCKER_CONFIG that exists only while this script runs, then pulls the images not on the
# host yet, retrying transient failures (not a missing image or a refusal). Exit 3: the registry refused the login.

# include: private-login.fn.sh
# include: on-exit.fn.sh
registry=$1 user=$2
shift 2
err=
auth=
cleanup() { [ -z "$err" ] || rm -f "$err"; [ -z "$auth" ] || rm -rf "$auth"; }
# A signal (the SSH client gone, a cancelled run) must not leave the login in /tmp either; the traps
# come before the first temporary file, so none is made that a signal could leave behind.
on_exit cleanup
err=$(mktemp)
if [ -n "$user" ]; then
  auth=$(mktemp -d) || exit 1
  private_login "$auth" "$registry" "$user" "$err"
fi
# "--": an image reference comes from the rendered Compose file and must never act as an option.
for img in "$@"; do
  if docker image inspect -- "$img" >/dev/null 2>&1; then echo "present=$img"; continue; fi
  n=0
  until docker pull -q -- "$img" >/dev/null 2>"$err"; do
    n=$((n + 1))
    # An image that is not there, or a refusal, will not change on a retry.
    if [ $n -ge 3 ] || grep -qiE 'manifest unknown|not found|unauthorized|denied|invalid reference' "$err"; then
      echo "failed=$img"; cat "$err" >&2; exit 1
    fi
    sleep $((n * 2))
  done
  echo "pulled=$img"
done
