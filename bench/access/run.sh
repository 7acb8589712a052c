#!/bin/sh
# Password-check cost at the default work factor; needs a compiled server (mvn -Dskip.web=true -pl server -am compile).
# Writes bench/access/results.txt. Bounded: about 30 PBKDF2 verifications (a few seconds).
set -e
cd "$(dirname "$0")/../.."
{
  echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(java -version 2>&1 | head -1))"
  java -cp server/target/classes bench/access/PasswordBench.java 210000
} | tee bench/access/results.txt
