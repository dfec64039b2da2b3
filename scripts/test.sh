#!/usr/bin/env bash
# The whole suite against real services (the test bed starts Postgres and livekit-server itself).
set -uo pipefail
cd "$(dirname "$0")/.."

echo "== ruff"
.venv/bin/ruff check . || exit 1

echo "== human speech clips (tests/agent/test_components.py, bench/bench_stt.py)"
bash scripts/fetch_bench_speech.sh || exit 1

echo "== real-face evaluation set (tests/analytics/test_face_evalset.py, bench/bench_face_evalset.py)"
bash scripts/fetch_face_evalset.sh || exit 1

echo "== pytest"
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" = 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$rc"
