#!/usr/bin/env bash
# Run one command beside a throwaway PostgreSQL + Redis (scripts/lib-services.sh, as bench/run
# does, without the install step); both are stopped on exit.
#   bash docs/measurements/limits-round11/with_services.sh python -m bench.llm_timeline --threads 32
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$REPO_ROOT"
PYTHON="${PYTHON:-python3}"
LOG_PREFIX="with_services"
WAIT_SECONDS=30
# shellcheck source=scripts/lib-services.sh
source "$REPO_ROOT/scripts/lib-services.sh"
trap cleanup EXIT
WORK_DIR=$(mktemp -d /tmp/creditctl-limits.XXXXXX)
chmod 755 "$WORK_DIR"
start_postgres
start_redis
export_test_env
"$@"
