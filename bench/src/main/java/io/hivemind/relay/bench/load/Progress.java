package io.hivemind.relay.bench.load;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The once-a-second progress line of a measuring load run: packets sent and received per second, receive failures,
 * and the CPU of the relay and of the load tool over the last second.
 */
final class Progress {

    private final PeerCounters counters;
    private final ProcessCpu serverCpu;
    private final ProcessCpu ownCpu;
    private final PrintStream out;
    private Thread thread;

    Progress(PeerCounters counters, ProcessCpu serverCpu, ProcessCpu ownCpu, PrintStream out) {
        this.counters = counters;
        this.serverCpu = serverCpu;
        this.ownCpu = ownCpu;
        this.out = out;
    }

    void start() {
        thread = new Thread(this::run, "load-progress");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    private void run() {
        try {
            PeerCounters.Counts last = counters.snapshot();
            long server = serverCpu == null ? 0 : serverCpu.cpuNanos();
            long own = ownCpu.cpuNanos();
            long time = System.nanoTime();
            int second = 0;
            while (true) {
                Thread.sleep(1000);
                PeerCounters.Counts now = counters.snapshot();
                long serverNow = serverCpu == null ? 0 : serverCpu.cpuNanos();
                long ownNow = ownCpu.cpuNanos();
                long timeNow = System.nanoTime();
                double seconds = (timeNow - time) / 1e9;
                PeerCounters.Counts delta = now.minus(last);
                out.printf("  %3ds  sent %,8.0f/s  received %,9.0f/s  failed %d  relay CPU %5.1f%%  load tool CPU"
                        + " %5.1f%%%n", ++second, delta.sent() / seconds, delta.received() / seconds,
                        delta.receiveFailed() + delta.sendFailed(), 100 * (serverNow - server) / 1e9 / seconds,
                        100 * (ownNow - own) / 1e9 / seconds);
                last = now;
                server = serverNow;
                own = ownNow;
                time = timeNow;
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (IOException e) {
            out.println("  progress: cannot read CPU: " + e.getMessage());
        }
    }
}
