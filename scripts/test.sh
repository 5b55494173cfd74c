#!/usr/bin/env bash
# The test command: sets up what the tests need (idempotent), installs the npm packages,
# builds tcompose, and runs the whole suite (unit, CLI and real-engine integration tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
[ -d node_modules/.bin ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
npm test
