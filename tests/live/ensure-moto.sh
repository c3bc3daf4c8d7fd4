#!/usr/bin/env bash
# Fails with a clear message when the live tests (tests/live/) cannot run: they need moto's server
# (python3 -m moto.server). Call this from CI before `npm test`.
set -euo pipefail
PY="${PYTHON:-python3}"
if ! command -v "$PY" >/dev/null 2>&1; then
    echo "error: $PY not found; the live tests (tests/live) need Python 3 with moto: pip install \"moto[server]\"" >&2
    exit 1
fi
if ! "$PY" -c 'import moto, flask, flask_cors' >/dev/null 2>&1; then
    echo "error: moto with its server extras is not installed for $PY: pip install \"moto[server]\" (tested with moto 5.2)" >&2
    exit 1
fi
echo "moto $("$PY" -c 'import moto; print(moto.__version__)') available for tests/live"
