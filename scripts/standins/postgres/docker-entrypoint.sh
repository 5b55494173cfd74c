#!/bin/bash
# Entrypoint of the postgres:16 stand-in. Honours the official image's contract:
# POSTGRES_PASSWORD, POSTGRES_USER (default postgres), POSTGRES_DB (default = user),
# POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD, PGDATA (each also as *_FILE), and runs
# /docker-entrypoint-initdb.d/*.{sh,sql,sql.gz} once, on first start.
set -Eeo pipefail

log() { printf '%s\n' "$*" >&2; }

file_env() {
  local var=$1 def=${2:-} f="${1}_FILE" val
  if [ -n "${!var:-}" ]; then val=${!var}
  elif [ -n "${!f:-}" ]; then val=$(<"${!f}")
  fi
  export "$var"="${val:-$def}"
  unset "$f"
}

if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi
[ "$1" = postgres ] || exec "$@"

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

# As root: fix ownership, then re-exec as postgres (still PID 1 through exec).
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /run/postgresql
  chown postgres:postgres "$PGDATA" /run/postgresql
  chmod 700 "$PGDATA"
  chmod 2777 /run/postgresql
  export HOME=/var/lib/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=}"
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    log "Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".
       Or set POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a password."
    exit 1
  fi
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}

  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a word list by contract
  initdb --username="$POSTGRES_USER" ${POSTGRES_PASSWORD:+--pwfile="$pwfile"} $POSTGRES_INITDB_ARGS >&2
  rm -f "$pwfile"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

  # Temporary server on the unix socket only, for the database and the init scripts.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start >&2
  export PGPASSWORD=$POSTGRES_PASSWORD
  psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  if [ "$POSTGRES_DB" != postgres ]; then
    "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";' >&2
  fi
  psql+=(--dbname "$POSTGRES_DB")
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh) log "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) log "running $f"; "${psql[@]}" -f "$f" >&2 ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${psql[@]}" >&2 ;;
      *.sql.xz) log "running $f"; xzcat "$f" | "${psql[@]}" >&2 ;;
      *) [ -e "$f" ] && log "ignoring $f" ;;
    esac
  done
  unset PGPASSWORD
  pg_ctl -D "$PGDATA" -m fast -w stop >&2
  log "PostgreSQL init process complete; ready for start up."
fi

exec "$@"
