# The development environment of scripts/demo and scripts/manage (sourced before _env.sh).
# The production settings with local values: DEBUG stays off, so the demo shows the Vietnamese
# error pages readers get (404, 403, 500), not Django's English debug pages. `DEBUG=1 scripts/demo`
# brings those back. Every variable may be set beforehand to override it.
if [ -z "${SECRET_KEY:-}" ]; then
  # A random key of this checkout's own, made once and kept (git ignores it): sessions survive a restart.
  KEY_FILE="$(dirname "${BASH_SOURCE[0]}")/../.dev-secret-key"
  if [ ! -s "$KEY_FILE" ]; then
    (umask 077 && LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 60 >"$KEY_FILE")
  fi
  SECRET_KEY=$(cat "$KEY_FILE")
fi
export SECRET_KEY
export DEBUG=${DEBUG:-0}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export SECURE_COOKIES=${SECURE_COOKIES:-false}   # plain http://127.0.0.1: cookies without the Secure flag
export SERVE_MEDIA=${SERVE_MEDIA:-true}
export PAGE_CACHE_SECONDS=${PAGE_CACHE_SECONDS:-0}
# Notification mail is printed where the server runs.
export EMAIL_BACKEND=${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}
