#!/usr/bin/env bash
# The long fuzz run (docs/performance.md): FuzzTest with N generated requests (default 100,000) over every OpenAPI
# route, in process on loopback; prints the status histogram and the number of 5xx, non-JSON bodies and stack traces
# (the test fails on any).   askwise-bench/scripts/fuzz.sh [REQUESTS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
REQUESTS=${1:-100000}
SEED=${2:-20261201}
status=0
./mvnw -B -ntp -q -pl askwise-server -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Daskwise.fuzz.requests="$REQUESTS" -Daskwise.fuzz.seed="$SEED" || status=$?
grep -ho "FuzzTest: [^&]*problems" \
  askwise-server/target/surefire-reports/TEST-dev.askwise.server.FuzzTest.xml || true
exit $status
