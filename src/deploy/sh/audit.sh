#!/bin/sh
#  $1 root; stdin: one JSON line appended to the audit log.

cat >> "$1/releases.jsonl"
