# Shared set-up of scripts/test and bench/run (source it; it defines functions only).
#
# The caller sets, before calling the functions:
#   LOG_PREFIX      prefix of log lines (e.g. "scripts/test")
#   PYTHON          the Python interpreter (default python3)
#   APT_PACKAGES    array of Debian packages install_system_packages installs when missing
#   REQUIRED_COMMANDS  array of commands that must exist after the install (optional)
#   WAIT_SECONDS    bound on waiting for a server (default 30)
#   WORK_DIR        a directory the postgres user can reach (mktemp -d + chmod 755),
#                   before start_postgres / start_redis
# and installs the cleanup trap: `trap cleanup EXIT`.
#
# start_postgres [NAME]: a throwaway cluster owned by the postgres user in $WORK_DIR/pgNAME
# on a free port, 127.0.0.1 only, trust auth, fsync off; creates the database creditctl_test.
# start_redis [NAME]: a private Redis on a free port ($WORK_DIR/redisNAME), no persistence.
# Each call starts one more server (a pair per pytest-xdist worker: scripts/test); the
# globals PG_BIN, PG_DATA, PG_PORT, REDIS_DIR, REDIS_PORT describe the last one started.
# export_test_env [WORKER]: exports CREDITCTL_TEST_* (see tests/realservices.py) for the
# last pair started; with WORKER (e.g. GW1) as CREDITCTL_TEST_GW1_* instead, which
# tests/conftest.py maps onto CREDITCTL_TEST_* in that xdist worker.
# cleanup: stops every server started by pid / pg_ctl (never by process name), removes WORK_DIR.

PYTHON="${PYTHON:-python3}"
WAIT_SECONDS="${WAIT_SECONDS:-30}"
LOG_PREFIX="${LOG_PREFIX:-$(basename "$0")}"

log() { printf '%s: %s\n' "$LOG_PREFIX" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- system packages -----------------------------------------------------------------
install_system_packages() {
  local missing=() pkg cmd
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  local commands_ok=1
  for cmd in "${REQUIRED_COMMANDS[@]}"; do
    command -v "$cmd" >/dev/null || commands_ok=0
  done
  if ((${#missing[@]} == 0)) && ((commands_ok)); then
    return 0
  fi
  [[ $(id -u) == 0 ]] || die "missing packages (${missing[*]:-?}); run as root or install them"
  log "installing ${missing[*]:-${APT_PACKAGES[*]}} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq -o Dpkg::Use-Pty=0 "${APT_PACKAGES[@]}" </dev/null >/dev/null
}

# --- the project ---------------------------------------------------------------------
# The test extra (pytest and the test fakes) and the lint extra (ruff, mypy and the stub
# packages mypy needs: scripts/lint).
install_project() {
  log "installing the project (pip install -e '.[test,lint]')"
  "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore -e '.[test,lint]' </dev/null
}

# --- helpers -------------------------------------------------------------------------
free_port() {
  "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the postgres user (initdb refuses root), from a directory it can enter.
as_postgres() {
  if [[ $(id -u) == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# --- servers -------------------------------------------------------------------------
WORK_DIR="${WORK_DIR:-}"
PG_BIN=""
PG_DATA=""
REDIS_DIR=""
PG_DATAS=()
REDIS_DIRS=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  local data dir
  for data in "${PG_DATAS[@]}"; do
    stop_postgres_at "$data"
  done
  for dir in "${REDIS_DIRS[@]}"; do
    stop_redis_at "$dir"
  done
  [[ -n $WORK_DIR ]] && rm -rf "$WORK_DIR"
  exit "$rc"
}

# Stops the cluster in data directory $1 (pg_ctl; its postmaster pid when that fails).
stop_postgres_at() {
  local data=$1 pg_pid
  [[ -f $data/postmaster.pid ]] || return 0
  log "stopping PostgreSQL ($data)"
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1; then
    pg_pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
    [[ $pg_pid =~ ^[0-9]+$ ]] && kill -KILL "$pg_pid" 2>/dev/null
  fi
  return 0
}

# Stops the Redis whose pid file is in directory $1 (TERM, then KILL after 10 s).
stop_redis_at() {
  local dir=$1 redis_pid i
  [[ -f $dir/redis.pid ]] || return 0
  log "stopping Redis ($dir)"
  redis_pid=$(cat "$dir/redis.pid" 2>/dev/null)
  if [[ $redis_pid =~ ^[0-9]+$ ]] && kill -TERM "$redis_pid" 2>/dev/null; then
    for ((i = 0; i < 100; i++)); do
      kill -0 "$redis_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$redis_pid" 2>/dev/null
  fi
  return 0
}

start_postgres() {
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  [[ -n $version ]] || die "no PostgreSQL under /usr/lib/postgresql"
  PG_BIN=/usr/lib/postgresql/$version/bin
  PG_DATA=$WORK_DIR/pg${1:-}
  PG_PORT=$(free_port)
  mkdir -m 700 "$PG_DATA"
  PG_DATAS+=("$PG_DATA")
  [[ $(id -u) == 0 ]] && chown postgres:postgres "$PG_DATA"
  log "starting PostgreSQL $version on 127.0.0.1:$PG_PORT"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$WORK_DIR/initdb.log" 2>&1 \
    || { cat "$WORK_DIR/initdb.log" >&2; die "initdb failed"; }
  # Settings live in the config file so that a plain `pg_ctl start` (as the tests'
  # restart helper does) brings the server back the same way. fsync off: throwaway data
  # (safe against a server crash, not an OS crash). synchronous_commit stays on, so a
  # committed row survives `pg_ctl stop -m immediate`, as tests of outages expect.
  cat >>"$PG_DATA/postgresql.conf" <<EOC

# ${LOG_PREFIX}
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DATA'
max_connections = 200
fsync = off
full_page_writes = off
EOC
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t "$WAIT_SECONDS" \
    start >/dev/null || { cat "$PG_DATA/server.log" >&2; die "PostgreSQL did not start"; }
  local i
  for ((i = 0; i < WAIT_SECONDS * 10; i++)); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres && break
    sleep 0.1
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres || die "PostgreSQL does not answer"
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c 'CREATE DATABASE creditctl_test' </dev/null >/dev/null
}

start_redis() {
  REDIS_DIR=$WORK_DIR/redis${1:-}
  REDIS_PORT=$(free_port)
  mkdir -m 700 "$REDIS_DIR"
  REDIS_DIRS+=("$REDIS_DIR")
  cat >"$REDIS_DIR/redis.conf" <<EOC
port $REDIS_PORT
bind 127.0.0.1
save ""
appendonly no
daemonize yes
dir $REDIS_DIR
pidfile $REDIS_DIR/redis.pid
logfile $REDIS_DIR/redis.log
EOC
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server "$REDIS_DIR/redis.conf" </dev/null >/dev/null
  local i
  for ((i = 0; i < WAIT_SECONDS * 10; i++)); do
    [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]] && return 0
    sleep 0.1
  done
  cat "$REDIS_DIR/redis.log" >&2 || true
  die "Redis does not answer"
}

# Exports where the last pair of servers started is (names read by tests/realservices.py):
# CREDITCTL_TEST_*, or CREDITCTL_TEST_$1_* when a worker name is given (e.g. GW1).
export_test_env() {
  local p="CREDITCTL_TEST_${1:+$1_}"
  export "${p}PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/creditctl_test"
  export "${p}REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
  export "${p}PG_BIN=$PG_BIN"
  export "${p}PG_DATA=$PG_DATA"
  export "${p}PG_PORT=$PG_PORT"
  export "${p}REDIS_PORT=$REDIS_PORT"
  export "${p}REDIS_DIR=$REDIS_DIR"
}
