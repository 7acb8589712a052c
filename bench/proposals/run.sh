#!/usr/bin/env bash
# Proposals benchmark: pgbench single-row inserts as the yardstick, then POST proposal and GET paragraph
# throughput on PostgreSQL (wrk, 32 connections), then kill -9 durability on PostgreSQL and on H2 (file).
# Starts a private PostgreSQL 15 (Debian binaries) on a spare port and its own Plenary; loopback only;
# about 5 minutes (three pgbench/POST pairs: PAIRS=3). Results go to bench/proposals/results.md (and raw output to $WORK).
#   bench/proposals/run.sh            # everything
#   bench/proposals/run.sh throughput # pgbench + POST + GET only
#   bench/proposals/run.sh durability # pgbench + the kill -9 runs only
#   DB=h2 bench/proposals/run.sh throughput # POST and GET on the embedded H2 file instead
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-/tmp/plenary-bench-proposals}
WHAT=${1:-all}
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${PGPORT:-54315}
HTTP_PORT=${HTTP_PORT:-18431}
POOL=${POOL:-12}
SECONDS_LOAD=${SECONDS_LOAD:-15}
# Warm-up before each measured figure: C2 is still compiling the hot paths for some 20 s after the start.
WARMUP=${WARMUP:-30}
# pgbench/POST pairs measured one after the other (the ratio reported is their median)
PAIRS=${PAIRS:-3}
ADMIN_PW=bench-admin-password
# The server as the README starts it (./plenary: the jar, its CDS archive, the parallel GC). On a machine saturated by other builds C1 only
# (JAVA_OPTS=-XX:TieredStopAtLevel=1) did better, as C2 then spent ~100 s compiling in a 3-minute run; on a
# quiet machine C2 wins (GET 3,809/s against 1,627/s with C1). A pool of 12 beat 32 and 8 on 2 cores.
JAVA_OPTS=${JAVA_OPTS-}
JAR=$ROOT/server/target/plenary.jar
RESULTS=$HERE/results.md
SERVER_PID=

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -f "$WORK/pg/postmaster.pid" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null || true; fi
}
trap cleanup EXIT

[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -Dskip.web=true -DskipTests package)
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

rm -rf "$WORK"; mkdir -p "$WORK/pg"; chown -R postgres "$WORK"
log "private PostgreSQL 15 on port $PGPORT"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB ${PG_OPTS:-}" start >/dev/null
PSQL="psql -q -h 127.0.0.1 -p $PGPORT -U postgres"

# --- the yardstick: pgbench single-row inserts, 32 clients ------------------------------------------------
$PSQL -c "create table bench_insert (id bigserial primary key, v text not null, at timestamptz not null default now())"
# The yardstick's table is never vacuumed during the run: its 200,000+ inserts per pgbench would otherwise start an
# autovacuum of it just as the POSTs that follow are measured, charging them the yardstick's cleanup.
$PSQL -c "alter table bench_insert set (autovacuum_enabled = false)"
# Each measured figure starts from a checkpoint, so neither pgbench nor the POSTs run into one set off by the WAL
# of the figure before (max_wal_size is at its default, 1 GB; a POST writes ~2 KB of WAL).
checkpoint() { $PSQL -c checkpoint; }
checkpoint
echo "insert into bench_insert (v) values ('proposal');" > "$WORK/insert.sql"
log "pgbench: single-row insert, 32 clients, ${SECONDS_LOAD}s"
pgbench -h 127.0.0.1 -p "$PGPORT" -U postgres -n -c 32 -j 2 -T "$SECONDS_LOAD" -f "$WORK/insert.sql" postgres > "$WORK/pgbench.txt" 2>&1
PGBENCH_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.txt" | head -1)
PGB_TX=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench.txt")
# pgbench's backends have exited by now: their CPU shows in the postmaster's children totals (cutime/cstime) once
# it has reaped them, which the second's wait makes sure of.
sleep 1
PGB_TICKS1=$(awk '{s+=$14+$15+$16+$17} END{print s}' /proc/$(head -1 "$WORK/pg/postmaster.pid")/stat)
PGBENCH_CPU=$(awk -v t="$PGB_TICKS1" -v tx="$PGB_TX" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.3f", t*1000/hz/tx}')
log "pgbench tps=$PGBENCH_TPS"

start_server() { # $1 db url (empty: H2 in $WORK/h2), $2 log file
  local args=(--port "$HTTP_PORT" --host 127.0.0.1 --db-pool-size "$POOL" --data-dir "$WORK/h2")
  if [ -n "$1" ]; then args+=(--db-url "$1" --db-user postgres); fi
  PLENARY_ADMIN_PASSWORD=$ADMIN_PW PLENARY_PASSWORD_ITERATIONS=1000 \
    JAVA_OPTS="$JAVA_OPTS -Xms512m -Xmx1g" "$ROOT/plenary" "${args[@]}" >> "$2" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "server did not start; see $2" >&2; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

wrk_figures() { # $1 wrk output → "rps p50 p99 non2xx"
  local rps p50 p99 bad
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$1")
  p50=$(awk '$1=="50%"{print $2}' "$1")
  p99=$(awk '$1=="99%"{print $2}' "$1")
  bad=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\)/\1/p' "$1"); bad=${bad:-0}
  echo "$rps $p50 $p99 $bad"
}

mkdir -p "$WORK/client"
javac -d "$WORK/client" "$HERE/BenchClient.java"
BENCH_CLIENT="java -XX:TieredStopAtLevel=1 -cp $WORK/client BenchClient"
HZ=$(getconf CLK_TCK)
ticks() { # CPU ticks (user+system) of the server, and of the PostgreSQL backends of database $1
  local s=0 p
  for p in $(pgrep -u postgres -f "postgres: postgres $1 "); do s=$((s + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  echo "$(awk '{print $14+$15}' /proc/$SERVER_PID/stat) $s"
}
per_request() { # $1 ticks before, $2 ticks after, $3 wrk output → "server_ms pg_ms" CPU per request
  local n; n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$3")
  read -r j0 g0 <<< "$1"; read -r j1 g1 <<< "$2"
  awk -v j=$((j1 - j0)) -v g=$((g1 - g0)) -v n="$n" -v hz="$HZ" 'BEGIN{printf "%.2f %.2f", j*1000/hz/n, g*1000/hz/n}'
}
DRAFT=$ROOT/server/src/test/resources/samples/ar-itu-res88-zero.txt

# --- POST and GET on PostgreSQL ---------------------------------------------------------------------------
PAIR_ROWS=(); MEDIAN_RATIO=-; MIN_RATIO=-; POST_RPS=-; POST_P50=-; POST_P99=-; POST_BAD=-; POST_CPU=-; POST_PGCPU=-; GET_RPS=-; GET_P50=-; GET_P99=-; GET_BAD=-; GET_CPU=-; GET_PGCPU=-
if [ "$WHAT" != durability ]; then
if [ "${DB:-postgresql}" = h2 ]; then
  start_server "" "$WORK/server-h2.log"
else
  $PSQL -c "create database plenary"
  start_server "jdbc:postgresql://127.0.0.1:$PGPORT/plenary" "$WORK/server-pg.log"
fi
$BENCH_CLIENT seed "http://127.0.0.1:$HTTP_PORT" "$ADMIN_PW" "$DRAFT" "$WORK/seed" 32
log "warm-up: POST ${WARMUP}s"
wrk -t 2 -c 32 -d "${WARMUP}s" -s "$HERE/post.lua" "http://127.0.0.1:$HTTP_PORT" -- "$WORK/seed" warm > "$WORK/wrk-post-warm.txt"
log "POST proposal, 32 connections, ${SECONDS_LOAD}s"
checkpoint
T0=$(ticks plenary)
wrk -t 2 -c 32 -d "${SECONDS_LOAD}s" --latency -s "$HERE/post.lua" "http://127.0.0.1:$HTTP_PORT" -- "$WORK/seed" run \
  > "$WORK/wrk-post.txt"
read -r POST_RPS POST_P50 POST_P99 POST_BAD <<< "$(wrk_figures "$WORK/wrk-post.txt")"
read -r POST_CPU POST_PGCPU <<< "$(per_request "$T0" "$(ticks plenary)" "$WORK/wrk-post.txt")"
log "POST rps=$POST_RPS p50=$POST_P50 p99=$POST_P99 non2xx=$POST_BAD cpu/req server=${POST_CPU}ms pg=${POST_PGCPU}ms"
# Pairs: pgbench, then POST at once, so each ratio compares two figures taken under the same load; the first
# pair is the pgbench above and the POST just measured. The ratio reported is the median of the pairs.
PAIR_ROWS=("| 1 | $PGBENCH_TPS | $POST_RPS | $POST_P99 | $(awk -v a="$POST_RPS" -v b="$PGBENCH_TPS" 'BEGIN{printf "%.1f %%", 100*a/b}') |")
RATIOS=("$(awk -v a="$POST_RPS" -v b="$PGBENCH_TPS" 'BEGIN{printf "%.4f", a/b}')")
P99S=("$POST_P99")
if [ "${DB:-postgresql}" != h2 ]; then
  for i in $(seq 2 "$PAIRS"); do
    checkpoint
    pgbench -h 127.0.0.1 -p "$PGPORT" -U postgres -n -c 32 -j 2 -T "$SECONDS_LOAD" -f "$WORK/insert.sql" postgres \
      > "$WORK/pgbench-$i.txt" 2>&1
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench-$i.txt" | head -1)
    checkpoint
    wrk -t 2 -c 32 -d "${SECONDS_LOAD}s" --latency -s "$HERE/post.lua" "http://127.0.0.1:$HTTP_PORT" -- "$WORK/seed" "run$i" \
      > "$WORK/wrk-post-$i.txt"
    read -r rps _ p99 _ <<< "$(wrk_figures "$WORK/wrk-post-$i.txt")"
    RATIOS+=("$(awk -v a="$rps" -v b="$tps" 'BEGIN{printf "%.4f", a/b}')")
    P99S+=("$p99")
    PAIR_ROWS+=("| $i | $tps | $rps | $p99 | $(awk -v a="$rps" -v b="$tps" 'BEGIN{printf "%.1f %%", 100*a/b}') |")
    log "pair $i: pgbench $tps TPS, POST $rps/s p99 $p99"
  done
fi
MEDIAN_RATIO=$(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{a[NR]=$1} END{printf "%.1f", 100*a[int((NR+1)/2)]}')
MIN_RATIO=$(printf '%s\n' "${RATIOS[@]}" | sort -n | awk 'NR==1{printf "%.1f", 100*$1}')
log "GET paragraph with 10 proposals, 32 connections, ${SECONDS_LOAD}s"
wrk -t 2 -c 32 -d "${WARMUP}s" -s "$HERE/get.lua" "http://127.0.0.1:$HTTP_PORT" -- "$WORK/seed" > "$WORK/wrk-get-warm.txt"
T0=$(ticks plenary)
wrk -t 2 -c 32 -d "${SECONDS_LOAD}s" --latency -s "$HERE/get.lua" "http://127.0.0.1:$HTTP_PORT" -- "$WORK/seed" \
  > "$WORK/wrk-get.txt"
read -r GET_RPS GET_P50 GET_P99 GET_BAD <<< "$(wrk_figures "$WORK/wrk-get.txt")"
read -r GET_CPU GET_PGCPU <<< "$(per_request "$T0" "$(ticks plenary)" "$WORK/wrk-get.txt")"
log "GET rps=$GET_RPS p50=$GET_P50 p99=$GET_P99 non2xx=$GET_BAD cpu/req server=${GET_CPU}ms pg=${GET_PGCPU}ms"
stop_server
fi

durability() { # $1 name, $2 db url or empty for H2
  local name=$1 url=$2 logf="$WORK/server-dur-$1.log"
  rm -rf "$WORK/h2"
  start_server "$url" "$logf"
  $BENCH_CLIENT seed "http://127.0.0.1:$HTTP_PORT" "$ADMIN_PW" "$DRAFT" "$WORK/seed-$name" 32 >/dev/null
  log "durability on $name: 20s POST load, kill -9 8s into it, restart"
  $BENCH_CLIENT durability "http://127.0.0.1:$HTTP_PORT" "$WORK/seed-$name" 20 "$WORK/acked-$name.txt" \
    > "$WORK/durability-$name.txt" &
  local client=$!
  for _ in $(seq 1 200); do grep -q "load started" "$WORK/durability-$name.txt" 2>/dev/null && break; sleep 0.1; done
  sleep 8
  kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  log "killed -9; restarting"
  start_server "$url" "$logf"
  wait "$client"
  $BENCH_CLIENT verify "http://127.0.0.1:$HTTP_PORT" "$WORK/seed-$name" "$WORK/acked-$name.txt" \
    >> "$WORK/durability-$name.txt" || true
  stop_server
  cat "$WORK/durability-$name.txt" >&2
}

if [ "$WHAT" = all ] || [ "$WHAT" = durability ]; then
  $PSQL -c "create database plenary_durability"
  durability postgresql "jdbc:postgresql://127.0.0.1:$PGPORT/plenary_durability"
  durability h2 ""
fi

# --- results ----------------------------------------------------------------------------------------------
TARGET=$(awk -v t="$PGBENCH_TPS" 'BEGIN{printf "%.0f", t/4}')
[ -f "$RESULTS" ] || printf '# Proposals benchmark results\n\nEach run of `bench/proposals/run.sh` appends a section.\n' > "$RESULTS"
{
  echo
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Recorded by \`bench/proposals/run.sh\` on $(nproc) cores shared with other work"
  echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)); PostgreSQL 15 private instance, fsync on; server pool $POOL;"
  echo "wrk with 2 threads and 32 connections, ${SECONDS_LOAD} s per figure after a ${WARMUP} s warm-up; started with ./plenary (parallel GC unless JAVA_OPTS names another), JAVA_OPTS: ${JAVA_OPTS:-(none)}; loopback."
  echo
  echo "| figure | measured | target |"
  echo "|---|---|---|"
  echo "| pgbench single-row insert, 32 clients | $PGBENCH_TPS TPS; PostgreSQL CPU per insert $PGBENCH_CPU ms | (yardstick) |"
  echo "| POST proposal (amend, Idempotency-Key), PostgreSQL, 32 connections | $POST_RPS /s, p50 $POST_P50, p99 $POST_P99, non-2xx $POST_BAD; CPU per request: server $POST_CPU ms, PostgreSQL $POST_PGCPU ms | ≥ 25% of pgbench = $TARGET /s, p99 ≤ 50 ms |"
  echo "| GET paragraph with its 10 proposals, PostgreSQL, 32 connections | $GET_RPS /s, p50 $GET_P50, p99 $GET_P99, non-2xx $GET_BAD; CPU per request: server $GET_CPU ms, PostgreSQL $GET_PGCPU ms | ≥ 8,000 /s |"
  if [ -f "$WORK/durability-postgresql.txt" ]; then
    echo "| kill -9 during 20 s POST load, PostgreSQL | $(tail -1 "$WORK/durability-postgresql.txt") | 0 lost of ≥ 10,000, no duplicates |"
    echo "| kill -9 during 20 s POST load, H2 file | $(tail -1 "$WORK/durability-h2.txt") | 0 lost of ≥ 10,000, no duplicates |"
  fi
  if [ ${#PAIR_ROWS[@]} -gt 0 ]; then
    echo
    echo "pgbench and POST in pairs, one right after the other (32 clients / connections, ${SECONDS_LOAD} s each):"
    echo "**median POST / pgbench ${MEDIAN_RATIO} %** (lowest ${MIN_RATIO} %; goal ≥ 25 % in every run, p99 ≤ 50 ms)."
    echo
    echo "| pair | pgbench TPS | POST /s | POST p99 | POST / pgbench |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${PAIR_ROWS[@]}"
  fi
  echo
  echo "Raw output: \`$WORK\` (pgbench.txt, wrk-*.txt, durability-*.txt, server logs)."
} > "$WORK/run.md"
cat "$WORK/run.md" >> "$RESULTS"
cat "$WORK/run.md"
