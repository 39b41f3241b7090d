#!/usr/bin/env bash
# Starts (or stops) the PostgreSQL and Redis servers that the storage, queue
# and scale-out tests use, from Debian's packages, each on its own port under
# .onrecord/services so they never clash with a system server.
#   scripts/services.sh start   -> prints the env lines to eval
#   scripts/services.sh stop
#   scripts/services.sh running -> exit status 0 when both answer
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.onrecord/services"
pg_port="${ONRECORD_PG_PORT:-54329}"
redis_port="${ONRECORD_REDIS_PORT:-63799}"
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

install_missing() {
  local need=()
  [ -n "$pgbin" ] || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  if [ "${#need[@]}" -gt 0 ]; then
    echo "installing ${need[*]} from Debian's packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
    pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

start() {
  install_missing
  mkdir -p "$dir"
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    mkdir -p "$dir/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/pg"
    as_postgres "'$pgbin/initdb' -D '$dir/pg' -A trust -U postgres >/dev/null"
  fi
  if ! "$pgbin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q; then
    as_postgres "'$pgbin/pg_ctl' -D '$dir/pg' -o '-p $pg_port -k /tmp -c fsync=off -c max_connections=200' -l '$dir/pg/log' -w start >/dev/null"
  fi
  for db in onrecord_test onrecord; do
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "create database $db" >/dev/null
  done
  if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
      --dir "$dir" --logfile "$dir/redis.log" --pidfile "$dir/redis.pid" >/dev/null
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$pg_port/onrecord_test"
  echo "export TEST_REDIS_URL=redis://127.0.0.1:$redis_port"
}

stop() {
  [ -n "$pgbin" ] && [ -f "$dir/pg/postmaster.pid" ] && as_postgres "'$pgbin/pg_ctl' -D '$dir/pg' -m fast stop >/dev/null" || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}

running() {
  [ -n "$pgbin" ] && "$pgbin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q && redis-cli -p "$redis_port" ping >/dev/null 2>&1
}

case "${1:-}" in
  start) start ;;
  running) running ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop|running" >&2; exit 2 ;;
esac
