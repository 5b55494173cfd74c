#!/bin/bash
# Entrypoint of the wordpress:latest stand-in. The database settings are read from the
# environment on every request (config-default.php), so WordPress keeps retrying a database
# that comes up later, like the official image. Salts are generated once per container.
set -euo pipefail

if [[ "$1" == apache2* ]] || [ "$1" = php-fpm ]; then
  salts=/etc/wordpress/salts.php
  if [ ! -s "$salts" ]; then
    {
      echo '<?php'
      for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        printf "\$wp_salts['%s'] = '%s';\n" "$k" "$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
      done
    } >"$salts"
    chmod 640 "$salts"
    chgrp www-data "$salts"
  fi
  chown -R www-data:www-data /var/lib/wordpress/wp-content/uploads 2>/dev/null || true
fi

exec "$@"
