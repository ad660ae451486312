# Sourced by bench/attack.sh and bench/soak.sh: the demo WAR on one Open Liberty server with the
# project's server.xml, on 127.0.0.1, stopped when the calling script exits.
ROOT=$PWD
DEMO=$ROOT/src/demo
WLP=$DEMO/target/liberty/wlp
MVN="$ROOT/mvnw -q -B -ntp"
log() { echo "${0##*/}: $*" >&2; }

# build : the demo WAR (with the library) and the Liberty runtime, as the README builds them
build() {
  log "building the demo WAR and the Liberty runtime"
  $MVN -DskipTests -Dspotbugs.skip install -pl src/demo -am
  [[ -x $WLP/bin/server ]] || $MVN -pl src/demo liberty:create
}

# start_server NAME PORT JVM_OPTION... : starts it, waits until the demo answers, sets PID
start_server() {
  local name=$1 port=$2 dir=$WLP/usr/servers/$1 i
  shift 2
  rm -rf "$dir"
  "$WLP/bin/server" create "$name" >/dev/null
  cat >"$dir/server.xml" <<XML
<server>
  <include location="$ROOT/server.xml"/>
  <variable name="http.host" value="127.0.0.1"/>
  <variable name="http.port" value="$port"/>
  <variable name="https.port" value="$((port + 1000))"/>
  <logging consoleLogLevel="WARNING"/>
</server>
XML
  printf '%s\n' "-Dmp.jwt.verify.publickey.location=file:$DEMO/target/dev-keys/public.pem" "$@" \
    >"$dir/jvm.options"
  cp "$DEMO/target/pathauth.war" "$dir/dropins/"
  SERVER=$name
  trap 'stop_server' EXIT
  "$WLP/bin/server" start "$name" >/dev/null
  SERVER_LOG=$dir/logs/messages.log
  for ((i = 0; i < 120; i++)); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/pathauth/api/ping/none" && break
    if grep -q CWWKZ0002E "$SERVER_LOG" 2>/dev/null; then break; fi
    sleep 1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$port/pathauth/api/ping/none" || {
    grep ' E ' "$SERVER_LOG" >&2 || true
    log "FAIL: the demo did not start on $name"
    exit 1
  }
  PID=$(cat "$WLP/usr/servers/.pid/$name.pid")
}

stop_server() { [[ -z ${SERVER:-} ]] || "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true; }

# heap : MB in use after a full GC
heap() {
  jcmd "$PID" GC.run >/dev/null
  sleep 1
  jcmd "$PID" GC.heap_info | awk '/used/ && !done { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); printf "%.0f", v / 1024; done = 1 } }'
}

ensure_wrk() {
  command -v wrk >/dev/null || {
    log "installing wrk (Debian package)"
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
  }
}
