# Shared by scripts/demo, scripts/manage and scripts/test: a virtual environment with the pinned requirements.
# Progress goes to stderr, so what a command prints (scripts/manage export_articles ...) stays its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating virtual environment in .venv ($PYTHON)" >&2
  "$PYTHON" -m venv .venv
fi
REQ=${1:-requirements.txt}
HASH=$(cat requirements*.txt | sha1sum | cut -c1-12)
STAMP=".venv/.installed-$(basename "$REQ")-$HASH"
# requirements-dev.txt includes requirements.txt: a development install serves the demo too.
if [ ! -e "$STAMP" ] && [ ! -e ".venv/.installed-requirements-dev.txt-$HASH" ]; then
  echo "==> Installing $REQ" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip >&2
  .venv/bin/python -m pip install --quiet -r "$REQ" >&2
  touch "$STAMP"
fi
echo "==> Compiling Vietnamese translations" >&2
.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=bench -l vi >/dev/null
