#!/usr/bin/env bash
# Load benchmark for pathauth (BENCHMARKS.md, "Load benchmark").
#
#   bench/load.sh            full run, about 25 min: Open Liberty with the project's server.xml (pathauth,
#                            the floor mechanism, Liberty's mpJwt-2.1 on the same features, interleaved),
#                            a lean mpJwt-2.1 server, Payara Micro (pathauth and its own MP-JWT)
#   bench/load.sh --smoke    a few seconds, scenario c only (run by .ci/run)
#   PARTS=heap bench/load.sh heap per idle authenticated session (SESSIONS sessions, 10000)
#   PARTS=cluster bench/load.sh
#                            two Liberty nodes on Hazelcast behind HAProxy against a single node
#                            (scenarios b, c), then how fast a bearer logout on one node reaches the
#                            other (CLUSTER_WAR: another build's WAR for the nodes)
#   PARTS=compare COMPARE_WAR=/path/to/other/pathauth.war bench/load.sh
#                            this build's demo WAR against another build of it (an earlier commit),
#                            two Liberty servers with the same server.xml, scenarios a, b, c
#                            interleaved round by round
#
# Environment: DURATION (s per measured run, 10), RUNS (3), CONN (16), WARMUP (s per scenario, 20),
# FRESH (distinct tokens to prepare, 600000), SESSIONS (10000), PARTS ("liberty mpjwt payara";
# also "heap", "cluster", and "profile": a JFR recording per Liberty scenario of pathauth and of the
# floor, summarised by bench/jfr-shares.py).
#
# Traffic goes only to 127.0.0.1. Every server it starts is stopped on exit, by its own PID or
# its own stop command. Payara Micro runs inside a private network namespace with only loopback
# (unshare -n, needs root), because its Hazelcast binds *:6900 whatever the options; so does the
# cluster part (Hazelcast members bound to 127.0.0.1, in a namespace all the same).
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

# cpu_ticks PID... : the processes' user + system CPU time so far, in clock ticks (/proc/PID/stat)
cpu_ticks() {
  local p t=0
  for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done
  echo "$t"
}

# wrk_run LABEL URL [wrk script] : RUNS runs of DURATION s; appends "LABEL rps p50 p99 cpu" to
# results, cpu being the server's CPU time per request in microseconds (all its threads, from
# /proc: GC and JIT included; the load generator's excluded), the steadier figure on a machine
# whose two cores the load generator shares.
# With bench/wrk/fresh.lua every request carries a token this server process has not seen yet
# (FRESH_USED counts per port); the floor's labels (floor*) are not counted: it reads no token.
declare -A FRESH_USED=() SERVER_PID=()
wrk_run() {
  local label=$1 url=$2 script=${3:-}
  local r out rps p50 p99 non2xx reqs cpu before after port=${2#*://*:}
  port=${port%%/*}
  for ((r = 0; r < RUNS; r++)); do
    export OFFSET=$((${FRESH_USED[$port]:-0}))
    [[ ${label#warmup-} == floor* ]] && OFFSET=0
    # shellcheck disable=SC2086 # a balancer's port stands for several processes
    before=$(cpu_ticks ${SERVER_PID[$port]:-})
    out=$(taskset -c 1 wrk -t1 -c"$CONN" -d"${DURATION}s" --latency ${script:+-s "$script"} "$url")
    # shellcheck disable=SC2086
    after=$(cpu_ticks ${SERVER_PID[$port]:-})
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
    if [[ $script == *fresh.lua && ${label#warmup-} != floor* ]]; then
      FRESH_USED[$port]=$((${FRESH_USED[$port]:-0} + reqs))
      if ((FRESH_USED[$port] > FRESH)); then
        log "FAIL $label: ran out of fresh tokens ($FRESH); raise FRESH"
        return 1
      fi
    fi
    LAST_REQUESTS=$reqs
    cpu=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$reqs" \
      'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
    echo "$label $rps $p50 $p99 $cpu" >>"$OUT/results.txt"
    log "$label run $((r + 1)): $rps req/s, p50 $p50, p99 $p99, server CPU $cpu µs/request"
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
  FRESH_USED[$port]=0
  "$WLP/bin/server" start "$name" >/dev/null
  SERVER_PID[$port]=$(<"$WLP/usr/servers/.pid/$name.pid")
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

# scenario warm|wrk_run LABEL URL KIND : one scenario; KIND is what each request carries: none,
# cookie ($cookie), cookie:VALUE, token (the repeated token, $token) or fresh (the next unused token)
scenario() {
  local how=$1 label=$2 url=$3
  case $4 in
    none) $how "$label" "$url" ;;
    cookie) HEADER_NAME=Cookie HEADER_VALUE=$cookie $how "$label" "$url" bench/wrk/header.lua ;;
    cookie:*) HEADER_NAME=Cookie HEADER_VALUE=${4#cookie:} $how "$label" "$url" bench/wrk/header.lua ;;
    token) HEADER_NAME=Authorization HEADER_VALUE="Bearer $token" $how "$label" "$url" bench/wrk/header.lua ;;
    fresh) TOKENS=$OUT/fresh.tokens $how "$label" "$url" bench/wrk/fresh.lua ;;
  esac
}

# scenarios LIST... : each entry "LABEL URL KIND"; a warm-up of each, then RUNS interleaved rounds
# of one run of each, so that drift of the machine hits every scenario alike
scenarios() {
  local e r saveRuns=$RUNS
  for e in "$@"; do
    # shellcheck disable=SC2086 # the entry's three words
    scenario warm $e
  done
  RUNS=1
  for ((r = 0; r < saveRuns; r++)); do
    for e in "$@"; do
      # shellcheck disable=SC2086
      scenario wrk_run $e
    done
  done
  RUNS=$saveRuns
}

# Three Liberty servers up at once, with the project's server.xml as shipped (same features):
# pathauth's demo WAR; the floor mechanism (FloorMechanism: no checks, fixed caller, the Subject-cache
# key as pathauth's, and without it); Liberty's own mpJwt-2.1 added, with the plain MP-JWT apps.
# Their scenarios are interleaved round by round.
liberty_pathauth() {
  local base cookie token
  log "Open Liberty with pathauth"
  start_pathauth_liberty

  if ((SMOKE)); then
    scenario warm c "$base/api/ping/jwt" token
    scenario wrk_run liberty.c "$base/api/ping/jwt" token
    stop_liberty
    return
  fi
  local floor=http://127.0.0.1:19183/floor naive=http://127.0.0.1:19183/floor-naive
  local same=http://127.0.0.1:19184/plain-mpjwt sameloc=http://127.0.0.1:19184/plain-mpjwt-location
  log "the same server.xml: the floor mechanism (floor.war, floor-naive.war)"
  start_liberty pabench-floor "$OUT/floor.war" 19183 ""
  cp "$OUT/floor-naive.war" "$WLP/usr/servers/pabench-floor/dropins/"
  log "the same server.xml plus mpJwt-2.1: the plain MP-JWT apps (key inline, key from a file)"
  start_liberty pabench-mpjwt "$OUT/plain-mpjwt.war" 19184 "mpJwt-2.1"
  cp "$OUT/plain-mpjwt-location.war" "$WLP/usr/servers/pabench-mpjwt/dropins/"
  local url
  for url in "$floor" "$naive" "$same" "$sameloc"; do wait_for "$url/api/ping/none" 120; done
  expect "$floor/api/ping/none" "pong anonymous"
  expect "$floor/api/ping/session" "pong alice"
  expect "$floor/api/ping/jwt" "pong alice"
  expect "$naive/api/ping/jwt" "pong alice"
  expect "$same/api/ping/none" "pong anonymous"
  expect "$same/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  expect "$sameloc/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  # floor.d: the floor with the fresh-token feed of d; the floor reads no token, so this is also
  # the ceiling of wrk's Lua token feed on this machine (its tokens are not counted as used).
  scenarios \
    "liberty.a $base/api/ping/none none" \
    "liberty.b $base/api/ping/session cookie" \
    "liberty.c $base/api/ping/jwt token" \
    "liberty.d $base/api/ping/jwt fresh" \
    "floor.a $floor/api/ping/none none" \
    "floor.b $floor/api/ping/session cookie" \
    "floor.c $floor/api/ping/jwt token" \
    "floor.d $floor/api/ping/jwt fresh" \
    "floor-naive.c $naive/api/ping/jwt token" \
    "mpjwt-same.a $same/api/ping/none none" \
    "mpjwt-same.e-repeated $same/api/ping/jwt token" \
    "mpjwt-same.e-fresh $same/api/ping/jwt fresh" \
    "mpjwt-same.e-fresh-location $sameloc/api/ping/jwt fresh"
  stop_liberty
}

# Liberty's own mpJwt-2.1 on a lean server: only the features the plain MP-JWT apps need (no
# mpMetrics, mpHealth, mpOpenAPI), as an upper bound of that implementation, labelled "lean".
liberty_mpjwt() {
  local base=http://127.0.0.1:19181/plain-mpjwt loc=http://127.0.0.1:19181/plain-mpjwt-location
  local token
  log "Open Liberty, lean server with its own mpJwt-2.1 (plain MP-JWT apps: key inline, from a file)"
  start_liberty mpjwtbench "$OUT/plain-mpjwt.war" 19181 \
    "restfulWS-3.1 cdi-4.0 jsonp-2.1 mpConfig-3.1 mpJwt-2.1"
  cp "$OUT/plain-mpjwt-location.war" "$WLP/usr/servers/mpjwtbench/dropins/"
  wait_for "$base/api/ping/none" 120
  wait_for "$loc/api/ping/none" 120
  token=$(<"$OUT/repeated.token")
  expect "$loc/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  expect "$base/api/ping/none" "pong anonymous"
  expect "$base/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  scenarios \
    "mpjwt-lean.a $base/api/ping/none none" \
    "mpjwt-lean.e-repeated $base/api/ping/jwt token" \
    "mpjwt-lean.e-fresh $base/api/ping/jwt fresh" \
    "mpjwt-lean.e-fresh-location $loc/api/ping/jwt fresh"
  stop_liberty
}

# ---------------------------------------------------------------- Payara Micro (in a namespace)

PAYARA_PIDS=()
stop_payara() {
  local pid
  for pid in "${PAYARA_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PAYARA_PIDS=()
}

start_payara() { # start_payara WAR PORT LOG JAVA_OPTIONS...
  local war=$1 port=$2 logf=$3
  shift 3
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" \
    >"$OUT/preboot.txt"
  java "$@" -jar "$OUT/payara-micro.jar" --deploy "$war" --port "$port" --nocluster \
    --disablephonehome --prebootcommandfile "$OUT/preboot.txt" >"$logf" 2>&1 &
  PAYARA_PIDS+=($!)
  SERVER_PID[$port]=$!
  FRESH_USED[$port]=0
}

# Two Payara Micro servers up at once (same distribution, same defaults): pathauth's demo WAR, and
# the plain MP-JWT app on Payara's own MP-JWT; scenarios interleaved round by round.
payara_inner() {
  ip link set lo up
  trap stop_payara EXIT
  local token cookie=
  token=$(<"$OUT/repeated.token")
  log "Payara Micro: pathauth, and its own MP-JWT (plain MP-JWT app)"
  start_payara "$DEMO/target/pathauth.war" 18180 "$OUT/payara-pathauth.log" \
    "-Dmp.jwt.verify.publickey.location=file:$DEMO/target/dev-keys/public.pem" \
    "-Dpathauth.state.dir=$OUT/state-payara"
  start_payara "$OUT/plain-mpjwt.war" 18181 "$OUT/payara-mpjwt.log"
  local base=http://127.0.0.1:18180/pathauth plain=http://127.0.0.1:18181/plain-mpjwt
  wait_for "$base/api/ping/none" 180
  wait_for "$plain/api/ping/none" 180
  expect "$base/api/ping/none" "pong anonymous"
  expect "$base/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  expect "$plain/api/ping/none" "pong anonymous"
  expect "$plain/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  scenarios \
    "payara.a $base/api/ping/none none" \
    "payara.c $base/api/ping/jwt token" \
    "payara.d $base/api/ping/jwt fresh" \
    "payara-mpjwt.a $plain/api/ping/none none" \
    "payara-mpjwt.f-repeated $plain/api/ping/jwt token" \
    "payara-mpjwt.f-fresh $plain/api/ping/jwt fresh"
  stop_payara
}

# ---------------------------------------------------------------- a two-node cluster (in a namespace)

HAPROXY_PID=
stop_cluster() {
  stop_liberty
  if [[ -n $HAPROXY_PID ]]; then
    kill "$HAPROXY_PID" 2>/dev/null || true
    wait "$HAPROXY_PID" 2>/dev/null || true
    HAPROXY_PID=
  fi
}

# start_cluster_node NAME PORT : a cluster node as README "Running a cluster" describes it (the
# project's server.xml and src/demo/src/main/liberty/cluster/cluster.xml: sessions and pathauth's
# state on Hazelcast, a member bound to 127.0.0.1)
start_cluster_node() {
  local name=$1 port=$2 dir=$WLP/usr/servers/$1
  rm -rf "$dir"
  "$WLP/bin/server" create "$name" >/dev/null
  cat >"$dir/server.xml" <<XML
<server>
  <include location="$ROOT/server.xml"/>
  <include location="$DEMO/src/main/liberty/cluster/cluster.xml"/>
  <variable name="http.host" value="127.0.0.1"/>
  <variable name="http.port" value="$port"/>
  <variable name="https.port" value="$((port + 100))"/>
  <variable name="hazelcast.lib.dir" value="$OUT/cluster-lib"/>
  <variable name="hazelcast.config" value="$DEMO/src/main/liberty/cluster/hazelcast.xml"/>
  <variable name="pathauth.state.dir" value="$OUT/cluster-state"/>
  <webApplication location="${CLUSTER_WAR:-$DEMO/target/pathauth.war}" contextRoot="/pathauth">
    <classloader commonLibraryRef="HazelcastLib"/>
  </webApplication>
  <logging consoleLogLevel="WARNING"/>
</server>
XML
  printf '%s\n' "-Djava.net.preferIPv4Stack=true" "-Dhazelcast.jcache.provider.type=member" \
    "-Dhazelcast.phone.home.enabled=false" \
    "-Dmp.jwt.verify.publickey.location=file:$DEMO/target/dev-keys/public.pem" >"$dir/jvm.options"
  LIBERTY_SERVERS+=("$name")
  "$WLP/bin/server" start "$name" >/dev/null
  SERVER_PID[$port]=$(<"$WLP/usr/servers/.pid/$name.pid")
}

# login_cookie BASE : a logged-in session of alice on BASE ("JSESSIONID=...")
login_cookie() {
  local jar=$OUT/cookies-$RANDOM.txt
  curl -s -o /dev/null -c "$jar" -b "$jar" "$1/app/home"
  curl -s -o /dev/null -c "$jar" -b "$jar" -d j_username=alice -d j_password=alice-dev-password \
    "$1/app/login"
  echo "JSESSIONID=$(awk '$6 == "JSESSIONID" {print $7}' "$jar")"
  rm -f "$jar"
}

# Two Liberty nodes on Hazelcast behind HAProxy (round robin, no stickiness), and a single node
# with the shipped server.xml (file state) as the reference, all up at once; b and c interleaved
# through the balancer, on node A directly, and on the single node. Then the propagation of a
# bearer logout from node A to node B (Propagation).
cluster_inner() {
  ip link set lo up
  trap stop_cluster EXIT
  local lb=http://127.0.0.1:19500/pathauth a=http://127.0.0.1:19501/pathauth
  local b=http://127.0.0.1:19502/pathauth token cookie i
  token=$(<"$OUT/repeated.token")
  rm -rf "$OUT/cluster-state" && mkdir -p "$OUT/cluster-state"
  log "cluster: node A, node B (Hazelcast), HAProxy; a single node beside them"
  start_cluster_node pabench-node-a 19501
  wait_for "$a/api/ping/none" 120 # first: it makes the signing keys node B reads
  start_cluster_node pabench-node-b 19502
  wait_for "$b/api/ping/none" 120
  cat >"$OUT/haproxy.cfg" <<CFG
global
  maxconn 256
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend pathauth
  bind 127.0.0.1:19500
  default_backend nodes
backend nodes
  balance roundrobin
  server a 127.0.0.1:19501
  server b 127.0.0.1:19502
CFG
  haproxy -db -f "$OUT/haproxy.cfg" >"$OUT/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
  # CPU per request of the cluster: both nodes (a node's shared-state reads cost the other node too),
  # and the balancer when it is in the path
  SERVER_PID[19500]="${SERVER_PID[19501]} ${SERVER_PID[19502]} $HAPROXY_PID"
  SERVER_PID[19501]="${SERVER_PID[19501]} ${SERVER_PID[19502]}"
  wait_for "$lb/api/ping/none" 30
  start_liberty pabench-single "$DEMO/target/pathauth.war" 19503 "" \
    "-Dmp.jwt.verify.publickey.location=file:$DEMO/target/dev-keys/public.pem" \
    "-Dpathauth.state.dir=$OUT/state-single"
  local single=http://127.0.0.1:19503/pathauth
  wait_for "$single/api/ping/none" 120
  cookie=$(login_cookie "$a")
  for ((i = 0; i < 60; i++)); do # one cluster: B reads the session A wrote
    [[ $(curl -s -H "Cookie: $cookie" "$b/api/ping/session") == "pong alice" ]] && break
    sleep 1
  done
  expect "$b/api/ping/session" "pong alice" -H "Cookie: $cookie"
  expect "$lb/api/ping/jwt" "pong alice" -H "Authorization: Bearer $token"
  local single_cookie
  single_cookie=$(login_cookie "$single")
  expect "$single/api/ping/session" "pong alice" -H "Cookie: $single_cookie"
  scenarios \
    "cluster.b $lb/api/ping/session cookie" \
    "cluster.c $lb/api/ping/jwt token" \
    "cluster-node.b $a/api/ping/session cookie" \
    "cluster-node.c $a/api/ping/jwt token" \
    "single.b $single/api/ping/session cookie:$single_cookie" \
    "single.c $single/api/ping/jwt token"
  java -cp "$CLUSTER_CP" io.pathauth.bench.load.Propagation "$a" "$b" \
    "${PROPAGATION_ROUNDS:-50}" alice alice-dev-password | tee "$OUT/propagation.txt"
  stop_cluster
}

# ---------------------------------------------------------------- this build against another

# Two servers with the project's server.xml, this build's WAR and COMPARE_WAR, up at once; the
# scenarios a (none), b (session) and c (repeated token) alternate between them round by round,
# so that drift of the machine hits both alike. Labels: this.* and other.*.
liberty_compare() {
  [[ -f ${COMPARE_WAR:-} ]] || { log "FAIL: set COMPARE_WAR to the other build's pathauth.war"; return 1; }
  log "Open Liberty: this build's WAR against $COMPARE_WAR"
  local base cookie token this other this_cookie
  start_pathauth_liberty pabench "$DEMO/target/pathauth.war" 19180
  this=$base this_cookie=$cookie
  start_pathauth_liberty pabench-other "$COMPARE_WAR" 19182
  other=$base
  scenarios \
    "this.a $this/api/ping/none none" \
    "this.b $this/api/ping/session cookie:$this_cookie" \
    "this.c $this/api/ping/jwt token" \
    "other.a $other/api/ping/none none" \
    "other.b $other/api/ping/session cookie:$cookie" \
    "other.c $other/api/ping/jwt token"
  stop_liberty
}

# ---------------------------------------------------------------- where the time goes

# One Java Flight Recording per scenario (a, b, c, d) of the pathauth Liberty server and per
# scenario (a, b, c) of the floor server beside it, each taken after that scenario's warm-up, with
# the server's CPU time over the same run (all its threads, from /proc): bench/jfr-shares.py gives
# the share of CPU samples in each part of the request and, with the CPU per request, each part in
# microseconds.
liberty_profile() {
  local base cookie token e name pid
  local floor=http://127.0.0.1:19183/floor
  log "Open Liberty with pathauth, and the floor: a JFR profile per scenario"
  start_pathauth_liberty
  start_liberty pabench-floor "$OUT/floor.war" 19183 ""
  wait_for "$floor/api/ping/none" 120
  : >"$OUT/profile-cpu.txt"
  for e in "a $base/api/ping/none none" "b $base/api/ping/session cookie" \
    "c $base/api/ping/jwt token" "d $base/api/ping/jwt fresh" \
    "floor-a $floor/api/ping/none none" "floor-b $floor/api/ping/session cookie" \
    "floor-c $floor/api/ping/jwt token"; do
    name=${e%% *}
    case $name in
      floor*) pid=$(<"$WLP/usr/servers/.pid/pabench-floor.pid") ;;
      *) pid=$(<"$WLP/usr/servers/.pid/pabench.pid") ;;
    esac
    # shellcheck disable=SC2086 # the entry's three words
    scenario warm profile.$e
    jcmd "$pid" JFR.start name="$name" settings=profile >/dev/null
    # shellcheck disable=SC2086
    scenario wrk_run profile.$e
    jcmd "$pid" JFR.stop name="$name" filename="$OUT/profile-$name.jfr" >/dev/null
    echo "profile-$name.jfr $(awk 'END { print $5 }' "$OUT/results.txt") $LAST_REQUESTS" \
      >>"$OUT/profile-cpu.txt"
  done
  stop_liberty
  CPU_FILE=$OUT/profile-cpu.txt python3 bench/jfr-shares.py \
    "$OUT"/profile-{a,b,c,d,floor-a,floor-b,floor-c}.jfr | tee "$OUT/profile.txt"
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
    { n[$1]++; v[$1, n[$1]] = $2; p50[$1, n[$1]] = $3; p99[$1, n[$1]] = $4; cpu[$1, n[$1]] = $5; if (!($1 in order)) { order[$1] = ++k; name[k] = $1 } }
    function median(key, arr,   i, j, t, m, a) {
      m = n[key]; for (i = 1; i <= m; i++) a[i] = arr[key, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[int((m + 1) / 2)]
    }
    END {
      printf "%-28s %10s %10s %10s %8s %12s\n", "scenario", "req/s", "p50", "p99", "ratio", "CPU µs/req"
      for (i = 1; i <= k; i++) {
        s = name[i]; split(s, parts, "."); base = parts[1] ".a"
        r = median(s, v); b = (base in n) ? median(base, v) : 0
        printf "%-28s %10.0f %10s %10s %8s %12s\n", s, r, median(s, p50), median(s, p99), b ? sprintf("%.2f", r / b) : "-", median(s, cpu)
        m[s] = r
      }
      # Ratios between servers of one run (BENCHMARKS.md, "Goals"): "x / y" where both were measured.
      split("liberty.b floor.b|liberty.c floor.c|liberty.d floor.d|floor.c floor-naive.c|" \
            "liberty.c mpjwt-same.e-repeated|liberty.d mpjwt-same.e-fresh|" \
            "liberty.d mpjwt-same.e-fresh-location|liberty.c mpjwt-lean.e-repeated|" \
            "liberty.d mpjwt-lean.e-fresh|liberty.d liberty.c|payara.c payara-mpjwt.f-repeated|" \
            "payara.d payara-mpjwt.f-fresh|payara.d payara.c", pairs, "|")
      printed = 0
      for (i = 1; i in pairs; i++) {
        split(pairs[i], xy, " ")
        if ((xy[1] in m) && (xy[2] in m) && m[xy[2]] > 0) {
          if (!printed++) printf "\n%-52s %8s\n", "between servers", "ratio"
          printf "%-52s %8.2f\n", xy[1] " / " xy[2], m[xy[1]] / m[xy[2]]
        }
      }
    }' "$OUT/results.txt"
}

# ---------------------------------------------------------------- main

if [[ ${1:-} == payara-inner ]]; then
  payara_inner
  exit 0
fi
if [[ ${1:-} == cluster-inner ]]; then
  cluster_inner
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
    cluster)
      command -v haproxy >/dev/null || apt-get install -y -qq haproxy >/dev/null
      mkdir -p "$OUT/cluster-lib"
      $MVN -N dependency:copy -DoutputDirectory="$OUT/cluster-lib" \
        -Dartifact="com.hazelcast:hazelcast:$(sed -n 's:.*<hazelcast.version>\(.*\)</hazelcast.version>.*:\1:p' pom.xml)"
      $MVN -N dependency:copy -DoutputDirectory="$OUT/cluster-lib" -Dartifact=javax.cache:cache-api:1.1.1
      # Propagation's class path (the demo's test scope: the testkit's Http, JSON-P)
      $MVN -pl src/demo dependency:build-classpath -Dmdep.outputFile="$OUT/cluster-cp.txt" \
        -Dmdep.includeScope=test >/dev/null
      unshare -n env DURATION="$DURATION" RUNS="$RUNS" CONN="$CONN" WARMUP="$WARMUP" FRESH="$FRESH" \
        CLUSTER_CP="$DEMO/target/test-classes:$DEMO/target/classes:$(<"$OUT/cluster-cp.txt")" \
        CLUSTER_WAR="${CLUSTER_WAR:-}" PROPAGATION_ROUNDS="${PROPAGATION_ROUNDS:-50}" \
        bash "$ROOT/bench/load.sh" cluster-inner
      ;;
    *) log "unknown part $part" && exit 2 ;;
  esac
done

[[ -s $OUT/results.txt ]] && report | tee "$OUT/report.txt"
echo "(machine: $(nproc) cores, $(java -version 2>&1 | head -1); wrk -t1 -c$CONN pinned to CPU 1," \
  "${DURATION}s x $RUNS runs, medians)" | tee -a "$OUT/report.txt"
