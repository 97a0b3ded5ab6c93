# Shared by scripts/demo and scripts/test: a virtual environment with the pinned requirements.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating virtual environment in .venv ($PYTHON)"
  "$PYTHON" -m venv .venv
fi
REQ=${1:-requirements.txt}
STAMP=".venv/.installed-$(basename "$REQ")-$(cat requirements*.txt | sha1sum | cut -c1-12)"
if [ ! -e "$STAMP" ]; then
  echo "==> Installing $REQ"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$REQ"
  touch "$STAMP"
fi
echo "==> Compiling Vietnamese translations"
.venv/bin/python manage.py compilemessages --ignore=.venv -l vi >/dev/null
