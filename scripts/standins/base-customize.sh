#!/bin/sh
# mmdebstrap --customize-hook for the stand-in base rootfs; runs on the host, $1 = rootfs.
# Generic surgery only; per-image config is copied by each image's Dockerfile.
set -eu
root=$1

# Undo base-essential.sh. The entrypoints initialise data on first start, so no data dirs
# may be left from package installation either.
chroot "$root" dpkg-divert --quiet --local --rename --remove /usr/bin/mysql_install_db
rm -f "$root/etc/postgresql-common/createcluster.d/standin-build.conf"
rm -rf "$root"/var/lib/mysql/* "$root"/var/lib/postgresql/15 "$root"/etc/postgresql/15

# PostgreSQL's JIT provider drags in LLVM (~130 MB). Without the provider PostgreSQL simply
# runs without JIT; nothing else in the image links these libraries.
rm -f "$root"/usr/lib/postgresql/15/lib/llvmjit.so "$root"/usr/lib/postgresql/15/lib/llvmjit_types.bc
rm -rf "$root"/usr/lib/postgresql/15/lib/bitcode
rm -f "$root"/usr/lib/x86_64-linux-gnu/libLLVM-*.so* "$root"/usr/lib/x86_64-linux-gnu/libz3.so*

# MariaDB's offline table repair and benchmark tools (~5 MB each, statically linked); the
# server, client, admin, dump/import/check and everything mariadb-install-db calls stay.
for tool in aria_chk aria_dump_log aria_ftdump aria_pack aria_read_log myisamchk myisam_ftdump \
    myisamlog myisampack mariadb-slap innochecksum mariadb-conv resolve_stack_dump; do
  rm -f "$root/usr/bin/$tool"
done
chroot "$root" find /usr/bin -xtype l -delete # their mysql* compatibility links

# Apache: no default site; rewrite on (pretty permalinks); logs to the container's streams.
rm -f "$root"/etc/apache2/sites-enabled/000-default.conf
ln -sf ../mods-available/rewrite.load "$root"/etc/apache2/mods-enabled/rewrite.load
ln -sfT /dev/stderr "$root"/var/log/apache2/error.log
ln -sfT /dev/stdout "$root"/var/log/apache2/access.log
ln -sfT /dev/stdout "$root"/var/log/apache2/other_vhosts_access.log

# Debian keeps WordPress themes/plugins in /usr/share but wp-content in /var/lib.
for d in "$root"/usr/share/wordpress/wp-content/themes/* "$root"/usr/share/wordpress/wp-content/plugins/*/; do
  [ -d "$d" ] || continue
  kind=$(basename "$(dirname "$d")")
  ln -sfT "/usr/share/wordpress/wp-content/$kind/$(basename "$d")" \
    "$root/var/lib/wordpress/wp-content/$kind/$(basename "$d")"
done

# nginx: the official image's layout (conf.d/default.conf, logs to the container's streams).
rm -f "$root"/etc/nginx/sites-enabled/default
ln -sfT /dev/stdout "$root"/var/log/nginx/access.log
ln -sfT /dev/stderr "$root"/var/log/nginx/error.log

# Data directories the official images declare.
mkdir -p "$root"/data "$root"/docker-entrypoint-initdb.d "$root"/run/mysqld "$root"/run/postgresql
chroot "$root" chown redis:redis /data
chroot "$root" chown mysql:mysql /run/mysqld /var/lib/mysql
chroot "$root" chown postgres:postgres /run/postgresql

rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/log/*.log
