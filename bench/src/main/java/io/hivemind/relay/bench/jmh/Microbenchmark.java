package io.hivemind.relay.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every hot-path benchmark shares (JMH annotations are inherited): average time in ns per
 * operation, one fork, 3 × 2 s warm-up, 5 × 2 s measurement, per-thread state. The command line
 * ({@code ./relay bench}, see docs/benchmarks.md) may override any of them.
 *
 * <p>Netty's leak detector is off in the forked JVM, as in Netty's own microbenchmarks: at its default level it
 * records a stack trace for one buffer in 128, which would show as allocation that is not ours. The test suite runs
 * it at its strictest level instead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public abstract class Microbenchmark {
}
