#!/bin/sh
# Shared by the scripts that leave something behind while they run (a login, a log, a half release):
# on_exit CMD runs CMD when the script ends, however it ends. sh runs no EXIT trap when a signal ends
# it (the SSH client gone, a cancelled or killed runner, a closed pipe), so each of those runs CMD too
# and exits with 128 + the signal's number. CMD is expanded when the signal comes, not when it is set.

# shellcheck disable=SC2064 # $1 is the command's text, put in the trap now on purpose
on_exit() {
  trap "$1" EXIT
  trap "$1; trap - EXIT; exit 129" HUP
  trap "$1; trap - EXIT; exit 130" INT
  trap "$1; trap - EXIT; exit 141" PIPE
  trap "$1; trap - EXIT; exit 143" TERM
}
