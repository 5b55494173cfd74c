#!/bin/bash
# Entrypoint of the mysql:8.0 stand-in (MariaDB). Honours the official image's contract:
# MYSQL_ROOT_PASSWORD / MYSQL_ALLOW_EMPTY_PASSWORD / MYSQL_RANDOM_ROOT_PASSWORD,
# MYSQL_ROOT_HOST, MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD (MARIADB_* aliases and *_FILE
# variants too), /docker-entrypoint-initdb.d/*.{sh,sql,sql.gz} on first start only.
set -eo pipefail

log() { printf '%s [Entrypoint]: %s\n' "$(date -u +'%Y-%m-%d %H:%M:%S+00:00')" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# file_env VAR [default]: VAR, VAR_FILE, MARIADB_* alias of either.
file_env() {
  local var=$1 def=${2:-} alias="MARIADB_${1#MYSQL_}" val
  for v in "$var" "$alias"; do
    if [ -n "${!v:-}" ]; then val=${!v}; break; fi
    local f="${v}_FILE"
    if [ -n "${!f:-}" ]; then val=$(<"${!f}"); break; fi
  done
  export "$var"="${val:-$def}"
}

# MySQL 8 options MariaDB does not know; the official image accepts them, so we drop them.
filter_args() {
  FILTERED=()
  local skip=0 a
  for a in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case $a in
      --default-authentication-plugin=*|--default_authentication_plugin=*) ;;
      --default-authentication-plugin|--default_authentication_plugin) skip=1 ;;
      --mysql-native-password=*|--mysql_native_password=*|--skip-mysqlx|--mysqlx=*) ;;
      *) FILTERED+=("$a") ;;
    esac
  done
}

sql_escape() { sed -e "s/\\\\/\\\\\\\\/g" -e "s/'/\\\\'/g" <<<"$1"; }

if [ "${1:0:1}" = '-' ]; then set -- mysqld "$@"; fi
case $1 in mysqld|mariadbd) ;; *) exec "$@" ;; esac
shift
filter_args "$@"
set -- mariadbd --user=mysql "${FILTERED[@]}"

DATADIR=/var/lib/mysql
SOCKET=/run/mysqld/mysqld.sock
mkdir -p "$DATADIR" /run/mysqld
chown mysql:mysql "$DATADIR" /run/mysqld

if [ ! -d "$DATADIR/mysql" ]; then
  file_env MYSQL_ROOT_PASSWORD
  file_env MYSQL_ALLOW_EMPTY_PASSWORD
  [ -n "${MARIADB_ALLOW_EMPTY_ROOT_PASSWORD:-}" ] && MYSQL_ALLOW_EMPTY_PASSWORD=$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD
  file_env MYSQL_RANDOM_ROOT_PASSWORD
  file_env MYSQL_ROOT_HOST '%'
  file_env MYSQL_DATABASE
  file_env MYSQL_USER
  file_env MYSQL_PASSWORD
  if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
    die "Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD"
  fi
  if [ -n "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
    MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    log "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
  fi

  log "Initializing database files"
  mariadb-install-db --user=mysql --datadir="$DATADIR" --skip-test-db \
    --auth-root-authentication-method=normal --skip-name-resolve --skip-log-bin \
    "${FILTERED[@]}" >/dev/null
  log "Database files initialized"

  log "Starting temporary server"
  "$@" --skip-networking --socket="$SOCKET" &
  pid=$!
  for _ in $(seq 1 60); do
    mariadb-admin --socket="$SOCKET" -uroot ping >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || die "temporary server exited during init"
    sleep 0.5
  done
  mariadb-admin --socket="$SOCKET" -uroot ping >/dev/null 2>&1 || die "temporary server did not start"
  sql() { mariadb --protocol=socket --socket="$SOCKET" -uroot --batch --skip-column-names "$@"; }

  # Keep only root@localhost (and MariaDB's system accounts), as the official image does.
  sql -e "SELECT CONCAT('DROP USER ', QUOTE(User), '@', QUOTE(Host), ';') FROM mysql.global_priv
          WHERE NOT (User = 'root' AND Host = 'localhost') AND User NOT IN ('mariadb.sys', 'mysql')" \
    | sql
  rootpw=$(sql_escape "$MYSQL_ROOT_PASSWORD")
  {
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$rootpw';"
    if [ "$MYSQL_ROOT_HOST" != localhost ]; then
      echo "CREATE USER 'root'@'$(sql_escape "$MYSQL_ROOT_HOST")' IDENTIFIED BY '$rootpw';"
      echo "GRANT ALL ON *.* TO 'root'@'$(sql_escape "$MYSQL_ROOT_HOST")' WITH GRANT OPTION;"
    fi
    if [ -n "$MYSQL_DATABASE" ]; then
      log "Creating database ${MYSQL_DATABASE}" >&2
      echo "CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE//\`/\`\`}\`;"
    fi
    if [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
      log "Creating user ${MYSQL_USER}" >&2
      echo "CREATE USER '$(sql_escape "$MYSQL_USER")'@'%' IDENTIFIED BY '$(sql_escape "$MYSQL_PASSWORD")';"
      if [ -n "$MYSQL_DATABASE" ]; then
        echo "GRANT ALL ON \`${MYSQL_DATABASE//\`/\`\`}\`.* TO '$(sql_escape "$MYSQL_USER")'@'%';"
      fi
    fi
    echo "FLUSH PRIVILEGES;"
  } | sql

  # From here on root has a password; the init scripts talk as root to MYSQL_DATABASE.
  rootcnf=$(mktemp)
  printf '[client]\nuser=root\npassword="%s"\n' "$(sed 's/["\\]/\\&/g' <<<"$MYSQL_ROOT_PASSWORD")" >"$rootcnf"
  dbsql() { mariadb --defaults-extra-file="$rootcnf" --protocol=socket --socket="$SOCKET" ${MYSQL_DATABASE:+"$MYSQL_DATABASE"}; }
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh) log "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) log "running $f"; dbsql <"$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | dbsql ;;
      *.sql.xz) log "running $f"; xzcat "$f" | dbsql ;;
      *.sql.zst) log "running $f"; zstd -dc "$f" | dbsql ;;
      *) [ -e "$f" ] && log "ignoring $f" ;;
    esac
  done
  rm -f "$rootcnf"

  log "Stopping temporary server"
  kill -TERM "$pid"
  wait "$pid" || true
  log "MariaDB init process done. Ready for start up."
fi

exec "$@"
