package io.hivemind.relay.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/<pid>/stat} (proc(5): {@code utime} and {@code stime}, fields 14 and 15,
 * in clock ticks). Read before and after a window; the difference over the wall time is the cores the process used.
 */
final class ProcessCpu {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux architecture the JDK ships for. */
    static final long TICKS_PER_SECOND = 100;
    private static final int UTIME_FIELD = 14;

    private final Path stat;

    ProcessCpu(long pid) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
    }

    /** CPU nanoseconds (user + system) the process has used so far. */
    long cpuNanos() throws IOException {
        return parseCpuNanos(Files.readString(stat));
    }

    /**
     * Parses one {@code stat} line. The command name (field 2) is in parentheses and may itself contain spaces and
     * parentheses, so fields are counted after the last {@code ')'}.
     *
     * @throws IllegalArgumentException when the line is not a {@code stat} line
     */
    static long parseCpuNanos(String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: no command name");
        }
        String[] fields = line.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14, stime 15.
        int utime = UTIME_FIELD - 3;
        if (fields.length <= utime + 1) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + fields.length + " fields");
        }
        try {
            long ticks = Math.addExact(Long.parseLong(fields[utime]), Long.parseLong(fields[utime + 1]));
            if (ticks < 0) {
                throw new IllegalArgumentException("negative CPU ticks");
            }
            return Math.multiplyExact(ticks, 1_000_000_000L / TICKS_PER_SECOND);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: bad utime/stime", e);
        }
    }
}
