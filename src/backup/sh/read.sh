#!/bin/sh
#  $1 dump path: its bytes on stdout (a download).

exec cat "$1"
