#!/usr/bin/env bash
# Makes sure what the result-notifier's tests use is there (idempotent, runs as root):
#   PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379, started when installed but not answering,
#   Debian's chromium + chromium-driver for the dashboard's browser test, installed when missing,
#   Debian's prometheus (prometheus and promtool) for the alert tests and the end-to-end scrape, installed when missing,
#   and kubectl for `kubectl kustomize deploy/k8s`, reported (see below).
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

# ---- Prometheus and promtool for the alert unit tests and the end-to-end scrape ----
if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
  log "prometheus and promtool are installed"
else
  log "installing prometheus (brings promtool)"
  apt-get update -qq
  # without recommends: the node exporter and its friends are not needed (the package starts no service here)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  log "installed $(promtool --version 2>/dev/null | head -1 || echo promtool)"
fi

# ---- kubectl for the kustomize rendering test ----
# The machines' image brings kubectl (package kubectl, with kustomize v5). Debian's own kubernetes-client is
# kubectl 1.20, whose kustomize cannot read deploy/k8s/kustomization.yaml's `labels:` field: installing it would
# not help, so a missing or too old kubectl is only reported and KustomizeTest skips saying so.
if command -v kubectl >/dev/null && kubectl version --client 2>/dev/null | grep -q "Kustomize Version"; then
  log "kubectl is installed ($(kubectl version --client 2>/dev/null | head -1))"
else
  log "no kubectl with kustomize v4+ (kubectl 1.24 or newer): the kustomize rendering test will be skipped"
fi
