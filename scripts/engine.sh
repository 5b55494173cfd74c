#!/usr/bin/env bash
# Make a Docker engine answer on this machine. Does nothing when one already answers.
# Installs Debian's docker.io when needed, starts dockerd in the background, waits for it,
# and adds the egress guard rule (containers may not send traffic off the machine).
set -euo pipefail

log() { printf 'engine: %s\n' "$*" >&2; }

engine_answers() { timeout 5 docker info >/dev/null 2>&1; }

apt_install() {
  # apt-get update once per boot of this script; quiet unless it fails.
  if [ -z "${_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    _APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

add_guard_rule() {
  local ifc
  ifc=$(ip route show default 2>/dev/null | awk '{print $5; exit}')
  [ -n "$ifc" ] || { log "no default route: guard rule not needed"; return 0; }
  command -v iptables >/dev/null || return 0
  iptables -L DOCKER-USER -n >/dev/null 2>&1 || iptables -N DOCKER-USER
  if ! iptables -C DOCKER-USER -o "$ifc" -j DROP 2>/dev/null; then
    iptables -I DOCKER-USER -o "$ifc" -j DROP
    log "guard rule added: DOCKER-USER -o $ifc -j DROP"
  fi
}

if engine_answers; then
  add_guard_rule
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ] && [[ "$DOCKER_HOST" != unix://* ]]; then
  log "DOCKER_HOST=$DOCKER_HOST does not answer; not starting a local engine"
  exit 1
fi

if ! command -v dockerd >/dev/null; then
  log "installing docker.io from Debian"
  apt_install docker.io iptables iproute2 ca-certificates
fi

if ! pgrep -x dockerd >/dev/null; then
  log "starting dockerd (log: /var/log/dockerd.log)"
  nohup dockerd >/var/log/dockerd.log 2>&1 </dev/null &
  disown || true
fi

for _ in $(seq 1 120); do
  if engine_answers; then
    add_guard_rule
    log "engine is up ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    exit 0
  fi
  sleep 0.5
done
log "dockerd did not answer within 60s; tail of /var/log/dockerd.log:"
tail -n 20 /var/log/dockerd.log >&2 || true
exit 1
