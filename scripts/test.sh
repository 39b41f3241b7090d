#!/usr/bin/env bash
# `npm test`: every test. Starts the PostgreSQL and Redis servers the backend
# tests need (installing them and Chromium from Debian's packages when missing
# and allowed), runs the suite, and stops what it started.
set -uo pipefail
cd "$(dirname "$0")/.."

started=""
if [ -z "${TEST_DATABASE_URL:-}" ] || [ -z "${TEST_REDIS_URL:-}" ]; then
  # Servers someone else started are left running when the tests end.
  bash scripts/services.sh running || started=yes
  if env_lines="$(bash scripts/services.sh start)"; then
    eval "$env_lines"
    export TEST_DATABASE_URL TEST_REDIS_URL
  else
    started=""
    echo "note: PostgreSQL/Redis could not be started; their tests will be skipped" >&2
  fi
fi
if [ -z "${CHROMIUM_PATH:-}" ]; then
  if ! command -v chromium >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing chromium from Debian's packages for the browser tests" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "note: chromium could not be installed; browser tests will be skipped" >&2
  fi
  command -v chromium >/dev/null && export CHROMIUM_PATH="$(command -v chromium)"
fi

files=$(find test -name '*.test.ts' | sort)
node --import tsx --test --test-concurrency=1 "$@" $files
status=$?
[ -n "$started" ] && bash scripts/services.sh stop
exit $status
