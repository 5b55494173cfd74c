#!/usr/bin/env bash
# Build offline stand-ins for the official images the examples use, tagged with the official
# names: mysql:8.0 (MariaDB), wordpress:latest, postgres:16, redis:7, nginx:latest.
#
# No registry is reachable here, and containers have no network during `docker build`, so
# every package is installed on the host side: ONE mmdebstrap rootfs (Debian bookworm,
# minbase) holding all servers is imported once as tcompose-standin/base:bookworm, then
# each official name is a tiny Dockerfile FROM that base which only copies an entrypoint
# and config (scripts/standins/<name>/). On a machine with a registry, pull the real images.
#
# Skips images that are up to date (a content hash label on each image; the base is keyed by
# its recipe: packages, mmdebstrap options, hooks), and names held by an image it did not
# build (no hash label: a real official image), which it never replaces or removes.
# FORCE=1 rebuilds everything, replacing such images too. ONLY="mysql redis"
# builds a subset. MIRROR overrides the Debian mirror.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
standins="$here/standins"
# The Debian mirror the host's apt already uses (deb822 .sources or one-line .list files), so
# the rootfs comes from where this machine gets its packages; MIRROR= overrides it.
host_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n 1)
  [ -n "$uri" ] || uri=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n 1)
  printf '%s' "$uri"
}
MIRROR=${MIRROR:-$(host_mirror)}
BASE_IMAGE=tcompose-standin/base:bookworm
HASH_LABEL=org.tcompose.standin.hash

# Everything every stand-in needs, in one rootfs. postgresql-15 and redis 7.0 are what
# bookworm ships; the tags say what they stand in for, not what they contain.
PACKAGES=(
  mariadb-server mariadb-client
  apache2 libapache2-mod-php php-mysql wordpress wordpress-theme-twentytwentythree
  postgresql-15 postgresql-client-15
  redis-server redis-tools
  nginx-light
  curl ca-certificates
)

# name:tag → context dir under scripts/standins/
declare -A CONTEXT=(
  [mysql:8.0]=mysql
  [wordpress:latest]=wordpress
  [postgres:16]=postgres
  [redis:7]=redis
  [nginx:latest]=nginx
)
ORDER=(mysql:8.0 wordpress:latest postgres:16 redis:7 nginx:latest)

say() { printf 'standin: %s\n' "$*"; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1fs", e - s }'; }

label_of() {
  docker image inspect -f "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1" 2>/dev/null || true
}

# Content hash of files (sorted by path) plus extra strings.
hash_of() {
  local extra=$1; shift
  { printf '%s\n' "$extra"; find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sed "s#$here/##"; } \
    | sha256sum | cut -c1-16
}

ensure_mmdebstrap() {
  command -v mmdebstrap >/dev/null && return 0
  say "installing mmdebstrap"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
}

build_base() {
  local want=$1 t0 log
  ensure_mmdebstrap
  t0=$(now)
  log=$(mktemp)
  # The rootfs streams straight into `docker import`: no tarball on disk.
  # path-exclude trims docs/man/locales at unpack time (faster and smaller).
  if ! mmdebstrap --variant=minbase --format=tar \
      --include="$(IFS=,; echo "${PACKAGES[*]}")" \
      --aptopt='Acquire::Languages "none"' \
      --aptopt='Acquire::Retries "3"' \
      --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-include=/usr/share/doc/*/copyright' \
      --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' \
      --dpkgopt='path-exclude=/usr/share/i18n/*' \
      --dpkgopt='force-unsafe-io' \
      --essential-hook="sh '$standins/base-essential.sh' \"\$1\"" \
      --customize-hook="sh '$standins/base-customize.sh' \"\$1\"" \
      bookworm - "$MIRROR" 2>"$log" \
    | docker import \
        --change "LABEL $HASH_LABEL=$want" \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' \
        - "$BASE_IMAGE-partial" >/dev/null; then
    say "mmdebstrap or import failed; last lines of its log:" >&2
    tail -n 30 "$log" >&2
    rm -f "$log"
    docker rmi "$BASE_IMAGE-partial" >/dev/null 2>&1 || true
    return 1
  fi
  local debootstrap_s
  debootstrap_s=$(sed -n 's/.*success in \([0-9.]*\) seconds.*/\1/p' "$log" | cut -d. -f1)
  rm -f "$log"
  # Only a complete import gets the real tag (a broken stream must not look up to date).
  docker tag "$BASE_IMAGE-partial" "$BASE_IMAGE"
  docker rmi "$BASE_IMAGE-partial" >/dev/null
  say "$BASE_IMAGE built in $(since "$t0") (mmdebstrap ${debootstrap_s:-?}s, streamed into docker import)"
}

build_one() {
  local name=$1 dir="$standins/${CONTEXT[$1]}" base_id want t0
  base_id=$(docker image inspect -f '{{.Id}}' "$BASE_IMAGE")
  want=$(hash_of "$base_id" "$dir")
  local old have
  old=$(docker image inspect -f '{{.Id}}' "$name" 2>/dev/null || true)
  have=$(label_of "$name")
  if [ -z "${FORCE:-}" ] && [ "$have" = "$want" ]; then
    say "$name up to date"
    return 0
  fi
  # An image under that name we did not build (no hash label) is the developer's own, say a
  # pulled official one: it is theirs to keep.
  if [ -z "${FORCE:-}" ] && [ -n "$old" ] && [ -z "$have" ]; then
    say "$name skipped: an image not built by this script has that name (FORCE=1 replaces it)" >&2
    return 0
  fi
  t0=$(now)
  # Quiet unless it fails (the classic builder prints a deprecation notice on every build).
  local out
  if ! out=$(docker build -q --label "$HASH_LABEL=$want" --build-arg "BASE=$BASE_IMAGE" -t "$name" "$dir" 2>&1); then
    printf '%s\n' "$out" >&2
    say "$name: build failed" >&2
    return 1
  fi
  say "$name built in $(since "$t0")"
  drop_replaced "$old" "$name"
}

# Remove the image a rebuild replaced, so each recipe change does not leave ~500 MB behind.
# Only one of ours (it has the hash label); fails quietly (and keeps it) while containers use it.
drop_replaced() {
  local old=$1 name=$2
  [ -n "$old" ] && [ "$old" != "$(docker image inspect -f '{{.Id}}' "$name")" ] || return 0
  if [ -z "$(label_of "$old")" ]; then
    say "kept the image $name replaced (${old:7:12}): not built by this script" >&2
    return 0
  fi
  docker rmi "$old" >/dev/null 2>&1 || true
}

# Short name (mysql) → official name (mysql:8.0); empty when unknown.
image_named() {
  local k
  for k in "${ORDER[@]}"; do
    if [ "${CONTEXT[$k]}" = "$1" ]; then echo "$k"; fi
  done
}

main() {
  local t0 targets=() base_want name
  t0=$(now)
  # Test files may call this at the same time: one builds, the others then find it done.
  exec 9>"${TMPDIR:-/tmp}/tcompose-standin-images.lock"
  flock 9
  if [ -n "${ONLY:-}" ]; then
    for name in $ONLY; do
      case $name in *:*) ;; *) name=$(image_named "$name") ;; esac
      [ -n "$name" ] && [ -n "${CONTEXT[$name]:-}" ] || { say "unknown image in ONLY: $ONLY" >&2; exit 2; }
      targets+=("$name")
    done
  else
    targets=("${ORDER[@]}")
  fi

  # The recipe: packages, mirror, the mmdebstrap invocation itself and the customize hook.
  base_want=$(hash_of "${PACKAGES[*]} $MIRROR $(declare -f build_base)" "$standins/base-essential.sh" "$standins/base-customize.sh")
  local old_base
  old_base=$(docker image inspect -f '{{.Id}}' "$BASE_IMAGE" 2>/dev/null || true)
  if [ -z "${FORCE:-}" ] && [ "$(label_of "$BASE_IMAGE")" = "$base_want" ]; then
    say "$BASE_IMAGE up to date"
  else
    [ -n "$MIRROR" ] || { say "no Debian mirror in the host's apt sources: set MIRROR to one" >&2; exit 1; }
    build_base "$base_want"
  fi
  for name in "${targets[@]}"; do build_one "$name"; done
  drop_replaced "$old_base" "$BASE_IMAGE"
  say "done in $(since "$t0")"
}

# Sourced (by a test) it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
