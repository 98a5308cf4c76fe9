#!/usr/bin/env bash
# JMH guard: run the hot-path benchmarks and compare them with the committed baseline, printing regressions.
#
#   bench/jmh-guard.sh [--brief] [--update-baseline] [--tolerance 0.15] [--no-build] [REGEX]
#
#   (default)          one fork, 2 x 1 s warm-up, 5 x 1 s measurement, GC profiler; exit 1 if anything is slower
#                      than the baseline by more than the tolerance or allocates more per operation
#   --brief            every selected benchmark once (no warm-up, one 100 ms iteration), no comparison: proves they
#                      still run (the test suite does the same in BenchmarksRunBrieflyTest)
#   --update-baseline  measure and write bench/baseline/jmh-baseline.json instead of comparing (on an idle machine)
#
# Run it before merging a change to a hot path, on an otherwise idle machine; it is not a CI gate (a shared VM is
# too noisy for one). REGEX defaults to the per-packet benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

regex='(RtpBenchmark|SrtpBenchmark|StunBenchmark|RtcpBenchmark|JitterBufferBenchmark'
regex+='|RoomRouterFanoutBenchmark|OpusBenchmark.parseToc)'
tolerance=0.15
mode=compare
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --brief) mode=brief; shift ;;
    --update-baseline) mode=update; shift ;;
    --tolerance) tolerance="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "jmh-guard: unknown option $1" >&2; exit 2 ;;
    *) regex="$1"; shift ;;
  esac
done

jar=bench/target/benchmarks.jar
baseline=bench/baseline/jmh-baseline.json
result=bench/target/jmh-guard.json
if [ "$build" = 1 ] || [ ! -f "$jar" ]; then
  mvn -B -ntp -q -DskipTests -pl bench -am package
fi

case "$mode" in
  brief)
    exec java -jar "$jar" "$regex" -f 1 -wi 0 -i 1 -r 100ms -foe true
    ;;
  update)
    java -jar "$jar" "$regex" -f 1 -wi 2 -w 1s -i 5 -r 1s -prof gc -foe true -rf json -rff "$baseline"
    echo "jmh-guard: baseline written to $baseline"
    ;;
  compare)
    java -jar "$jar" "$regex" -f 1 -wi 2 -w 1s -i 5 -r 1s -prof gc -foe true -rf json -rff "$result"
    exec java -cp "$jar" io.hivemind.relay.bench.jmh.JmhGuard "$baseline" "$result" "$tolerance"
    ;;
esac
