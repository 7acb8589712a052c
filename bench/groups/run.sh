#!/usr/bin/env bash
# Whether a refusal's time tells an outsider that a group's private stage exists and has notes: three runs
# against a Plenary started from the built jar on embedded H2 (fresh data each run); the medians and 90th
# percentiles of 404s for an existing stage with 500 notes and for a stage that does not exist, interleaved.
#
#   mvn -B -q -o verify -pl server -am -Dskip.web=true -DskipTests   # builds server/target/plenary.jar
#   bench/groups/run.sh [path/to/plenary.jar]                         # appends to bench/groups/results.md
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${1:-$here/../../server/target/plenary.jar}"
port="${BENCH_PORT:-8098}"
notes="${NOTES:-500}"
rounds="${ROUNDS:-2000}"
out="$here/results.md"
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $notes notes, $rounds rounds"
} >> "$out"
for run in 1 2 3; do
  work="$(mktemp -d)"
  PLENARY_ADMIN_EMAIL=admin@bench.test PLENARY_ADMIN_PASSWORD=bench-password \
    java -jar "$jar" --port "$port" --host 127.0.0.1 --data-dir "$work/data" > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.5; done
  {
    echo
    echo "Run $run"
    echo
    echo "| request (as a non-member) | status | median ms | p90 ms |"
    echo "|---|---|---|---|"
    java "$here/RefusalTiming.java" "http://127.0.0.1:$port" admin@bench.test bench-password \
      "$here/../../server/src/test/resources/samples/ar-itu-res88-zero.txt" "$notes" "$rounds"
  } >> "$out"
  kill "$server"; wait "$server" 2>/dev/null || true; rm -rf "$work"
done
tail -40 "$out"
