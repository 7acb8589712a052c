#!/bin/sh
# Revision diff speed vs git's word diff, computed (result cache bypassed by "Cache-Control: no-cache")
# and cached (warm, full 200 body), plus the 304 of a conditional request; writes bench/diff/results.md.
# Bounded: about a minute.
# Usage: bench/diff/run.sh   (from anywhere; builds server/target/plenary.jar when missing)
set -eu
cd "$(dirname "$0")/../.."
if [ ! -f server/target/plenary.jar ]; then
  mvn -q -B -Dskip.web=true -DskipTests -pl server -am package
fi
command -v git >/dev/null || { echo "bench/diff: git is needed for the comparison" >&2; exit 2; }
exec timeout 600 java -Xmx512m -XX:+UseParallelGC -Dlogback.configurationFile=bench/diff/logback-quiet.xml \
  -cp server/target/plenary.jar bench/diff/DiffBench.java bench/diff/results.md bench/diff/corpus
