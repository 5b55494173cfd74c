#!/bin/sh
# httpd ignores SIGTERM as PID 1; run it as a child and stop it on TERM/INT so
# `docker stop` returns at once.
httpd -f -p 8080 -h /www &
pid=$!
trap 'kill "$pid"; wait "$pid"; exit 0' TERM INT
wait "$pid"
