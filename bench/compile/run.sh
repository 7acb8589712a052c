#!/bin/sh
# Compilation benchmark: 300 paragraphs x 5,000 proposals from 193 delegations, every format, -Xmx512m.
# Writes bench/compile/results.md. Bounded: about a minute after the build.
set -eu
cd "$(dirname "$0")/../.."
# one invocation, so the reactor resolves the schema module to its freshly built classes
mvn -q -B -Dskip.web=true -pl server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/compile-bench.cp -Dmdep.includeScope=test
timeout 300 java -Xmx512m -cp "server/target/classes:server/target/test-classes:$(cat server/target/compile-bench.cp)" \
  org.plenary.compile.CompileBench bench/compile/results.md "${RUNS:-7}"
