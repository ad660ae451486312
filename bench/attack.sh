#!/usr/bin/env bash
# Bounded memory under attack (RELIABILITY.md, "Bounded memory under attack"): the demo WAR on Open
# Liberty with the project's server.xml and a fixed heap, then, one after the other,
#   names    COUNT password attempts at the login form and COUNT at the token endpoint, each with a
#            user name never sent before (bench/wrk/names.lua);
#   tokens   COUNT bearer tokens never sent before that look valid but are signed by nobody
#            (bench/wrk/forged.lua);
#   sessions COUNT requests for a protected page with a session cookie never sent before.
# Before and after each phase: the heap after a full GC (jcmd), and a legitimate user on another
# loopback address (127.0.0.2) must log in, use the session and call the API with a token.
# Loopback only; every phase is bounded in count and time; the server is stopped on exit.
#   bash bench/attack.sh            (1,000,000 requests of each kind)
#   bash bench/attack.sh --smoke    (2,000 of each: .ci/run's short run, which can fail)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/liberty.sh
OUT=$DEMO/target/attack
COUNT=${COUNT:-1000000}
[[ ${1:-} == --smoke ]] && COUNT=2000
LIMIT=${LIMIT:-900}          # seconds a phase may take at most
HEAP=${HEAP:-512m}
PORT=19380
B=http://127.0.0.1:$PORT/pathauth

ensure_wrk
build
mkdir -p "$OUT"
rm -rf "$OUT/state"
start_server paattack $PORT "-Xmx$HEAP" "-Xms$HEAP" "-Dpathauth.state.dir=$OUT/state"

legit() { # a legitimate user on 127.0.0.2: login, page, password grant, API call
  local jar=$OUT/alice.txt code token
  rm -f "$jar"
  code=$(curl -s --interface 127.0.0.2 -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    -d j_username=alice -d j_password=alice-dev-password "$B/app/login")
  [[ $code == 302 ]] || { log "FAIL: alice's login answered $code"; return 1; }
  code=$(curl -s --interface 127.0.0.2 -o /dev/null -w '%{http_code}' -b "$jar" "$B/app/home")
  [[ $code == 200 ]] || { log "FAIL: alice's page answered $code"; return 1; }
  token=$(curl -s --interface 127.0.0.2 -d grant_type=password -d username=alice \
    -d password=alice-dev-password "$B/auth/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  [[ -n $token ]] || { log "FAIL: alice's password grant"; return 1; }
  code=$(curl -s --interface 127.0.0.2 -o /dev/null -w '%{http_code}' \
    -H "Authorization: Bearer $token" "$B/api/ping/jwt")
  [[ $code == 200 ]] || { log "FAIL: alice's API call answered $code"; return 1; }
}

phase() { # phase LABEL URL SCRIPT [env...]
  local label=$1 url=$2 script=$3 out start
  shift 3
  start=$SECONDS
  local done_file=$OUT/done wrk_pid
  rm -f "$done_file"
  env COUNT="$COUNT" DONE_FILE="$done_file" "$@" \
    wrk -t1 -c32 -d"${LIMIT}s" -s "$script" "$url" >"$OUT/wrk.txt" &
  wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null && [[ ! -e $done_file ]]; do sleep 1; done
  kill -INT "$wrk_pid" 2>/dev/null || true # the count is sent: wrk reports and exits
  wait "$wrk_pid" || true
  out=$(<"$OUT/wrk.txt")
  local reqs rps
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  legit
  printf '%-22s %10s requests %8s req/s %5s s  heap after GC %5s MB\n' \
    "$label" "$reqs" "$rps" $((SECONDS - start)) "$(heap)" | tee -a "$OUT/report.txt"
}

: >"$OUT/report.txt"
log "warming up"
curl -s -o /dev/null "$B/app/login"
legit
printf '%-22s %10s %8s %5s    heap after GC %5s MB\n' "start" "-" "-" "-" "$(heap)" | tee -a "$OUT/report.txt"
phase "names at the form" "$B/app/login" bench/wrk/names.lua
phase "names at /auth/token" "$B/auth/token" bench/wrk/names.lua FORM=token
phase "forged tokens" "$B/api/ping/jwt" bench/wrk/forged.lua
phase "forged session IDs" "$B/app/home" bench/wrk/forged.lua SESSIONS=1
grep -c . "$SERVER_LOG" | xargs printf 'messages.log: %s lines\n' | tee -a "$OUT/report.txt"
echo "(heap -Xmx$HEAP, $(nproc) cores, $(java -version 2>&1 | head -1))" | tee -a "$OUT/report.txt"
