#!/usr/bin/env bash
# Runs a command beside Debian's Janus (1.1.x, `apt-get install janus`) in a throw-away network namespace.
#
#   bench/janus/run-janus.sh [--http-port N] [--keep-log FILE] -- COMMAND [ARGS...]
#
# Janus skips loopback interfaces when it gathers ICE candidates, so it would never offer 127.0.0.1. Inside a fresh
# namespace (unshare --net, needs root) 127.0.0.1/32 is also put on one end of a veth pair: Janus then gathers
# 127.0.0.1 and packets still travel through lo. Janus runs in the foreground with its own minimal configuration in a
# temp folder (VideoRoom plugin and HTTP transport only, no STUN/TURN, IPv4 only, two event loops); /etc/janus is not
# read. COMMAND runs inside the namespace once `GET /janus/info` answers, with JANUS_PID and JANUS_URL exported; Janus
# stops when it ends, and the namespace disappears with it. The exit status is COMMAND's. RUN_JANUS_CPUS (a taskset
# CPU list) pins Janus, so the load tool can have the other core.
set -euo pipefail

http_port=8088
keep_log=""
while [ $# -gt 0 ]; do
  case "$1" in
    --http-port) http_port="$2"; shift 2 ;;
    --keep-log) keep_log="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--http-port N] [--keep-log FILE] -- COMMAND [ARGS...]" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "run-janus: no command given" >&2; exit 2; }
command -v janus >/dev/null || { echo "run-janus: janus is not installed (apt-get install -y janus)" >&2; exit 3; }
[ "$(id -u)" = 0 ] || { echo "run-janus: needs root for unshare --net" >&2; exit 3; }

lib=/usr/lib/x86_64-linux-gnu/janus
[ -d "$lib" ] || lib=$(dirname "$(dirname "$(find /usr/lib -path '*janus/plugins/libjanus_videoroom.so' | head -1)")")
conf=$(mktemp -d -t janus-bench.XXXXXX)
trap 'rm -rf "$conf"' EXIT

disabled_plugins=$(cd "$lib/plugins" && ls libjanus_*.so | grep -v '^libjanus_videoroom.so$' | paste -sd, -)
disabled_transports=$(cd "$lib/transports" && ls libjanus_*.so | grep -v '^libjanus_http.so$' | paste -sd, -)
cat > "$conf/janus.jcfg" <<JCFG
general: {
  configs_folder = "$conf"
  plugins_folder = "$lib/plugins"
  transports_folder = "$lib/transports"
  events_folder = "$lib/events"
  loggers_folder = "$lib/loggers"
  debug_level = 3
  session_timeout = 120
  # One shared loop per core: the default thread per handle costs far more CPU per packet here.
  event_loops = 2
}
media: {
  ipv6 = false
}
nat: {
  ice_enforce_list = "127.0.0.1"
  full_trickle = false
  ice_tcp = false
  ignore_mdns = true
}
plugins: {
  disable = "$disabled_plugins"
}
transports: {
  disable = "$disabled_transports"
}
loggers: {
  disable = "libjanus_jsonlog.so"
}
events: {
  broadcast = false
}
JCFG
cat > "$conf/janus.transport.http.jcfg" <<JCFG
general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = $http_port
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_http = false
  admin_https = false
}
JCFG
cat > "$conf/janus.plugin.videoroom.jcfg" <<JCFG
general: {
}
JCFG

log="${keep_log:-$conf/janus.log}"
export RUN_JANUS_CONF="$conf" RUN_JANUS_LOG="$log" RUN_JANUS_PORT="$http_port" RUN_JANUS_CPUS="${RUN_JANUS_CPUS:-}"
unshare --net bash -s -- "$@" <<'INNER'
set -euo pipefail
ip link set lo up
ip link add jb0 type veth peer name jb1
for dev in jb0 jb1; do
  sysctl -qw "net.ipv6.conf.$dev.disable_ipv6=1" 2>/dev/null || true
  ip link set "$dev" up
done
ip addr add 127.0.0.1/32 dev jb0
pin=()
[ -n "$RUN_JANUS_CPUS" ] && pin=(taskset -c "$RUN_JANUS_CPUS")
"${pin[@]}" janus -F "$RUN_JANUS_CONF" -C "$RUN_JANUS_CONF/janus.jcfg" -i 127.0.0.1 -o >"$RUN_JANUS_LOG" 2>&1 &
janus_pid=$!
cleanup() { kill "$janus_pid" 2>/dev/null || true; wait "$janus_pid" 2>/dev/null || true; }
trap cleanup EXIT
export JANUS_PID=$janus_pid JANUS_URL="http://127.0.0.1:$RUN_JANUS_PORT/janus"
for _ in $(seq 1 100); do
  if curl -fsS "$JANUS_URL/info" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$janus_pid" 2>/dev/null || { echo "run-janus: janus exited:" >&2; tail -20 "$RUN_JANUS_LOG" >&2; exit 4; }
  sleep 0.1
done
curl -fsS "$JANUS_URL/info" >/dev/null || { echo "run-janus: janus did not answer on $JANUS_URL" >&2; exit 4; }
echo "run-janus: janus $janus_pid ready on $JANUS_URL" >&2
"$@"
INNER
