#!/usr/bin/env bash
# The soak (RELIABILITY.md, "Soak"): SECONDS (600) of mixed traffic from CONN (64) connections
# through the demo WAR on one Open Liberty server with the project's server.xml: session logins and
# page views, CSRF-protected posts, bearer calls with repeated and fresh tokens, refresh rotations,
# bearer logouts, forced logouts, invalid tokens (io.pathauth.bench.soak.Soak checks every answer).
# Reports requests, unexpected answers, 5xx and p50/p99 per kind, the heap after a full GC at the
# start and at the end, and the size of pathauth's state at the end. Fails on any unexpected answer.
# Loopback only; bounded in time; the server is stopped on exit.
#   bash bench/soak.sh                 (10 minutes)
#   bash bench/soak.sh --smoke         (20 s, 16 connections: .ci/run's short run, which can fail)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/liberty.sh
OUT=$DEMO/target/soak
DURATION=${DURATION:-600}
CONN=${CONN:-64}
WARMUP=${WARMUP:-30}
if [[ ${1:-} == --smoke ]]; then
  DURATION=20 CONN=16 WARMUP=5
fi
HEAP=${HEAP:-512m}
PORT=19480
B=http://127.0.0.1:$PORT/pathauth/

build
mkdir -p "$OUT"
rm -rf "$OUT/state"
# the Soak class and its classpath (test scope: it uses the testkit's DevTokens)
$MVN -pl src/demo dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test >/dev/null
CP=$DEMO/target/test-classes:$DEMO/target/classes:$(<"$OUT/cp.txt")
java -cp "$CP" io.pathauth.bench.soak.Soak prep "$OUT/soak.hash"
hash=$(<"$OUT/soak.hash")
users=("-Ddemo.user.soakadmin.password=$hash" "-Ddemo.user.soakadmin.groups=user,admin")
for ((i = 0; i < CONN; i++)); do
  users+=("-Ddemo.user.soak$i.password=$hash" "-Ddemo.user.soak$i.groups=user")
done
start_server pasoak $PORT "-Xmx$HEAP" "-Xms$HEAP" "-Dpathauth.state.dir=$OUT/state" \
  "-Dpathauth.login.max-failures-per-address=100000" "${users[@]}"

log "warming up ($WARMUP s, not counted)"
java -cp "$CP" io.pathauth.bench.soak.Soak run "$B" "$DEMO/target/dev-keys" "$WARMUP" "$CONN" >/dev/null
start_heap=$(heap)
log "soak: $DURATION s, $CONN connections"
status=0
# The live heap: what a class histogram counts after the full GC it makes (unlike the heap's use
# after a GC, which under load already holds the next second's garbage). At the start, at half
# time and at the end, to tell growth that levels off from growth that does not.
live() {
  jcmd "$PID" GC.class_histogram | awk '/^Total/ { printf "%.0f", $3 / 1048576 }'
}
start_live=$(live)
(sleep $((DURATION / 2)) && live >"$OUT/mid-live.txt") &
mid_pid=$!
java -cp "$CP" io.pathauth.bench.soak.Soak run "$B" "$DEMO/target/dev-keys" "$DURATION" "$CONN" \
  "$OUT/report.txt" || status=$?
wait "$mid_pid" || true
end_heap=$(heap)
# what the heap holds at the end: the largest classes after that full GC
jcmd "$PID" GC.class_histogram >"$OUT/histogram.txt"
{
  echo "heap after GC: start $start_heap MB, end $end_heap MB (-Xmx$HEAP)"
  echo "live heap: start $start_live MB, half time $(cat "$OUT/mid-live.txt" 2>/dev/null || echo -) MB, end $(awk '/^Total/ { printf "%.0f", $3 / 1048576 }' "$OUT/histogram.txt") MB"
  echo "largest classes at the end (jcmd GC.class_histogram; all of it in $OUT/histogram.txt):"
  sed -n '2,14p' "$OUT/histogram.txt"
  for f in revocations.txt refresh-tokens.txt; do
    [[ -f $OUT/state/$f ]] && echo "state $f: $(($(wc -l <"$OUT/state/$f") - 2)) entries"
  done
  echo "server log: $(grep -c . "$SERVER_LOG") lines, $(grep -c ' [EW] ' "$SERVER_LOG" || true) warnings or errors"
  echo "($(nproc) cores, $(java -version 2>&1 | head -1), ${DURATION}s x $CONN connections)"
} | tee -a "$OUT/report.txt"
exit $status
