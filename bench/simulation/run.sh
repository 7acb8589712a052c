#!/usr/bin/env bash
# Negotiation simulation (issue 13, "Speed"): a WSIS+20-scale negotiation end to end over HTTP against the
# built jar, on H2 and on PostgreSQL: 193 delegations and the groups, a 300-paragraph zero draft, 4 revisions
# with 10,000 proposals in all, decisions on every one, publish with fates and carry-forward, the final
# compilation as DOCX; then, measured apart, one revision with 5,000 proposals all decided and published.
# Each backend gets a fresh server (and a fresh database) per run. Appends a section to
# bench/simulation/results.md. Loopback only; a private PostgreSQL 15 on a spare port.
#   bench/simulation/run.sh                 # 3 runs on H2 and 3 on PostgreSQL
#   RUNS=1 DBS=h2 bench/simulation/run.sh   # one run, H2 only
#   PROPOSALS=10000 BIG=5000 CLIENTS=16 FACILITATORS=2 bench/simulation/run.sh
# The client logs each phase (wall, server CPU, decision p50/p99, publish payload) as it goes, to
# $WORK/client-*.log. Under a load average of 30+ on 2 cores one full-scale round took 13-18 min (see results.md);
# PROPOSALS=200 BIG=100 RUNS=1 DBS=h2 is a 1-minute check that everything answers as expected.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-/tmp/plenary-bench-simulation}
RUNS=${RUNS:-3}
DBS=${DBS:-"h2 postgresql"}
PROPOSALS=${PROPOSALS:-10000}
BIG=${BIG:-5000}
CLIENTS=${CLIENTS:-16}
FACILITATORS=${FACILITATORS:-2}
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${PGPORT:-54325}
HTTP_PORT=${HTTP_PORT:-18441}
POOL=${POOL:-12}
ADMIN_PW=bench-admin-password
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

rm -rf "$WORK"; mkdir -p "$WORK/pg"; chown -R postgres "$WORK"
if [[ " $DBS " == *" postgresql "* ]]; then
  log "private PostgreSQL 15 on port $PGPORT"
  runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB ${PG_OPTS:-}" start >/dev/null
fi
PSQL="psql -q -h 127.0.0.1 -p $PGPORT -U postgres"

start_server() { # $1 db url (empty: H2 in $WORK/h2-$2), $2 name
  local args=(--port "$HTTP_PORT" --host 127.0.0.1 --db-pool-size "$POOL" --data-dir "$WORK/h2-$2")
  if [ -n "$1" ]; then args+=(--db-url "$1" --db-user postgres); fi
  # started as the README starts it: the ./plenary launcher (the jar with its class-data-sharing archive)
  PLENARY_ADMIN_PASSWORD=$ADMIN_PW PLENARY_PASSWORD_ITERATIONS=1000 JAVA_OPTS="$JAVA_OPTS -Xms512m -Xmx1g" \
    "$ROOT/plenary" "${args[@]}" >> "$WORK/server-$2.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "server did not start; see $WORK/server-$2.log" >&2; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

# The client runs as a single-file program on the jar's classpath (Jackson), C1 only: it is not what is measured.
CLIENT=(java -XX:TieredStopAtLevel=1 -Dclients="$CLIENTS" -Dfacilitators="$FACILITATORS" -Dhz="$(getconf CLK_TCK)"
  -cp "$JAR" "$HERE/SimulationBench.java")
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)
STATUS=0
SECTIONS=""
for db in $DBS; do
  for run in $(seq 1 "$RUNS"); do
    name=$db-$run
    if [ "$db" = postgresql ]; then
      $PSQL -c "create database sim$run"
      start_server "jdbc:postgresql://127.0.0.1:$PGPORT/sim$run" "$name"
      label="PostgreSQL 15, run $run"
    else
      start_server "" "$name"
      label="H2 (file), run $run"
    fi
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    log "$label (load $load)"
    set +e
    "${CLIENT[@]:0:4}" -DserverPid="$SERVER_PID" "${CLIENT[@]:4}" "http://127.0.0.1:$HTTP_PORT" "$ADMIN_PW" "$ROOT/server/src/main/resources/reference/delegations.csv" \
      "$WORK/$name.md" "$label — load average at the start $load" "$PROPOSALS" "$BIG" 2> "$WORK/client-$name.log" >/dev/null
    rc=$?
    set -e
    cat "$WORK/client-$name.log" >&2
    [ $rc -eq 0 ] || STATUS=1
    SECTIONS+="$(cat "$WORK/$name.md" 2>/dev/null || echo "### $label: client failed (exit $rc), see $WORK")"$'\n\n'
    stop_server
  done
done

[ -f "$RESULTS" ] || printf '# Negotiation simulation results\n\nEach run of `bench/simulation/run.sh` appends a section. Targets (issue 13): the whole run ≤ 60 s wall on H2 and on PostgreSQL with 0 errors; publishing a 300-paragraph workspace with 5,000 decided proposals ≤ 1 s; a decision p99 ≤ 50 ms.\n' > "$RESULTS"
{
  echo
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT"
  echo
  echo "Recorded by \`bench/simulation/run.sh\` on $(nproc) cores shared with other agents' builds and tests"
  echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)); $(java -version 2>&1 | head -1); server pool $POOL,"
  echo "-Xmx1g, JVM flags ${JAVA_OPTS:-(defaults)}, started with ./plenary, a fresh server and database per run (cold JIT); $CLIENTS parallel"
  echo "HTTP clients for accounts and proposals, $FACILITATORS facilitators deciding in parallel; loopback."
  echo "$PROPOSALS proposals over 4 revisions (a fifth of them supports and objections), then $BIG on one more"
  echo "revision for the publish figure. Client and server logs: \`$WORK\`."
  echo
  printf '%s' "$SECTIONS"
} > "$WORK/run.md"
cat "$WORK/run.md" >> "$RESULTS"
cat "$WORK/run.md"
exit $STATUS
