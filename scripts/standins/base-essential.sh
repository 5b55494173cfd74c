#!/bin/sh
# mmdebstrap --essential-hook for the stand-in base rootfs; runs on the host, $1 = rootfs,
# after the essential packages and before the servers are installed. The servers' postinsts
# would create a MariaDB system database and a PostgreSQL cluster (hundreds of MB written,
# seconds of CPU) that the entrypoints create on first start anyway: skip that work.
set -eu
root=$1
mkdir -p "$root/etc/postgresql-common/createcluster.d"
echo 'create_main_cluster = false' >"$root/etc/postgresql-common/createcluster.d/standin-build.conf"
# mariadb-server's postinst runs /usr/bin/mysql_install_db and tolerates its failure; divert
# it away for the install, base-customize.sh puts it back.
chroot "$root" dpkg-divert --quiet --local --rename \
  --divert /usr/bin/mysql_install_db.standin-build --add /usr/bin/mysql_install_db
