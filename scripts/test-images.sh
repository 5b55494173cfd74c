#!/usr/bin/env bash
# Build the images the tests use, offline. Skips images that already exist.
#   tcompose-test/busybox:latest  FROM scratch + Debian's busybox-static (sh, sleep, nc, wget, httpd),
#                                 with /tmp, /root and a minimal /etc/passwd
# Set FORCE=1 to rebuild.
set -euo pipefail

log() { printf 'images: %s\n' "$*" >&2; }
have_image() { [ -z "${FORCE:-}" ] && docker image inspect "$1" >/dev/null 2>&1; }

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

BUSYBOX_IMAGE=tcompose-test/busybox:latest
if ! have_image "$BUSYBOX_IMAGE"; then
  dpkg -s busybox-static >/dev/null 2>&1 || apt_install busybox-static
  ctx=$(mktemp -d)
  trap 'rm -rf "$ctx"' EXIT
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox --install -s /bin && mkdir -p /tmp /var/www /root /etc && chmod 1777 /tmp && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'root:x:0:' > /etc/group"]
CMD ["sh"]
DOCKERFILE
  docker build -q -t "$BUSYBOX_IMAGE" "$ctx" >/dev/null
  log "built $BUSYBOX_IMAGE"
fi
