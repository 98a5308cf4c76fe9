package io.hivemind.relay.hub.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one ask of the embedded runtime as one process: argv from the agents file (no shell), the request on standard
 * input, standard output as the answer. Blocking, so it runs on the runtime's own threads: the calling thread reads
 * standard output while two more threads of {@code io} feed standard input and keep the tail of standard error (a
 * command that never reads its input, or fills its error pipe, must not stall the one that reads the answer).
 *
 * <p>A timeout or a truncated answer destroys the process and every descendant it has at that moment. A descendant
 * that the command left behind after exiting (a daemon) is no longer its descendant and is not found; its output is
 * then abandoned at the deadline.
 */
final class AgentProcess {

    /** Enough of standard error to quote the last line of a failure. */
    private static final int STDERR_TAIL = 2048;
    private static final int EXCERPT_CHARS = 200;
    private static final int INITIAL_OUTPUT_BUFFER = 8 * 1024;
    /** How long a failed command's standard error is awaited after its exit. */
    private static final Duration STDERR_GRACE = Duration.ofSeconds(2);

    private AgentProcess() {
    }

    /** Standard output as read: at most the limit, and whether more was written. */
    private record Output(byte[] bytes, boolean truncated) {
    }

    /**
     * Runs the agent's command for one request.
     *
     * @param environment the complete environment of the process (nothing else is inherited)
     * @throws AgentRuntimeException with {@code TIMEOUT}, {@code FAILED} or {@code UNAVAILABLE} (interrupted or
     *                               {@code io} shut down)
     */
    static AgentAnswer run(AgentDefinition agent, String request, Map<String, String> environment, Duration timeout,
                           Executor io) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProcessBuilder builder = new ProcessBuilder(agent.command()).directory(agent.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AgentRuntimeException(AgentErrorCode.FAILED,
                    "agent '" + agent.id() + "' could not be started: " + e.getMessage());
        }
        try {
            CompletableFuture.runAsync(() -> writeRequest(process.getOutputStream(), request), io);
            CompletableFuture<String> errors =
                    CompletableFuture.supplyAsync(() -> readTail(process.getErrorStream()), io);
            Output output = CompletableFuture.supplyAsync(
                    () -> readCapped(process.getInputStream(), agent.outputLimit()), io)
                    .get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (output.truncated()) {
                return new AgentAnswer(new String(output.bytes(), StandardCharsets.UTF_8), List.of(), true);
            }
            if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw timedOut(agent, timeout);
            }
            if (process.exitValue() != 0) {
                throw new AgentRuntimeException(AgentErrorCode.FAILED, "agent '" + agent.id()
                        + "' failed with exit status " + process.exitValue() + lastLine(errors));
            }
            return new AgentAnswer(new String(output.bytes(), StandardCharsets.UTF_8), List.of(), false);
        } catch (TimeoutException e) {
            throw timedOut(agent, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw shuttingDown();
        } catch (RejectedExecutionException e) {
            throw shuttingDown();
        } catch (ExecutionException e) {
            throw new AgentRuntimeException(AgentErrorCode.FAILED,
                    "agent '" + agent.id() + "': its output could not be read", e.getCause());
        } finally {
            if (process.isAlive()) {
                destroyTree(process);
            }
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
        }
    }

    /** Kills the process and the descendants it has now; the list is taken first because they are reparented. */
    private static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static AgentRuntimeException timedOut(AgentDefinition agent, Duration timeout) {
        return new AgentRuntimeException(AgentErrorCode.TIMEOUT,
                "agent '" + agent.id() + "' gave no answer within " + timeout.toMillis() + " ms");
    }

    private static AgentRuntimeException shuttingDown() {
        return new AgentRuntimeException(AgentErrorCode.UNAVAILABLE, "the agent runtime is shutting down");
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void writeRequest(OutputStream stdin, String request) {
        try (stdin) {
            stdin.write(request.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The command exited or closed its input without reading everything: its output still decides.
        }
    }

    /** Reads up to {@code limit} bytes; if more come, stops there, cut back to a whole UTF-8 character. */
    private static Output readCapped(InputStream stdout, int limit) {
        // One byte past the limit tells whether there was more; the buffer grows only as output arrives.
        byte[] buffer = new byte[Math.min(limit + 1, INITIAL_OUTPUT_BUFFER)];
        int length = 0;
        try {
            while (true) {
                if (length == buffer.length) {
                    if (length > limit) {
                        break;
                    }
                    buffer = Arrays.copyOf(buffer, Math.min(limit + 1, buffer.length * 2));
                }
                int read = stdout.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (length <= limit) {
            return new Output(Arrays.copyOf(buffer, length), false);
        }
        int cut = limit;
        while (cut > 0 && (buffer[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return new Output(Arrays.copyOf(buffer, cut), true);
    }

    /** Drains standard error, keeping its last {@link #STDERR_TAIL} bytes. */
    private static String readTail(InputStream stderr) {
        byte[] tail = new byte[STDERR_TAIL];
        byte[] chunk = new byte[1024];
        int kept = 0;
        try {
            int read;
            while ((read = stderr.read(chunk)) >= 0) {
                if (read >= tail.length) {
                    System.arraycopy(chunk, read - tail.length, tail, 0, tail.length);
                    kept = tail.length;
                } else {
                    int keep = Math.min(kept, tail.length - read);
                    System.arraycopy(tail, kept - keep, tail, 0, keep);
                    System.arraycopy(chunk, 0, tail, keep, read);
                    kept = keep + read;
                }
            }
        } catch (IOException e) {
            // Destroyed or closed: what was read so far is the tail.
        }
        return new String(tail, 0, kept, StandardCharsets.UTF_8);
    }

    /** ": <last non-blank line of standard error>", shortened, or nothing. */
    private static String lastLine(CompletableFuture<String> errors) {
        String text;
        try {
            text = errors.get(STDERR_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        if (last.isEmpty()) {
            return "";
        }
        return ": " + (last.length() > EXCERPT_CHARS ? last.substring(0, EXCERPT_CHARS) + "…" : last);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
