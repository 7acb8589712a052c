#!/usr/bin/env bash
# Live-updates benchmark: N SSE clients (default 1000) on loopback; proposals POSTed one after the other;
# latency from each POST's acknowledgement to each client's receipt of the event. Three runs, each bounded
# (about a minute): H2 one node; PostgreSQL one node; PostgreSQL two nodes (clients split, POSTs on node A,
# so half the deliveries cross nodes through LISTEN/NOTIFY). Writes bench/live/results.md.
#   bench/live/run.sh [clients] [proposals]
set -euo pipefail
cd "$(dirname "$0")/../.."
CLIENTS=${1:-1000}
PROPOSALS=${2:-100}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
JAR=server/target/plenary.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package
DRAFT=server/src/test/resources/samples/ar-itu-res88-zero.txt
WORK=$(mktemp -d /tmp/plenary-live-bench.XXXXXX)
chmod 777 "$WORK"
PW=bench-admin-password
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  if [ -f "$WORK/pg/PG_VERSION" ]; then runuser -u nobody -- pg_ctl -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_node() { # port, extra env...
  local port=$1; shift
  env PLENARY_ADMIN_PASSWORD=$PW PLENARY_PORT=$port PLENARY_HOST=127.0.0.1 PLENARY_DATA_DIR="$WORK/data-$port" "$@" \
    java -Xmx512m -jar "$JAR" >"$WORK/node-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "node on $port did not start"; cat "$WORK/node-$port.log"; exit 1
}
stop_nodes() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
}
rss_mb() { # pid
  awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"
}
bench() { # label, nodes...
  local label=$1; shift
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "== $label"
  local out
  set +e
  out=$(SERVER_PIDS="${PIDS[*]}" timeout 300 java -cp "$JAR" bench/live/LiveBench.java "$PW" "$DRAFT" "$CLIENTS" "$PROPOSALS" "$@" 2>&1)
  local rc=$?
  set -e
  echo "$out" | grep -v -E '^\s*(at |[0-9:.]+ (INFO|DEBUG))' | tail -8
  local rss=""
  for p in "${PIDS[@]}"; do rss="$rss $(rss_mb "$p") MB"; done
  RESULTS+="### $label"$'\n\n```\n'"$(echo "$out" | grep -E '^(clients|connect|ack_to|send_to|post_ms|cpu_ms)')"$'\n'"server RSS after the run:$rss"$'\n'"load average at the start: $load"$'\nexit code: '"$rc"$'\n```\n\n'
}

RESULTS=""
start_node 18181
bench "H2, one node" http://127.0.0.1:18181
stop_nodes

mkdir -p "$WORK/pg" && chown nobody "$WORK/pg"
runuser -u nobody -- initdb -D "$WORK/pg" -U plenary --auth=trust -E UTF8 >/dev/null
runuser -u nobody -- pg_ctl -D "$WORK/pg" -o "-p 15433 -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200" -l "$WORK/pg.log" -w start >/dev/null
createdb -h 127.0.0.1 -p 15433 -U plenary plenary1
createdb -h 127.0.0.1 -p 15433 -U plenary plenary2
PG1=(PLENARY_DB_URL=jdbc:postgresql://127.0.0.1:15433/plenary1 PLENARY_DB_USER=plenary)
PG2=(PLENARY_DB_URL=jdbc:postgresql://127.0.0.1:15433/plenary2 PLENARY_DB_USER=plenary)
start_node 18181 "${PG1[@]}"
bench "PostgreSQL, one node" http://127.0.0.1:18181
stop_nodes
start_node 18181 "${PG2[@]}"
start_node 18182 "${PG2[@]}"
bench "PostgreSQL, two nodes (POSTs on A; clients alternate A, B)" http://127.0.0.1:18181 http://127.0.0.1:18182
stop_nodes

{
  echo "# Live updates: latency to $CLIENTS SSE clients"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bench/live/run.sh $CLIENTS $PROPOSALS\` on $(nproc) cores"
  echo "($(java -version 2>&1 | head -1); loopback; the machine is shared with other jobs:"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)."
  echo "Target: a new proposal reaches $CLIENTS connected SSE clients within 250 ms at p99."
  echo
  echo "Each run: $CLIENTS EventSource-like connections through one Vert.x HttpClient (20 delegate accounts),"
  echo "then 20 warm-up proposals (not measured) and $PROPOSALS proposals POSTed one after the other (50 ms apart)"
  echo "on the first node;"
  echo "ack_to_receipt is, per client and proposal, the time from the POST's 201 to that client's receipt"
  echo "of the \`proposal.created\` event (negative would mean the event arrived before the 201)."
  echo "\`missing\` counts (client, proposal) pairs never delivered; exit code 0 means p99 ≤ 250 ms and none missing."
  echo "cpu_ms_per_proposal is CPU time (user + system) per measured proposal, of each server process and of the"
  echo "client: a figure that does not depend on what else the machine runs, unlike the latencies."
  echo
  printf '%s' "$RESULTS"
} > bench/live/results.md
cat bench/live/results.md
