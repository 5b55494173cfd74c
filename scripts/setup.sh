#!/usr/bin/env bash
# Everything the tests and examples need on a bare Debian 12 machine, idempotently:
# Debian packages, a running Docker engine with the egress guard, the test images, the
# offline stand-ins for the official images, and a local registry for pull tests.
# Safe to run again: each step skips what is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'setup: %s\n' "$*" >&2; }

# Debian packages: engine, busybox for test images, mmdebstrap for stand-ins, docker-compose v1
# (reference peer for interop tests and benchmarks), docker-registry (pull tests), tmux (pty tests).
PACKAGES=(docker.io iptables iproute2 busybox-static mmdebstrap docker-compose docker-registry tmux ca-certificates)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bash scripts/engine.sh
bash scripts/test-images.sh
bash scripts/standin-images.sh
if [ -f scripts/registry.sh ]; then bash scripts/registry.sh; fi
log "ready"
