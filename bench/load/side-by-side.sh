#!/usr/bin/env bash
# The load scenarios against our relay and, right after each, the same scenario against Janus, on this machine;
# then one side-by-side report of them all.
#
#   bench/load/side-by-side.sh [--scenario all|talkers|rooms|ramp|custom] [--out DIR] [--pin] [-- LOAD TOOL OPTIONS...]
#
# `all` (the default) runs talkers, rooms and ramp in that order. LOAD TOOL OPTIONS go to every run (for example
# --warmup 3 --duration 10); options of one scenario (--listeners) only make sense with that scenario alone.
# Each target runs in a throw-away network namespace (root; see bench/janus/run-janus.sh for why Janus needs one), so
# fixed ports never meet another process's. With --pin the relay (or Janus) runs on CPU 0 and the load tool on CPU 1
# (fair on an otherwise idle machine; on a shared one, leave the scheduler free). Builds
# server/target/hivemind-relay.jar and bench/target/benchmarks.jar if missing.
# RELAY_JAVA_OPTS replaces the relay's JVM flags (default -XX:+UseZGC, as `serve`), LOAD_JAVA_OPTS the load tool's;
# RELAY_JAR runs another relay build.
# First measures the machine's own floor (`load-tool floor`: the same UDP hops through a plain forwarder, no relay).
# Writes DIR/floor.json, DIR/hivemind-<scenario>.{json,md} and DIR/janus-<scenario>.{json,md} per scenario, and
# DIR/side-by-side.md (all) or DIR/side-by-side-<scenario>.md (one).
set -euo pipefail
cd "$(dirname "$0")/../.."

scenario=all
out=bench/target/load
pin=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scenario) scenario="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --pin) pin=1; shift ;;
    --) shift; break ;;
    *) echo "usage: $0 [--scenario S] [--out DIR] [-- LOAD TOOL OPTIONS...]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "side-by-side: needs root for unshare --net" >&2; exit 3; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ ! -f server/target/hivemind-relay.jar ] || [ ! -f bench/target/benchmarks.jar ]; then
  mvn -B -ntp -q -DskipTests -pl server,bench -am package
fi
relay_cpu=0-$(($(nproc) - 1))
tool_cpu=$relay_cpu
if [ "$pin" = 1 ] && [ "$(nproc)" -ge 2 ]; then relay_cpu=0; tool_cpu=1; fi
work=$(mktemp -d -t relay-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The load tool's heap: a young generation large enough that it does not collect inside a measurement window (with
# the default heap its G1 pauses, 2 × 50 ms per 20 s window, were in both targets' p99). LOAD_JAVA_OPTS replaces it.
# shellcheck disable=SC2206 # word splitting of the flags is intended
load_tool=(java ${LOAD_JAVA_OPTS:--Xms4g -Xmx4g -Xmn3g} -cp "$PWD/bench/target/benchmarks.jar" io.hivemind.relay.bench.load.LoadTool)
tool=(taskset -c "$tool_cpu" "${load_tool[@]}")

# One scenario against our relay, then against Janus.
run_pair() {
  local scenario=$1
  shift
  echo "== hivemind relay: $scenario"
  local data="$work/$scenario"
  mkdir -p "$data"
  RELAY_JAR="${RELAY_JAR:-$PWD/server/target/hivemind-relay.jar}" RELAY_DATA="$data" RELAY_CPU="$relay_cpu" \
  RELAY_JAVA_OPTS="${RELAY_JAVA_OPTS:--XX:+UseZGC}" \
  unshare --net bash -s -- "${tool[@]}" run --target hivemind --url http://127.0.0.1:7880 --scenario "$scenario" \
      --out "$out/hivemind-$scenario" "$@" <<'INNER'
set -euo pipefail
ip link set lo up
# shellcheck disable=SC2086 # word splitting of the flags is intended
taskset -c "$RELAY_CPU" java $RELAY_JAVA_OPTS -jar "$RELAY_JAR" serve --data-dir "$RELAY_DATA" \
    >"$RELAY_DATA/relay.log" 2>&1 &
relay=$!
trap 'kill "$relay" 2>/dev/null || true; wait "$relay" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  curl -fsS http://127.0.0.1:7880/healthz >/dev/null 2>&1 && break
  kill -0 "$relay" 2>/dev/null || { echo "relay exited:" >&2; tail -20 "$RELAY_DATA/relay.log" >&2; exit 4; }
  sleep 0.1
done
"$@" --server-pid "$relay"
# Datagrams the kernel dropped because a socket's receive buffer was full, in this namespace.
nstat -az UdpRcvbufErrors 2>/dev/null | grep UdpRcvbufErrors || true
INNER

  echo "== janus: $scenario"
  RUN_JANUS_CPUS="$relay_cpu" bench/janus/run-janus.sh -- bash -c '"$@" --url "$JANUS_URL" --server-pid "$JANUS_PID"
      status=$?; nstat -az UdpRcvbufErrors 2>/dev/null | grep UdpRcvbufErrors || true; exit $status' \
      load-tool "${tool[@]}" run --target janus --scenario "$scenario" --out "$out/janus-$scenario" "$@"
}

scenarios=("$scenario")
report="$out/side-by-side-$scenario.md"
if [ "$scenario" = all ]; then
  scenarios=(talkers rooms ramp)
  report="$out/side-by-side.md"
fi
echo "== the machine's floor (no relay)"
# Unpinned: its forwarder stands in for the relay, its clients for the load tool.
"${load_tool[@]}" floor --out "$out/floor.json"
pairs=(--floor "$out/floor.json")
for s in "${scenarios[@]}"; do
  run_pair "$s" "$@"
  pairs+=(--ours "$out/hivemind-$s.json" --peer "$out/janus-$s.json")
done

"${tool[@]}" compare "${pairs[@]}" --out "$report"
echo "side-by-side report: $report"
