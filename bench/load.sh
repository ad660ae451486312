#!/usr/bin/env bash
# Load benchmark for pathauth (BENCHMARKS.md, "Load benchmark").
#
#   bench/load.sh            full run: Liberty (pathauth), Liberty mpJwt-2.1, Payara Micro
#   bench/load.sh --smoke    a few seconds, scenario c only (run by .ci/run)
#   PARTS=heap bench/load.sh heap per idle authenticated session (SESSIONS sessions, 10000)
#   PARTS=compare COMPARE_WAR=/path/to/other/pathauth.war bench/load.sh
#                            this build's demo WAR against another build of it (an earlier commit),
#                            two Liberty servers with the same server.xml, scenarios a, b, c
#                            interleaved round by round
#
# Environment: DURATION (s per measured run, 10), RUNS (3), CONN (16), WARMUP (s per scenario, 20),
# FRESH (distinct tokens to prepare, 600000), SESSIONS (10000), PARTS ("liberty mpjwt payara";
# also "heap", and "profile": a JFR recording per Liberty scenario, summarised by bench/jfr-shares.py).
#
# Traffic goes only to 127.0.0.1. Every server it starts is stopped on exit, by its own PID or
# its own stop command. Payara Micro runs inside a private network namespace with only loopback
# (unshare -n, needs root), because its Hazelcast binds *:6900 whatever the options.
# "Fresh" tokens are fresh per server process: each server starts with empty caches, and within
# one server no token is sent twice.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEMO=$ROOT/src/demo          # the demo WAR's module (README, "Layout")
OUT=$DEMO/target/load
WLP=$DEMO/target/liberty/wlp
MVN="$ROOT/mvnw -q -B -ntp"
PAYARA_VERSION=6.2025.10

DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
CONN=${CONN:-16}
WARMUP=${WARMUP:-20}
FRESH=${FRESH:-600000}
SESSIONS=${SESSIONS:-10000}
PARTS=${PARTS:-liberty mpjwt payara}
SMOKE=0
if [[ ${1:-} == --smoke ]]; then
  SMOKE=1 DURATION=${SMOKE_DURATION:-3} RUNS=1 WARMUP=${SMOKE_WARMUP:-2} FRESH=100 PARTS=liberty
fi

log() { echo "load: $*" >&2; }

# ---------------------------------------------------------------- measuring

# wrk_run LABEL URL [wrk script] : RUNS runs of DURATION s; appends "LABEL rps p50 p99" to results
wrk_run() {
  local label=$1 url=$2 script=${3:-}
  local r out rps p50 p99 non2xx reqs
  for ((r = 0; r < RUNS; r++)); do
    export OFFSET=$((FRESH_NEXT))
    out=$(taskset -c 1 wrk -t1 -c"$CONN" -d"${DURATION}s" --latency ${script:+-s "$script"} "$url")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
    if [[ -n $non2xx ]] || grep -q "Socket errors" <<<"$out"; then
      echo "$out" >&2
      log "FAIL $label: responses that were not 2xx, or socket errors"
      return 1
    fi
    if [[ $script == *fresh.lua ]]; then
      FRESH_NEXT=$((FRESH_NEXT + reqs))
      if ((FRESH_NEXT > FRESH)); then
        log "FAIL $label: ran out of fresh tokens ($FRESH); raise FRESH"
        return 1
      fi
    fi
    echo "$label $rps $p50 $p99" >>"$OUT/results.txt"
    log "$label run $((r + 1)): $rps req/s, p50 $p50, p99 $p99"
  done
}

# warm LABEL URL [script] : one unrecorded run of WARMUP s (JIT, pools)
warm() {
  local save=$RUNS saveD=$DURATION
  RUNS=1 DURATION=$WARMUP
  wrk_run "warmup-$1" "$2" "${3:-}" >/dev/null
  RUNS=$save DURATION=$saveD
  sed -i '/^warmup-/d' "$OUT/results.txt"
}

# expect URL BODY [curl args] : the endpoint answers 200 with BODY before it is measured
expect() {
  local url=$1 body=$2
  shift 2
  local got
  got=$(curl -s -f "$@" "$url") || { log "FAIL: $url did not answer 2xx"; return 1; }
  [[ $got == "$body" ]] || { log "FAIL: $url answered '$got', expected '$body'"; return 1; }
}

wait_for() { # wait_for URL SECONDS
  local i
  for ((i = 0; i < $2; i++)); do
    curl -s -f -o /dev/null "$1" && return 0
    sleep 1
  done
  log "FAIL: $1 not up after $2 s"
  return 1
}

# ---------------------------------------------------------------- Open Liberty

LIBERTY_SERVERS=()
stop_liberty() {
  local s
  for s in "${LIBERTY_SERVERS[@]}"; do "$WLP/bin/server" stop "$s" >/dev/null 2>&1 || true; done
  LIBERTY_SERVERS=()
}

# start_liberty NAME WAR PORT FEATURES JVM_OPTIONS...
start_liberty() {
  local name=$1 war=$2 port=$3 features=$4
  shift 4
  local dir=$WLP/usr/servers/$name f
  rm -rf "$dir"
  "$WLP/bin/server" create "$name" >/dev/null
  {
    echo '<server>'
    echo '  <featureManager>'
    for f in $features; do echo "    <feature>$f</feature>"; done
    echo '  </featureManager>'
    if [[ $name == pabench* ]]; then # the project's own server.xml, as shipped
      echo "  <include location=\"$ROOT/server.xml\"/>"
    else
      echo '  <httpEndpoint id="defaultHttpEndpoint" host="${http.host}" httpPort="${http.port}" httpsPort="-1"/>'
    fi
    echo "  <variable name=\"http.host\" value=\"127.0.0.1\"/>"
    echo "  <variable name=\"http.port\" value=\"$port\"/>"
    echo "  <variable name=\"https.port\" value=\"$((port + 1000))\"/>"
    echo '  <logging consoleLogLevel="WARNING"/>'
    echo '  <applicationManager autoExpand="true"/>'
    echo '</server>'
  } >"$dir/server.xml"
  printf '%s\n' "$@" >"$dir/jvm.options"
  cp "$war" "$dir/dropins/"
  LIBERTY_SERVERS+=("$name")
  FRESH_NEXT=0
  "$WLP/bin/server" start "$name" >/dev/null
}

# start_pathauth_liberty [NAME WAR PORT] : the demo WAR (default: this build's) on Liberty with the
# project's server.xml; sets base, cookie (a logged-in session of alice) and token (the repeated
# token), and checks every endpoint
start_pathauth_liberty() {
  local name=${1:-pabench} war=${2:-$DEMO/target/pathauth.war} port=${3:-19180}
  base=http://127.0.0.1:$port/pathauth
  start_liberty "$name" "$war" "$port" "" \
    "-Dmp.jwt.verify.publickey.location=file:$DEMO/target/dev-keys/public.pem" \
    "-Dpathauth.state.dir=$OUT/state-$name"
  wait_for "$base/api/ping/none" 120
  local jar=$OUT/cookies.txt
  rm -f "$jar"
  curl -s -o /dev/null -c "$jar" -b "$jar" "$base/app/home"
  curl -s -o /dev/null -c "$jar" -b "$jar" -d j_username=alice -d j_password=alice-dev-password \
    "$base/app/login"
  cookie="JSESSIONID=$(awk '$6 == "JSESSIONID" {print $7}' "$jar")"
  token=$(<"$OUT/repeated.token")
  expect "$base/api/ping/none" "pong anonymous"
  expect "$base/api/ping/session" "pong alice" -H "Cookie: $cookie"
  expect "$base/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  expect "$base/api/ping/jwt" "pong alice" -H "Authorization: Bearer $(sed -n "$((FRESH))p" "$OUT/fresh.tokens")"
}

liberty_pathauth() {
  local base cookie token
  log "Open Liberty with pathauth"
  start_pathauth_liberty

  if ((SMOKE)); then
    HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" warm c "$base/api/ping/jwt" bench/wrk/header.lua
    HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" \
      wrk_run liberty.c "$base/api/ping/jwt" bench/wrk/header.lua
    stop_liberty
    return
  fi
  warm a "$base/api/ping/none"
  HEADER_NAME=Cookie HEADER_VALUE=$cookie warm b "$base/api/ping/session" bench/wrk/header.lua
  HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" warm c "$base/api/ping/jwt" bench/wrk/header.lua
  TOKENS=$OUT/fresh.tokens warm d "$base/api/ping/jwt" bench/wrk/fresh.lua
  local r saveRuns=$RUNS
  RUNS=1
  for ((r = 0; r < saveRuns; r++)); do # interleaved rounds, so drift hits every scenario alike
    wrk_run liberty.a "$base/api/ping/none"
    HEADER_NAME=Cookie HEADER_VALUE=$cookie wrk_run liberty.b "$base/api/ping/session" bench/wrk/header.lua
    HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" \
      wrk_run liberty.c "$base/api/ping/jwt" bench/wrk/header.lua
    TOKENS=$OUT/fresh.tokens wrk_run liberty.d "$base/api/ping/jwt" bench/wrk/fresh.lua
  done
  RUNS=$saveRuns
  stop_liberty
}

liberty_mpjwt() {
  local base=http://127.0.0.1:19181/plain-mpjwt token
  log "Open Liberty with its own mpJwt-2.1 (plain MP-JWT apps: key inline, key from a file)"
  start_liberty mpjwtbench "$OUT/plain-mpjwt.war" 19181 \
    "restfulWS-3.1 cdi-4.0 jsonp-2.1 mpConfig-3.1 mpJwt-2.1"
  cp "$OUT/plain-mpjwt-location.war" "$WLP/usr/servers/mpjwtbench/dropins/"
  wait_for "$base/api/ping/none" 120
  local loc=http://127.0.0.1:19181/plain-mpjwt-location
  wait_for "$loc/api/ping/none" 120
  expect "$loc/api/ping/jwt" "pong alice" -H "Authorization: Bearer $(<"$OUT/repeated.token")"
  token=$(<"$OUT/repeated.token")
  expect "$base/api/ping/none" "pong anonymous"
  expect "$base/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  warm a "$base/api/ping/none"
  HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" warm e "$base/api/ping/jwt" bench/wrk/header.lua
  TOKENS=$OUT/fresh.tokens warm e-fresh "$base/api/ping/jwt" bench/wrk/fresh.lua
  TOKENS=$OUT/fresh.tokens warm e-fresh-location "$loc/api/ping/jwt" bench/wrk/fresh.lua
  local r saveRuns=$RUNS
  RUNS=1
  for ((r = 0; r < saveRuns; r++)); do
    wrk_run mpjwt.a "$base/api/ping/none"
    HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" \
      wrk_run mpjwt.e-repeated "$base/api/ping/jwt" bench/wrk/header.lua
    TOKENS=$OUT/fresh.tokens wrk_run mpjwt.e-fresh "$base/api/ping/jwt" bench/wrk/fresh.lua
    TOKENS=$OUT/fresh.tokens wrk_run mpjwt.e-fresh-location "$loc/api/ping/jwt" bench/wrk/fresh.lua
  done
  RUNS=$saveRuns
  stop_liberty
}

# ---------------------------------------------------------------- Payara Micro (in a namespace)

PAYARA_PID=
stop_payara() {
  if [[ -n $PAYARA_PID ]]; then
    kill "$PAYARA_PID" 2>/dev/null || true
    wait "$PAYARA_PID" 2>/dev/null || true
    PAYARA_PID=
  fi
}

start_payara() { # start_payara WAR LOG JAVA_OPTIONS...
  local war=$1 logf=$2
  shift 2
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" \
    >"$OUT/preboot.txt"
  java "$@" -jar "$OUT/payara-micro.jar" --deploy "$war" --port 18180 --nocluster \
    --disablephonehome --prebootcommandfile "$OUT/preboot.txt" >"$logf" 2>&1 &
  PAYARA_PID=$!
  FRESH_NEXT=0
}

payara_inner() {
  ip link set lo up
  trap stop_payara EXIT
  local token base
  token=$(<"$OUT/repeated.token")
  local r saveRuns=$RUNS

  log "Payara Micro with pathauth"
  start_payara "$DEMO/target/pathauth.war" "$OUT/payara-pathauth.log" \
    "-Dmp.jwt.verify.publickey.location=file:$DEMO/target/dev-keys/public.pem" \
    "-Dpathauth.state.dir=$OUT/state-payara"
  base=http://127.0.0.1:18180/pathauth
  wait_for "$base/api/ping/none" 180
  expect "$base/api/ping/none" "pong anonymous"
  expect "$base/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  warm a "$base/api/ping/none"
  HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" warm c "$base/api/ping/jwt" bench/wrk/header.lua
  RUNS=1
  for ((r = 0; r < saveRuns; r++)); do
    wrk_run payara.a "$base/api/ping/none"
    HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" \
      wrk_run payara.c "$base/api/ping/jwt" bench/wrk/header.lua
  done
  RUNS=$saveRuns
  stop_payara

  log "Payara Micro with its own MP-JWT (plain MP-JWT app)"
  start_payara "$OUT/plain-mpjwt.war" "$OUT/payara-mpjwt.log"
  base=http://127.0.0.1:18180/plain-mpjwt
  wait_for "$base/api/ping/none" 180
  expect "$base/api/ping/none" "pong anonymous"
  expect "$base/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  warm a "$base/api/ping/none"
  HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" warm f "$base/api/ping/jwt" bench/wrk/header.lua
  TOKENS=$OUT/fresh.tokens warm f-fresh "$base/api/ping/jwt" bench/wrk/fresh.lua
  RUNS=1
  for ((r = 0; r < saveRuns; r++)); do
    wrk_run payara-mpjwt.a "$base/api/ping/none"
    HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" \
      wrk_run payara-mpjwt.f-repeated "$base/api/ping/jwt" bench/wrk/header.lua
    TOKENS=$OUT/fresh.tokens wrk_run payara-mpjwt.f-fresh "$base/api/ping/jwt" bench/wrk/fresh.lua
  done
  RUNS=$saveRuns
  stop_payara
}

# ---------------------------------------------------------------- this build against another

# Two servers with the project's server.xml, this build's WAR and COMPARE_WAR, up at once; the
# scenarios a (none), b (session) and c (repeated token) alternate between them round by round,
# so that drift of the machine hits both alike. Labels: this.* and other.*.
liberty_compare() {
  [[ -f ${COMPARE_WAR:-} ]] || { log "FAIL: set COMPARE_WAR to the other build's pathauth.war"; return 1; }
  log "Open Liberty: this build's WAR against $COMPARE_WAR"
  local this_base this_cookie this_token other_base other_cookie other_token base cookie token
  start_pathauth_liberty pabench "$DEMO/target/pathauth.war" 19180
  this_base=$base this_cookie=$cookie this_token=$token
  start_pathauth_liberty pabench-other "$COMPARE_WAR" 19182
  other_base=$base other_cookie=$cookie other_token=$token
  local who r saveRuns=$RUNS
  for who in this other; do
    base=${who}_base cookie=${who}_cookie token=${who}_token
    base=${!base} cookie=${!cookie} token=${!token}
    warm "$who-a" "$base/api/ping/none"
    HEADER_NAME=Cookie HEADER_VALUE=$cookie warm "$who-b" "$base/api/ping/session" bench/wrk/header.lua
    HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" warm "$who-c" "$base/api/ping/jwt" bench/wrk/header.lua
  done
  RUNS=1
  for ((r = 0; r < saveRuns; r++)); do
    for who in this other; do
      base=${who}_base cookie=${who}_cookie token=${who}_token
      base=${!base} cookie=${!cookie} token=${!token}
      wrk_run "$who.a" "$base/api/ping/none"
      HEADER_NAME=Cookie HEADER_VALUE=$cookie wrk_run "$who.b" "$base/api/ping/session" bench/wrk/header.lua
      HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" \
        wrk_run "$who.c" "$base/api/ping/jwt" bench/wrk/header.lua
    done
  done
  RUNS=$saveRuns
  stop_liberty
}

# ---------------------------------------------------------------- where the time goes

# One Java Flight Recording per scenario (a, b, c, d) of the pathauth Liberty server, each taken
# after that scenario's warm-up, then the share of CPU samples in each part of the request
# (bench/jfr-shares.py).
liberty_profile() {
  local base cookie token pid s
  log "Open Liberty with pathauth: a JFR profile per scenario"
  start_pathauth_liberty
  pid=$(<"$WLP/usr/servers/.pid/pabench.pid")
  for s in a b c d; do
    case $s in
      a) warm a "$base/api/ping/none" ;;
      b) HEADER_NAME=Cookie HEADER_VALUE=$cookie warm b "$base/api/ping/session" bench/wrk/header.lua ;;
      c) HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" warm c "$base/api/ping/jwt" bench/wrk/header.lua ;;
      d) TOKENS=$OUT/fresh.tokens warm d "$base/api/ping/jwt" bench/wrk/fresh.lua ;;
    esac
    jcmd "$pid" JFR.start name="$s" settings=profile >/dev/null
    case $s in
      a) wrk_run profile.a "$base/api/ping/none" ;;
      b) HEADER_NAME=Cookie HEADER_VALUE=$cookie wrk_run profile.b "$base/api/ping/session" bench/wrk/header.lua ;;
      c) HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" wrk_run profile.c "$base/api/ping/jwt" bench/wrk/header.lua ;;
      d) TOKENS=$OUT/fresh.tokens wrk_run profile.d "$base/api/ping/jwt" bench/wrk/fresh.lua ;;
    esac
    jcmd "$pid" JFR.stop name="$s" filename="$OUT/profile-$s.jfr" >/dev/null
  done
  stop_liberty
  python3 bench/jfr-shares.py "$OUT"/profile-{a,b,c,d}.jfr | tee "$OUT/profile.txt"
}

# ---------------------------------------------------------------- session heap

histogram() { # histogram PID FILE : live-object class histogram (forces a full GC)
  jcmd "$1" GC.class_histogram >"$2"
}

liberty_heap() {
  local base=http://127.0.0.1:19180/pathauth pid before after
  log "Open Liberty with pathauth: heap per idle authenticated session ($SESSIONS sessions)"
  # A benchmark-only user whose PBKDF2 hash has 1,000 iterations (the demo users' 210,000 would
  # make 10,000 logins take minutes); the session it gets is the same.
  start_liberty pabench "$DEMO/target/pathauth.war" 19180 "" \
    "-Dmp.jwt.verify.publickey.location=file:$DEMO/target/dev-keys/public.pem" \
    "-Dpathauth.state.dir=$OUT/state-heap" \
    "-Ddemo.user.heapbench.password=$(<"$OUT/heapbench.hash")" "-Ddemo.user.heapbench.groups=user" \
    "-Xms512m" "-Xmx512m"
  wait_for "$base/api/ping/none" 120
  pid=$(<"$WLP/usr/servers/.pid/pabench.pid")
  java -cp "$DEMO/target/test-classes" io.pathauth.bench.load.SessionHeap "$base" heapbench \
    heapbench-password 200 >&2 # warm-up: classes loaded, pools grown
  sleep 2
  histogram "$pid" "$OUT/histo-before.txt"
  java -cp "$DEMO/target/test-classes" io.pathauth.bench.load.SessionHeap "$base" heapbench \
    heapbench-password "$SESSIONS" >&2
  sleep 2
  histogram "$pid" "$OUT/histo-after.txt"
  before=$(awk '/^Total/ {print $3}' "$OUT/histo-before.txt")
  after=$(awk '/^Total/ {print $3}' "$OUT/histo-after.txt")
  echo "heap.per-session $(((after - before) / SESSIONS)) bytes ($SESSIONS sessions, live heap" \
    "$before -> $after bytes)" | tee -a "$OUT/heap.txt"
  awk 'FNR == NR { if ($1 ~ /^[0-9]+:$/) b[$4] = $3; next }
       $1 ~ /^[0-9]+:$/ { d = $3 - b[$4]; if (d > 0) printf "%12d %s\n", d, $4 }' \
    "$OUT/histo-before.txt" "$OUT/histo-after.txt" | sort -rn | head -15 | tee -a "$OUT/heap.txt"
  stop_liberty
}

# ---------------------------------------------------------------- report

report() {
  awk '
    { n[$1]++; v[$1, n[$1]] = $2; p50[$1, n[$1]] = $3; p99[$1, n[$1]] = $4; order[$1] = order[$1] ? order[$1] : ++k; name[k] = $1 }
    function median(key, arr,   i, j, t, m, a) {
      m = n[key]; for (i = 1; i <= m; i++) a[i] = arr[key, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[int((m + 1) / 2)]
    }
    END {
      printf "%-26s %10s %10s %10s %8s\n", "scenario", "req/s", "p50", "p99", "ratio"
      for (i = 1; i <= k; i++) {
        s = name[i]; split(s, parts, "."); base = parts[1] ".a"
        r = median(s, v); b = (base in n) ? median(base, v) : 0
        printf "%-26s %10.0f %10s %10s %8s\n", s, r, median(s, p50), median(s, p99), b ? sprintf("%.2f", r / b) : "-"
      }
    }' "$OUT/results.txt"
}

# ---------------------------------------------------------------- main

if [[ ${1:-} == payara-inner ]]; then
  payara_inner
  exit 0
fi

command -v wrk >/dev/null || {
  log "installing wrk (Debian package)"
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
}
trap stop_liberty EXIT

log "building the WAR, the Liberty runtime and the load inputs"
$MVN -DskipTests -Dspotbugs.skip install -pl src/demo -am
[[ -x $WLP/bin/server ]] || $MVN -pl src/demo liberty:create
mkdir -p "$OUT"
$MVN -pl src/demo exec:java@load-prep -Dload.fresh.tokens="$FRESH" 2>&1 | grep -v SLF4J >&2
: >"$OUT/results.txt"
FRESH_NEXT=0

for part in $PARTS; do
  case $part in
    liberty) liberty_pathauth ;;
    mpjwt) liberty_mpjwt ;;
    heap) liberty_heap ;;
    profile) RUNS=1 liberty_profile ;;
    compare) liberty_compare ;;
    payara)
      $MVN -N dependency:copy -Dartifact=fish.payara.extras:payara-micro:$PAYARA_VERSION:jar \
        -DoutputDirectory="$OUT" -Dmdep.stripVersion=true
      unshare -n env DURATION="$DURATION" RUNS="$RUNS" CONN="$CONN" WARMUP="$WARMUP" FRESH="$FRESH" \
        bash "$ROOT/bench/load.sh" payara-inner
      ;;
    *) log "unknown part $part" && exit 2 ;;
  esac
done

[[ -s $OUT/results.txt ]] && report | tee "$OUT/report.txt"
echo "(machine: $(nproc) cores, $(java -version 2>&1 | head -1); wrk -t1 -c$CONN pinned to CPU 1," \
  "${DURATION}s x $RUNS runs, medians)" | tee -a "$OUT/report.txt"
