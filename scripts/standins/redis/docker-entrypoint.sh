#!/bin/bash
# Entrypoint of the redis:7 stand-in: redis-server as the redis user on all interfaces with
# protected mode off (the official image compiles that default in; a config file given as an
# argument still decides for itself).
set -e

if [ "${1:0:1}" = '-' ] || [[ "$1" == *.conf ]]; then set -- redis-server "$@"; fi

if [ "$1" = redis-server ]; then
  has_conf=
  for a in "$@"; do [[ "$a" == *.conf ]] && has_conf=1; done
  [ -n "$has_conf" ] || set -- "$@" --protected-mode no
  if [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis '{}' + 2>/dev/null || true
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi

exec "$@"
