#!/usr/bin/env bash
# LoadTest against two builds side by side on the same machine (docs/performance.md): for each CLI jar, serve on the
# default embedded store and (when PGURL is set, e.g. jdbc:postgresql://127.0.0.1:5433/postgres) on PostgreSQL,
# warm up 10 s, then measure SECONDS s with THREADS threads. The old jar is built from the older commit in its own
# worktree (./mvnw -q -pl askwise-cli,askwise-bench -am -DskipTests package). Both builds run with --rate-limit 0 (the
# option exists from e2795aa on); EMBEDDED=0 skips the embedded store; ROUNDS > 1 repeats old/new alternately so that a noisy machine shows in the spread.
#   askwise-bench/scripts/load-compare.sh OLD_ALL_JAR NEW_ALL_JAR [SECONDS=20] [THREADS=8] [ROUNDS=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$1 new=$2 seconds=${3:-20} threads=${4:-8} rounds=${5:-1}
cp="askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath)"
work=$(mktemp -d /tmp/askwise-load.XXXXXX)
run() { # label jar store-args...
  local label=$1 jar=$2; shift 2
  java -jar "$jar" serve --port 0 "$@" > "$work/$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do grep -q "API key" "$work/$label.log" 2>/dev/null && break; sleep 0.5; done
  local url key
  url=$(grep -o "http://[0-9.:]*" "$work/$label.log" | head -1)
  key=$(grep -o "aw_[0-9a-f]*" "$work/$label.log" | head -1)
  java -cp "$cp" dev.askwise.bench.LoadTest "$url" "$key" 10 "$threads" hotel > /dev/null 2>&1 || true
  echo "$label: $(java -cp "$cp" dev.askwise.bench.LoadTest "$url" "$key" "$seconds" "$threads" hotel)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
for round in $(seq 1 "$rounds"); do
  if [ "${EMBEDDED:-1}" != 0 ]; then
    run "old-embedded#$round" "$old" --data-dir "$work/old-db" --rate-limit 0
    run "new-embedded#$round" "$new" --data-dir "$work/new-db" --rate-limit 0
  fi
  if [ -n "${PGURL:-}" ]; then # one database for both: alternate which goes first (autovacuum follows a run)
    if [ $((round % 2)) = 1 ]; then
      run "old-postgres#$round" "$old" --postgres-url "$PGURL" --rate-limit 0
      run "new-postgres#$round" "$new" --postgres-url "$PGURL" --rate-limit 0
    else
      run "new-postgres#$round" "$new" --postgres-url "$PGURL" --rate-limit 0
      run "old-postgres#$round" "$old" --postgres-url "$PGURL" --rate-limit 0
    fi
  fi
done
