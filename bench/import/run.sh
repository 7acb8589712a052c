#!/bin/sh
# Import benchmark: builds the server jar (no web client, no tests), runs ImportBench on one core's worth of
# work and writes bench/import/results.md. Bounded: the measurement itself takes well under a minute.
set -eu
cd "$(dirname "$0")/../.."
mvn -q -B -Dskip.web=true -pl server -am package -DskipTests
out=$(mktemp -d)
javac -d "$out" -cp server/target/plenary.jar bench/import/ImportBench.java
table=$(timeout 300 java -Xmx1g -cp "$out:server/target/plenary.jar" ImportBench server/src/test/resources/samples)
{
  echo "# Import benchmark"
  echo
  echo "Run: \`bench/import/run.sh\` on $(date -u +%Y-%m-%d), $(java -version 2>&1 | head -1), $(nproc) cores (shared;"
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg))."
  echo "Targets: the 49 KB council report in 50 ms or less warm; a 1 MB draft in 1 s or less."
  echo
  echo "$table"
  echo
  echo "The 1 MB inputs: the council report repeated with sections renumbered (long report paragraphs), and"
  echo "Res. 88 repeated (thousands of short lettered and numbered paragraphs). The alignment row matches a"
  echo "revision with every 7th paragraph edited, every 50th deleted and a block of 20 moved to the end."
  echo "The machine is shared by several builds, so p95 and max are noisy; the medians are the figures."
} > bench/import/results.md
cat bench/import/results.md
rm -rf "$out"
