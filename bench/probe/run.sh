#!/usr/bin/env bash
# Replays the resource-exhaustion cases of issue 11 (items 2, 3, 4) against a Plenary started from a built jar,
# recording for each case the outcome, the time to refusal, /health meanwhile and the server's peak heap
# (jstat samples every 200 ms: eden + survivors + old generation in use) and open file descriptors.
#
#   mvn -B -q -o verify -pl server -am -Dskip.web=true -DskipTests   # builds server/target/plenary.jar
#   bench/probe/run.sh [path/to/plenary.jar] > bench/probe/last-run.txt
#   PROBE_CASES="json-keys idle-sockets" bench/probe/run.sh old.jar   # some cases only
#
# The server runs with -Xmx1g (the probed server had 4 GB; a bomb that needs more than 1 GB shows as an
# OutOfMemoryError). Idle sockets: as many as this shell's file limit allows, up to 20,000.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${1:-$here/../../server/target/plenary.jar}"
port="${PROBE_PORT:-8099}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

PLENARY_ADMIN_EMAIL=admin@probe.test PLENARY_ADMIN_PASSWORD=probe-password \
  java -Xmx1g -jar "$jar" --port "$port" --host 127.0.0.1 --data-dir "$work/data" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" > /dev/null && break
  sleep 0.5
done
echo "server: $(basename "$jar"), pid $server, $(java -version 2>&1 | head -1), $(nproc) cores, file limit $(ulimit -n)"

# Runs one case while sampling the server's heap and descriptors; prints the case's line and the peaks.
probe() {
  local case="$1"; shift
  jstat -gc "$server" 200 > "$work/jstat-$case.txt" 2>/dev/null &
  local sampler=$!
  ( peak=0; while kill -0 "$server" 2>/dev/null; do
      n=$(ls /proc/"$server"/fd 2>/dev/null | wc -l); [ "$n" -gt "$peak" ] && peak=$n
      echo "$peak" > "$work/fd-$case.tmp" && mv "$work/fd-$case.tmp" "$work/fd-$case.txt"
      sleep 0.2; done ) &
  local fds=$!
  local line
  line="$(java "$here/Probe.java" "http://127.0.0.1:$port" admin@probe.test probe-password "$case" "$@" 2>&1 | tail -3)" || true
  kill "$sampler" "$fds" 2>/dev/null || true
  wait "$sampler" "$fds" 2>/dev/null || true
  # jstat -gc columns: S0C S1C S0U S1U EC EU OC OU …; in-use heap = S0U + S1U + EU + OU (KB).
  local heap
  heap=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%d", max / 1024 }' \
    "$work/jstat-$case.txt")
  echo "$line | peak heap ${heap} MB | peak open files $(cat "$work/fd-$case.txt" 2>/dev/null || echo ?)"
  if ! kill -0 "$server" 2>/dev/null; then
    echo "server died:"; tail -5 "$work/server.log"; exit 1
  fi
}

limit=$(ulimit -n)
sockets=$(( limit - 200 < 20000 ? limit - 200 : 20000 ))
for case in ${PROBE_CASES:-docx-sequential docx-parallel json-keys idle-sockets}; do
  if [ "$case" = idle-sockets ]; then probe idle-sockets "$sockets"; else probe "$case"; fi
done
echo "server log: $(grep -c 'OutOfMemoryError' "$work/server.log" || true) OutOfMemoryError, $(grep -c ' ERROR ' "$work/server.log" || true) errors"
