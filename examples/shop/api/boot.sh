#!/bin/sh
# Boots in a few seconds, like a real app server.
sleep 3
exec caddy run --config /etc/caddy/Caddyfile --adapter caddyfile
