/**
 * Fixed shell scripts the swarm target runs on the manager, as `sh -c SCRIPT NAME ARG...` (see
 * host-scripts.ts): every variable part is a positional argument, secrets arrive on stdin.
 */
import { PRIVATE_LOGIN_FN } from './host-scripts.js';

/**
 * $1 release dir, $2 stack, $3 override (YAML: the update_config the deploy sets, and pinned images),
 * $4 registry, $5 user ("" for no login), then the Compose files; stdin: the registry password.
 *
 * `docker stack deploy` reads no .env: the release's is exported for interpolation (KEY=value lines,
 * one pair of surrounding quotes dropped). The login lives in a private DOCKER_CONFIG only while this
 * script runs; --with-registry-auth hands it to the nodes that pull. --resolve-image always makes the
 * manager pin each tag to its digest in the registry, which the service specs printed at the end
 * (image=<service> <reference>) show. --prune: the stack is the release, services it dropped go.
 * Docker 20.10's stack loader wants the same `version` in every file: the override takes the first file's.
 * A deploy refused as out of sequence is tried again (retried= lines), up to 10 times a second apart.
 * Exit 3: the registry refused the login; 4: the release is not on the manager.
 */
export const STACK_DEPLOY_SCRIPT = `
${PRIVATE_LOGIN_FN}
dir=$1 stack=$2 override=$3 registry=$4 user=$5
shift 5
tmp=
cleanup() { [ -z "$tmp" ] || rm -rf "$tmp"; }
trap cleanup EXIT
trap 'cleanup; trap - EXIT; exit 129' HUP
trap 'cleanup; trap - EXIT; exit 130' INT
trap 'cleanup; trap - EXIT; exit 143' TERM
cd "$dir" 2>/dev/null || { echo "missing=$dir"; exit 4; }
tmp=$(mktemp -d) || exit 1
if [ -f .env ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in ''|'#'*) continue ;; esac
    key=\${line%%=*} val=\${line#*=}
    case $key in ''|*[!A-Za-z0-9_]*) continue ;; esac
    case $val in \\"*\\") val=\${val#\\"} val=\${val%\\"} ;; \\'*\\') val=\${val#\\'} val=\${val%\\'} ;; esac
    export "$key=$val"
  done < .env
fi
if [ -n "$user" ]; then
  mkdir -p "$tmp/config"
  private_login "$tmp/config" "$registry" "$user" "$tmp/err"
fi
version=$(sed -n 's/^version:[[:space:]]*//p' "$1" | head -n 1 | tr -d "\\"'\\r ")
{ [ -z "$version" ] || echo "version: \\"$version\\""; printf '%s\\n' "$override"; } > "$tmp/override.yml"
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
`;

/**
 * $1 stack, $2 cancel marker or "", $3 the manager's clock (seconds) before the stack deploy, then
 * <service>:<seconds> pairs in the order to watch them. An update status that started before $3 is an
 * earlier run's (a service this deploy did not change keeps it) and counts as none. Waits,
 * one service after another, until each has converged: no update under way (state completed, or none
 * for a new or unchanged service) and every task Swarm wants running runs the spec's image (a task of a
 * service with a healthcheck is Running only once healthy), as many as the spec asks. Swarm's own
 * rollback (failure_action), a paused update, or the seconds running out fail the service: its tasks
 * are printed (task| lines) and the script stops. One round trip however many polls.
 */
export const SERVICE_WAIT_SCRIPT = `
stack=$1 cancel=$2 since=$3 mode=$4
shift 4
for pair in "$@"; do
  svc=\${pair%%:*} secs=\${pair##*:}
  full="\${stack}_$svc"
  t0=$(date +%s)
  deadline=$((t0 + secs))
  while :; do
    info=$(docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}} {{if .UpdateStatus.StartedAt}}{{.UpdateStatus.StartedAt.Unix}}{{else}}0{{end}}{{else}}none 0{{end}} {{if .Spec.Mode.Replicated}}{{.Spec.Mode.Replicated.Replicas}}{{else}}0{{end}} {{.Spec.TaskTemplate.ContainerSpec.Image}}' "$full" 2>/dev/null) || info="gone 0 0 -"
    set -- $info
    state=$1 started=$2 want=$3 image=$4
    case $started in ''|*[!0-9]*) started=0 ;; esac
    [ "$state" = gone ] || [ "$started" -ge "$since" ] || state=none
    why=
    case $state in
      gone) why="the service is not in the stack" ;;
      rollback_started|rollback_completed)
        # Putting the previous release back, Swarm's own rollback (failure_action) heads where the tool
        # is going: wait for its tasks like an update's. Deploying, it means a new task failed.
        if [ "$mode" = return ]; then [ "$state" = rollback_completed ] || state=updating
        else why="Swarm rolled the update back ($state): a new task failed"; fi ;;
      rollback_paused) why="Swarm paused its rollback: a task failed" ;;
      paused) why="Swarm paused the update: a new task failed" ;;
    esac
    if [ -z "$why" ]; then
      tasks=$(docker service ps --no-trunc --filter desired-state=running --format '{{.CurrentState}}|{{.Image}}' "$full" 2>/dev/null)
      all=$(printf '%s\\n' "$tasks" | grep -c . || true)
      ok=$(printf '%s\\n' "$tasks" | grep -c "^Running .*|$image\\$" || true)
      if [ "$state" != updating ] && [ "$ok" = "$all" ] && [ "$ok" -ge "$want" ] && [ "$ok" -gt 0 ]; then
        echo "converged=$svc after=$(( $(date +%s) - t0 )) tasks=$ok image=$image"
        break
      fi
      if [ -n "$cancel" ] && [ -e "$cancel" ]; then why="deploy cancelled"
      elif [ "$(date +%s)" -ge "$deadline" ]; then why="not converged after \${secs}s (update $state, $ok of $want tasks running the new image)"; fi
    fi
    if [ -n "$why" ]; then
      echo "failed=$svc"
      echo "reason=$why"
      docker service ps --no-trunc --format '{{.Name}} {{.Node}} {{.DesiredState}} {{.CurrentState}} {{.Error}}' "$full" 2>/dev/null | head -n 12 | sed 's/^/task| /'
      exit 1
    fi
    sleep 0.5
  done
done
exit 0
`;
