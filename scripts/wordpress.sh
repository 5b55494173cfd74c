#!/usr/bin/env bash
# The main job: bring up the WordPress + MySQL example with tcompose on a fresh machine.
# Sets up everything itself (Debian packages, engine, offline stand-in images, npm packages,
# build), starts the stack, and checks that WordPress answers on http://127.0.0.1:8020/.
# `bash scripts/wordpress.sh down` stops it again (keeping the db_data volume).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
file=examples/wordpress/docker-compose.yml

if [ "${1:-}" = down ]; then
  exec node dist/cli.js -f "$file" down "${@:2}"
fi

PACKAGES=(docker.io iptables iproute2 mmdebstrap ca-certificates curl)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash scripts/engine.sh
# No registry is reachable here: build offline stand-ins under the official names.
# Where a registry is reachable, skip this and tcompose pulls the real images.
ONLY="mysql wordpress" bash scripts/standin-images.sh
[ -d node_modules/.bin ] || npm ci --no-audit --no-fund
npm run build --silent

node dist/cli.js -f "$file" up -d --wait
code=000
for _ in $(seq 1 90); do
  code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8020/ || true)
  case "$code" in 200|301|302)
    echo "WordPress answers HTTP $code at http://127.0.0.1:8020/ (stop it with: bash scripts/wordpress.sh down)"
    exit 0 ;;
  esac
  sleep 1
done
echo "WordPress did not answer on http://127.0.0.1:8020/ within 90 s (last: HTTP $code); its logs:" >&2
node dist/cli.js -f "$file" logs --tail 30 >&2 || true
exit 1
