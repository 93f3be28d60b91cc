#!/bin/sh
# $1 project: every service container (one-off runs aside) as "service image id", so a deploy that
# failed can say whether the host runs containers of two releases.

docker ps -a --no-trunc --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.oneoff=False" \
  --format '{{.Label "com.docker.compose.service"}} {{.Image}} {{.ID}}'
