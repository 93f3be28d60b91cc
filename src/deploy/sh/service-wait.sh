#!/bin/sh
# $1 stack, $2 cancel marker or "", $3 the manager's clock (seconds) before the stack deploy, then
# <service>:<seconds> pairs in the order to watch them. An update status that started before $3 is an
# earlier run's (a service this deploy did not change keeps it) and counts as none. Waits,
# one service after another, until each has converged: no update under way (state completed, or none
# for a new or unchanged service) and every task Swarm wants running runs the spec's image (a task of a
# service with a healthcheck is Running only once healthy), as many as the spec asks. Swarm's own
# rollback (failure_action), a paused update, or the seconds running out fail the service: its tasks
# are printed (task| lines) and the script stops. One round trip however many polls.

stack=$1 cancel=$2 since=$3 mode=$4
shift 4
for pair in "$@"; do
  svc=${pair%%:*} secs=${pair##*:}
  full="${stack}_$svc"
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
      all=$(printf '%s\n' "$tasks" | grep -c . || true)
      ok=$(printf '%s\n' "$tasks" | grep -c "^Running .*|$image\$" || true)
      if [ "$state" != updating ] && [ "$ok" = "$all" ] && [ "$ok" -ge "$want" ] && [ "$ok" -gt 0 ]; then
        echo "converged=$svc after=$(( $(date +%s) - t0 )) tasks=$ok image=$image"
        break
      fi
      if [ -n "$cancel" ] && [ -e "$cancel" ]; then why="deploy cancelled"
      elif [ "$(date +%s)" -ge "$deadline" ]; then why="not converged after ${secs}s (update $state, $ok of $want tasks running the new image)"; fi
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
