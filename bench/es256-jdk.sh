#!/usr/bin/env bash
# ES256 (and RS256 for scale) verification on two JDKs, one after the other in one run: the raw JCA
# check and pathauth's whole pipeline, JMH, same settings (BENCHMARKS.md, "ES256 and the JDK").
#   bash bench/es256-jdk.sh                 # JDK A: this java (17), JDK B: the Temurin 25 JDK
#   JDK_B=/path/to/jdk bash bench/es256-jdk.sh
# Loopback only (no network at all), bounded: about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
JDK_A=${JDK_A:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK_B=${JDK_B:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-target/es256-jdk}
mkdir -p "$OUT"
# built with this JDK (Java 17 bytecode) each time; only JMH's forked benchmark JVM changes
for jdk in "$JDK_A" "$JDK_B"; do
  name=$(basename "$jdk")
  echo "== $name: $("$jdk/bin/java" -version 2>&1 | head -1)"
  ./mvnw -B -ntp -Pbench -pl src/testkit,src/pathauth -DskipTests clean verify \
    -Djmh.args="-f 1 -wi 3 -w 2s -i 5 -r 2s -jvm $jdk/bin/java -e (jose4j|jdkBase64|smallrye|Cached)" \
    >"$OUT/$name.log" 2>&1
  cp src/pathauth/target/jmh.json "$OUT/$name.json"
  grep -E "^VerificationBenchmark\.|^Benchmark" "$OUT/$name.log" || grep -E "avgt" "$OUT/$name.log"
done
