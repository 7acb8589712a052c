#!/usr/bin/env bash
# Reads benchmark (issue 17), in one run on whatever else the machine is doing:
#   1. the yardstick: a bare Vert.x server (Yardstick.java, one instance per processor) answering the published
#      revision's exact bytes, and a small /health body, from memory;
#   2. Plenary on H2 (file) and on PostgreSQL 15 (a private instance on a spare port): GET a published revision
#      (29 paragraphs, Arabic), GET a paragraph with its 10 proposals, /health, the diff between two published
#      revisions, the number mapping; each with wrk (2 threads, 32 connections) after a warm-up;
#   3. the compilation of exactly 5,000 amendments (BenchClient post, on the seed's fresh negotiation) as HTML
#      over HTTP (PostgreSQL; median of 5 after 2 warm-ups), the comment window open (built each time), then
#      closed (served from memory);
#   4. cold start to a healthy /health on embedded H2, median of 5, with the ./plenary launcher (class-data
#      sharing archive) and with a plain `java -jar`.
# Appends a section with the figures and their ratios to the yardstick to bench/reads/results.md.
#   bench/reads/run.sh                       # about 10 minutes
#   WARMUP=5 SECONDS_LOAD=5 bench/reads/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-/tmp/plenary-bench-reads}
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${PGPORT:-54316}
HTTP_PORT=${HTTP_PORT:-18441}
YARD_PORT=${YARD_PORT:-18442}
WARMUP=${WARMUP:-10}
SECONDS_LOAD=${SECONDS_LOAD:-10}
POOL=${POOL:-12}
JAVA_OPTS=${JAVA_OPTS-}
ADMIN_PW=bench-admin-password
JAR=$ROOT/server/target/plenary.jar
LAUNCHER=$ROOT/plenary
RESULTS=${RESULTS:-$HERE/results.md}
DRAFT=$ROOT/server/src/test/resources/samples/ar-itu-res88-zero.txt
DRAFT2=$ROOT/server/src/test/resources/samples/ar-itu-res88-rev1.txt
SERVER_PID=
YARD_PID=

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

cleanup() {
  for p in $SERVER_PID $YARD_PID; do
    if kill -0 "$p" 2>/dev/null; then kill "$p"; wait "$p" 2>/dev/null || true; fi
  done
  if [ -f "$WORK/pg/postmaster.pid" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null || true; fi
}
trap cleanup EXIT

[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -Dskip.web=true -DskipTests package)
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

rm -rf "$WORK"; mkdir -p "$WORK/pg" "$WORK/client"; chown -R postgres "$WORK"
javac -d "$WORK/client" "$ROOT/bench/proposals/BenchClient.java"
javac -cp "$JAR" -d "$WORK/client" "$HERE/Yardstick.java"
BENCH_CLIENT="java -XX:TieredStopAtLevel=1 -cp $WORK/client BenchClient"

log "private PostgreSQL 15 on port $PGPORT"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
PSQL="psql -q -h 127.0.0.1 -p $PGPORT -U postgres"

wait_healthy() { # $1 port
  for _ in $(seq 1 400); do
    curl -fs "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "nothing healthy on port $1" >&2; exit 1
}

start_server() { # $1 db url (empty: H2 in $WORK/h2), $2 log file
  local args=(--port "$HTTP_PORT" --host 127.0.0.1 --db-pool-size "$POOL" --data-dir "$WORK/h2")
  if [ -n "$1" ]; then args+=(--db-url "$1" --db-user postgres); fi
  PLENARY_ADMIN_PASSWORD=$ADMIN_PW PLENARY_PASSWORD_ITERATIONS=1000 JAVA_OPTS="$JAVA_OPTS -Xms512m -Xmx1g" \
    "$LAUNCHER" "${args[@]}" >> "$2" 2>&1 &
  SERVER_PID=$!
  wait_healthy "$HTTP_PORT"
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

# "rps p50 p99 non2xx" of a wrk output
wrk_figures() {
  local rps p50 p99 bad
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$1")
  p50=$(awk '$1=="50%"{print $2}' "$1")
  p99=$(awk '$1=="99%"{print $2}' "$1")
  bad=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\)/\1/p' "$1"); bad=${bad:-0}
  echo "$rps $p50 $p99 $bad"
}

declare -A FIG
measure() { # $1 name, $2 port, $3 path, $4 token or -
  local out="$WORK/wrk-$1.txt"
  wrk -t 2 -c 32 -d "${WARMUP}s" -s "$HERE/get.lua" "http://127.0.0.1:$2" -- "$3" "$4" > "$WORK/wrk-$1-warm.txt"
  wrk -t 2 -c 32 -d "${SECONDS_LOAD}s" --latency -s "$HERE/get.lua" "http://127.0.0.1:$2" -- "$3" "$4" > "$out"
  FIG[$1]=$(wrk_figures "$out")
  log "$1: $(echo "${FIG[$1]}" | awk '{printf "%s/s p50 %s p99 %s non-2xx %s", $1, $2, $3, $4}')"
}

login() { # $1 email, $2 password → token
  curl -fs -X POST "http://127.0.0.1:$HTTP_PORT/api/v1/session" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# Seeds (BenchClient: a negotiation with a paragraph carrying 10 proposals), uploads Rev.1 on top, and sets
# REV, PARA, DIFF, MAPPING, TOKEN, ADMIN and the post negotiation's base (for the compilation).
seed() { # $1 seed dir
  $BENCH_CLIENT seed "http://127.0.0.1:$HTTP_PORT" "$ADMIN_PW" "$DRAFT" "$1" 32 >/dev/null
  PARA=$(cat "$1/get_path.txt")
  TOKEN=$(cat "$1/get_token.txt")
  REV=${PARA%/paragraphs/*}
  local n r
  n=$(echo "$REV" | sed 's|/api/v1/negotiations/\([0-9]*\)/.*|\1|')
  r=${REV##*/}
  ADMIN=$(login admin@plenary.local "$ADMIN_PW")
  local r2
  r2=$(curl -fs -X POST "http://127.0.0.1:$HTTP_PORT/api/v1/negotiations/$n/revisions?label=Rev.1" \
    -H "Authorization: Bearer $ADMIN" -H 'Content-Type: text/plain; charset=utf-8' --data-binary @"$DRAFT2" \
    | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
  DIFF="/api/v1/negotiations/$n/diff?from=$r&to=$r2"
  MAPPING="/api/v1/negotiations/$n/revisions/$r2/mapping"
  for p in "$REV" "$PARA" "$DIFF" "$MAPPING"; do
    curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT$p" -H "Authorization: Bearer $TOKEN" \
      || { echo "GET $p failed" >&2; exit 1; }
  done
}

reads() { # $1 backend name
  # every path once before any figure: the code they share (login check, guard, sending) is compiled by then,
  # so the first figure measured is not the one that pays for the JIT
  local p
  for p in "$REV" "$PARA" "$DIFF" "$MAPPING"; do
    wrk -t 2 -c 32 -d "${WARMUP}s" -s "$HERE/get.lua" "http://127.0.0.1:$HTTP_PORT" -- "$p" "$TOKEN" > /dev/null
  done
  measure "$1-revision" "$HTTP_PORT" "$REV" "$TOKEN"
  measure "$1-paragraph" "$HTTP_PORT" "$PARA" "$TOKEN"
  measure "$1-health" "$HTTP_PORT" /health -
  measure "$1-diff" "$HTTP_PORT" "$DIFF" "$TOKEN"
  measure "$1-mapping" "$HTTP_PORT" "$MAPPING" "$TOKEN"
}

# --- H2, and the yardstick with the same bytes --------------------------------------------------------------
log "Plenary on H2"
start_server "" "$WORK/server-h2.log"
seed "$WORK/seed-h2"
curl -fs -o "$WORK/revision.json" "http://127.0.0.1:$HTTP_PORT$REV" -H "Authorization: Bearer $TOKEN"
REV_BYTES=$(wc -c < "$WORK/revision.json")
java -cp "$JAR:$WORK/client" Yardstick "$YARD_PORT" "$WORK/revision.json" > "$WORK/yardstick.log" 2>&1 &
YARD_PID=$!
wait_healthy "$YARD_PORT"
log "yardstick (bare Vert.x, same bytes from memory)"
measure yard-revision "$YARD_PORT" /revision -
measure yard-health "$YARD_PORT" /health -
kill "$YARD_PID"; wait "$YARD_PID" 2>/dev/null || true; YARD_PID=
reads h2
stop_server

# --- PostgreSQL, then the compilation of 5,000 proposals ---------------------------------------------------
log "Plenary on PostgreSQL"
$PSQL -c "create database plenary"
start_server "jdbc:postgresql://127.0.0.1:$PGPORT/plenary" "$WORK/server-pg.log"
seed "$WORK/seed-pg"
reads pg
log "posting exactly 5,000 proposals for the compilation (a fresh negotiation: the seed's post one)"
$BENCH_CLIENT post "http://127.0.0.1:$HTTP_PORT" "$WORK/seed-pg" 5000 8 >&2
POST_BASE=$(cat "$WORK/seed-pg/post_base.txt")
COMPILATION="$POST_BASE/compilation?format=html"
compile_times() { # → median of 5 after 2 warm-ups, in seconds (the window open: built and streamed each time)
  local times=() t i
  for i in 1 2 3 4 5 6 7; do
    t=$(curl -fs -o "$WORK/compilation.html" -w '%{time_total}' "http://127.0.0.1:$HTTP_PORT$COMPILATION" \
      -H "Authorization: Bearer $ADMIN")
    [ "$i" -gt 2 ] && times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
COMPILE_S=$(compile_times)
COMPILE_BYTES=$(wc -c < "$WORK/compilation.html")
# the amendments the document counts (its header, in Arabic: "التعديلات: 5000")
posted=$(grep -o 'class="counts">[^<]*' "$WORK/compilation.html" | grep -o 'التعديلات: [0-9]*' | grep -o '[0-9]*$')
log "compilation HTML of ${posted:-?} amendments (window open): median $COMPILE_S s, $COMPILE_BYTES bytes"
# the window closed (the API takes only future deadlines: by hand, then a restart, as SQL appends no event): the
# compilation no longer changes and comes from memory after the first request
stop_server
$PSQL -d plenary -c "update revision set comment_deadline = now() - interval '1 minute' where id = ${POST_BASE##*/}"
start_server "jdbc:postgresql://127.0.0.1:$PGPORT/plenary" "$WORK/server-pg.log"
ADMIN=$(login admin@plenary.local "$ADMIN_PW")
FROZEN_S=$(compile_times)
log "compilation HTML, window closed (from memory after the first): median $FROZEN_S s"
stop_server

# --- cold start on embedded H2 (the data directory of the H2 run: a restart) -------------------------------
HZ=$(getconf CLK_TCK)
cold() { # $1.. command → "wall_ms cpu_ms" to a healthy /health (CPU: the JVM's user + system time by then)
  local t0 t1 pid cpu
  t0=$(date +%s%N)
  PLENARY_ADMIN_PASSWORD=$ADMIN_PW "$@" --port "$HTTP_PORT" --host 127.0.0.1 --data-dir "$WORK/h2" \
    >> "$WORK/cold.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1; do sleep 0.01; done
  t1=$(date +%s%N)
  cpu=$(awk -v hz="$HZ" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $cpu"
}
median5() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
log "cold start, 5 times each: ./plenary (archive: $([ -f "$ROOT/server/target/plenary.jsa" ] && echo yes || echo none)) and java -jar"
L=(); J=(); LC=(); JC=()
for i in 1 2 3 4 5; do
  read -r w c <<< "$(cold "$LAUNCHER")"; L+=("$w"); LC+=("$c")
  read -r w c <<< "$(cold java -jar "$JAR")"; J+=("$w"); JC+=("$c")
done
COLD_L=$(median5 "${L[@]}"); COLD_J=$(median5 "${J[@]}")
CPU_L=$(median5 "${LC[@]}"); CPU_J=$(median5 "${JC[@]}")
rm -rf "$WORK/h2-empty"
FIRST=$(WORK_H2="$WORK/h2-empty"; t0=$(date +%s%N)
  PLENARY_ADMIN_PASSWORD=$ADMIN_PW "$LAUNCHER" --port "$HTTP_PORT" --host 127.0.0.1 --data-dir "$WORK_H2" >> "$WORK/cold.log" 2>&1 &
  pid=$!; until curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1; do sleep 0.01; done
  t1=$(date +%s%N); kill "$pid"; wait "$pid" 2>/dev/null || true; echo $(( (t1 - t0) / 1000000 )))
log "cold start median: launcher ${COLD_L} ms (${L[*]}; CPU ${CPU_L} ms), java -jar ${COLD_J} ms (${J[*]}; CPU ${CPU_J} ms), first start on an empty directory ${FIRST} ms"

# --- results -------------------------------------------------------------------------------------------------
f() { echo "${FIG[$1]}" | awk '{printf "%\047.0f/s (p50 %s, p99 %s%s)", $1, $2, $3, ($4 > 0 ? ", non-2xx " $4 : "")}'; }
rps() { echo "${FIG[$1]}" | awk '{print $1}'; }
ratio() { awk -v a="$(rps "$1")" -v b="$(rps "$2")" 'BEGIN{printf "%.2f", a/b}'; }
verdict() { awk -v x="$1" -v g="$2" 'BEGIN{print (x >= g ? "met" : "**not met**")}'; }
[ -f "$RESULTS" ] || printf '# Reads benchmark results\n\nEach run of `bench/reads/run.sh` appends a section.\n' > "$RESULTS"
{
  echo
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "$(nproc) cores shared with other work (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)); wrk 2 threads,"
  echo "32 connections, ${SECONDS_LOAD} s per figure after ${WARMUP} s of warm-up; server pool $POOL, -Xms512m -Xmx1g,"
  echo "started with ./plenary (HTTP instances: one per processor); PostgreSQL 15 private instance, fsync on."
  echo "The published revision's JSON is $REV_BYTES bytes."
  echo
  echo "| figure | H2 | PostgreSQL | goal |"
  echo "|---|---|---|---|"
  echo "| yardstick: bare Vert.x, the revision's bytes from memory | $(f yard-revision) | | |"
  echo "| yardstick: bare Vert.x, a small /health body | $(f yard-health) | | |"
  for what in revision paragraph health diff mapping; do
    case $what in
      revision) label="GET a published revision"; goal="≥ 1/3 of the yardstick";;
      paragraph) label="GET a paragraph with 10 proposals"; goal="≥ 15,000/s";;
      health) label="GET /health"; goal="≥ 1/3 of the yardstick's /health";;
      diff) label="GET the diff between two published revisions (JSON)"; goal="";;
      mapping) label="GET the number mapping (JSON)"; goal="";;
    esac
    echo "| $label | $(f h2-$what) | $(f pg-$what) | $goal |"
  done
  echo
  echo "| ratio | H2 | PostgreSQL | goal |"
  echo "|---|---|---|---|"
  echo "| revision / yardstick | $(ratio h2-revision yard-revision) ($(verdict "$(ratio h2-revision yard-revision)" 0.333)) | $(ratio pg-revision yard-revision) ($(verdict "$(ratio pg-revision yard-revision)" 0.333)) | ≥ 0.33 |"
  echo "| /health / yardstick's /health | $(ratio h2-health yard-health) ($(verdict "$(ratio h2-health yard-health)" 0.333)) | $(ratio pg-health yard-health) ($(verdict "$(ratio pg-health yard-health)" 0.333)) | ≥ 0.33 |"
  echo "| paragraph, requests/s | $(rps h2-paragraph) ($(verdict "$(rps h2-paragraph)" 15000)) | $(rps pg-paragraph) ($(verdict "$(rps pg-paragraph)" 15000)) | ≥ 15,000 |"
  echo
  echo "| start and export | measured | goal |"
  echo "|---|---|---|"
  echo "| cold start to a healthy /health, embedded H2, ./plenary (median of 5) | ${COLD_L} ms (${L[*]}) ($(verdict "$((2000 - COLD_L))" 0)); CPU ${CPU_L} ms (${LC[*]}) | ≤ 2,000 ms |"
  echo "| cold start, plain \`java -jar\` (median of 5) | ${COLD_J} ms (${J[*]}); CPU ${CPU_J} ms (${JC[*]}) | |"
  echo "| first start on an empty data directory (./plenary, once) | ${FIRST} ms | |"
  echo "| compilation HTML of ${posted:-?} amendments over HTTP, PostgreSQL, window open: built and streamed each time (median of 5) | ${COMPILE_S} s, $COMPILE_BYTES bytes ($(awk -v s="$COMPILE_S" 'BEGIN{print (s <= 0.3 ? "met" : "**not met**")}')) | ≤ 0.3 s |"
  echo "| the same, window closed: ready bytes from memory (median of 5) | ${FROZEN_S} s | |"
  echo
  echo "Raw output: \`$WORK\`."
} > "$WORK/run.md"
cat "$WORK/run.md" >> "$RESULTS"
cat "$WORK/run.md"
