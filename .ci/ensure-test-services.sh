#!/usr/bin/env bash
# Makes sure what the result-notifier's tests use is there (idempotent, runs as root):
#   PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379, started when installed but not answering,
#   and Debian's chromium + chromium-driver for the dashboard's browser test, installed when missing.
# A service that is not installed at all is reported, and the tests that need it skip with a message.
set -euo pipefail

log() { echo "ensure-test-services: $*"; }

wait_for() { # description, command...
  local what="$1"; shift
  for _ in $(seq 1 30); do
    if "$@" >/dev/null 2>&1; then log "$what is up"; return 0; fi
    sleep 1
  done
  log "$what did not come up within 30 s"; return 1
}

postgres_answers() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

# ---- PostgreSQL ----
if ! command -v pg_ctlcluster >/dev/null || [ ! -d /etc/postgresql ] || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  log "PostgreSQL is not installed: the PostgreSQL tests will be skipped"
elif postgres_answers; then
  log "PostgreSQL is up"
else
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  wait_for PostgreSQL postgres_answers
fi

# ---- Redis ----
if ! command -v redis-server >/dev/null; then
  log "Redis is not installed: the Redis tests will be skipped"
elif redis_answers; then
  log "Redis is up"
else
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis redis_answers
fi

# ---- Chromium for the dashboard test ----
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  log "chromium and chromedriver are installed"
else
  log "installing chromium and chromium-driver"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  log "installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
fi
