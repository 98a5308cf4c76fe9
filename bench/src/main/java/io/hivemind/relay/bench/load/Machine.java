package io.hivemind.relay.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a report says about where it ran: CPU model and count, memory, kernel, JDK. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String model = "unknown CPU";
        String memory = "";
        // The machine's CPUs, not the JVM's view (taskset narrows availableProcessors).
        long cpus = Runtime.getRuntime().availableProcessors();
        try {
            cpus = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(model);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, ", %.0f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM's view is all there is
        }
        return cpus + " × " + model + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }
}
