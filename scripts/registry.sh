#!/usr/bin/env bash
# A local image registry for pull/push tests: Debian's docker-registry (distribution v2) on
# 127.0.0.1:5000 (the engine allows plain HTTP to 127.0.0.0/8). Does nothing when one already
# answers there; installs the package when missing. No authentication; storage in
# /var/lib/tcompose-registry.
set -euo pipefail

ADDR=${TCOMPOSE_REGISTRY_ADDR:-127.0.0.1:5000}
DIR=${TCOMPOSE_REGISTRY_DIR:-/var/lib/tcompose-registry}
log() { printf 'registry: %s\n' "$*" >&2; }

answers() {
  if command -v curl >/dev/null; then curl -fsS -o /dev/null --max-time 2 "http://$ADDR/v2/" 2>/dev/null
  else timeout 2 bash -c "exec 3<>/dev/tcp/${ADDR%:*}/${ADDR##*:}" 2>/dev/null; fi
}

if answers; then exit 0; fi

if ! command -v docker-registry >/dev/null; then
  log "installing docker-registry"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
  # The package starts a service of its own with authentication on :5000; ours replaces it.
  if command -v systemctl >/dev/null && systemctl is-active --quiet docker-registry 2>/dev/null; then systemctl stop docker-registry || true; fi
fi

mkdir -p "$DIR/data"
cat >"$DIR/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/data
  delete:
    enabled: true
http:
  addr: $ADDR
YAML

log "starting on $ADDR (log: $DIR/registry.log)"
setsid nohup docker-registry serve "$DIR/config.yml" >>"$DIR/registry.log" 2>&1 </dev/null &
for _ in $(seq 1 50); do
  if answers; then exit 0; fi
  sleep 0.2
done
log "did not answer on $ADDR; last log lines:"
tail -n 20 "$DIR/registry.log" >&2 || true
exit 1
