<?php
/* WordPress settings of the wordpress:latest stand-in, from the official image's environment:
 * WORDPRESS_DB_HOST (host[:port]), WORDPRESS_DB_USER, WORDPRESS_DB_PASSWORD, WORDPRESS_DB_NAME,
 * WORDPRESS_DB_CHARSET, WORDPRESS_DB_COLLATE, WORDPRESS_TABLE_PREFIX, WORDPRESS_DEBUG,
 * WORDPRESS_AUTH_KEY... (salts), WORDPRESS_CONFIG_EXTRA; each also as *_FILE.
 * Debian's /usr/share/wordpress/wp-config.php loads this file and then wp-settings.php. */

function getenv_docker($name, $default) {
    if ($file = getenv($name . '_FILE')) {
        return rtrim(file_get_contents($file), "\r\n");
    }
    $value = getenv($name);
    return $value === false ? $default : $value;
}

define('DB_NAME', getenv_docker('WORDPRESS_DB_NAME', 'wordpress'));
define('DB_USER', getenv_docker('WORDPRESS_DB_USER', 'example username'));
define('DB_PASSWORD', getenv_docker('WORDPRESS_DB_PASSWORD', 'example password'));
define('DB_HOST', getenv_docker('WORDPRESS_DB_HOST', 'mysql'));
define('DB_CHARSET', getenv_docker('WORDPRESS_DB_CHARSET', 'utf8'));
define('DB_COLLATE', getenv_docker('WORDPRESS_DB_COLLATE', ''));
$table_prefix = getenv_docker('WORDPRESS_TABLE_PREFIX', 'wp_');

$wp_salts = array();
if (is_readable('/etc/wordpress/salts.php')) {
    require '/etc/wordpress/salts.php';
}
foreach (array('AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY',
               'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT') as $salt) {
    define($salt, getenv_docker('WORDPRESS_' . $salt, isset($wp_salts[$salt]) ? $wp_salts[$salt] : 'put your unique phrase here'));
}

define('WP_DEBUG', (bool) getenv_docker('WORDPRESS_DEBUG', ''));

/* Behind a TLS-terminating proxy, as in the official image. */
if (isset($_SERVER['HTTP_X_FORWARDED_PROTO']) && strpos($_SERVER['HTTP_X_FORWARDED_PROTO'], 'https') !== false) {
    $_SERVER['HTTPS'] = 'on';
}

if ($configExtra = getenv_docker('WORDPRESS_CONFIG_EXTRA', '')) {
    eval($configExtra);
}

/* No registry or internet here: fail calls to wordpress.org at once instead of timing out. */
if (!defined('WP_HTTP_BLOCK_EXTERNAL')) {
    define('WP_HTTP_BLOCK_EXTERNAL', true);
}
