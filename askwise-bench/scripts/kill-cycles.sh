#!/usr/bin/env bash
# The long crash run (docs/performance.md): KillRestartTest with N kill -9 cycles (default 200), 3 concurrent writers,
# on the default SQLite store and, when ASKWISE_TEST_POSTGRES_URL is set, on PostgreSQL. Prints per store the cycles,
# the acknowledged writes and how many of them were lost after the restarts (the test fails if any was).
#   askwise-bench/scripts/kill-cycles.sh [CYCLES]
set -euo pipefail
cd "$(dirname "$0")/../.."
CYCLES=${1:-200}
status=0
./mvnw -B -ntp -q -pl askwise-server -am test -Dtest=KillRestartTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Daskwise.kill.cycles="$CYCLES" || status=$?
grep -ho "KillRestartTest [A-Za-z]*: [^&]*lost" \
  askwise-server/target/surefire-reports/TEST-dev.askwise.server.KillRestartTest.xml || true
exit $status
