#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine; idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }

# System packages: espeak-ng (offline TTS, test speech), sox (audio tools), chromium (browser tests), redis-server
# (the LiveKit nodes' shared state in `interviewly up --cluster` and the cluster tests).
missing=()
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v sox >/dev/null || missing+=(sox)
command -v chromium >/dev/null || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python virtualenv with the project and its test extras; reinstalled only when pyproject.toml changes.
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  log "creating .venv with $PY"
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  log "installing Python dependencies (first run takes a few minutes)"
  .venv/bin/pip install -q -U pip wheel
  .venv/bin/pip install -q -e ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# LiveKit server: PATH, LIVEKIT_SERVER_BIN, or built once from its pinned Go module into .tools/.
if ! .venv/bin/python -c "from devstack.livekit_server import find_binary; import sys; sys.exit(find_binary() is None)"; then
  log "building livekit-server from its Go module (once per version, ~3 min on 2 cores)"
fi
.venv/bin/python -c "from devstack.livekit_server import ensure_binary; ensure_binary()"

# Mailpit (the mail catcher `make up` runs): PATH, MAILPIT_BIN, or built once from its pinned Go module.
if ! .venv/bin/python -c "from devstack.mailpit import find_binary; import sys; sys.exit(find_binary() is None)"; then
  log "building mailpit from its Go module (once per version, ~2 min on 2 cores)"
fi
.venv/bin/python -c "from devstack.mailpit import ensure_binary; ensure_binary()"

# MinIO (the real S3-compatible server the storage and recording tests run against): PATH, MINIO_BIN, or built once.
if ! .venv/bin/python -c "from devstack.minio import find_binary; import sys; sys.exit(find_binary() is None)"; then
  log "building minio from its Go module (once per version, ~10 min on 2 cores)"
fi
.venv/bin/python -c "from devstack.minio import ensure_binary; ensure_binary()"

# vegeta (the open-loop load generator bench/bench_api.py drives the API with): PATH, VEGETA_BIN, or built once.
if ! .venv/bin/python -c "from devstack.vegeta import find_binary; import sys; sys.exit(find_binary() is None)"; then
  log "building vegeta from its Go module (once per version, ~1 min on 2 cores)"
fi
.venv/bin/python -c "from devstack.vegeta import ensure_binary; ensure_binary()"

# Web assets (livekit-client, charts) bundled from npm into static files, when the web pages exist.
if [ -f api/web/package.json ]; then
  bash scripts/build_web.sh
fi
# The Compose schema the deploy/ files are checked against (npm registry).
bash scripts/deploy_schemas.sh
log "ready"
