package io.hivemind.relay.signaling.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless {@code chromium} driven through {@code chromedriver} over the W3C WebDriver HTTP protocol: just
 * enough to open a page and run scripts in it. Started and stopped by the test that owns it; one browser costs about
 * 1 GiB, so a test keeps to three at once. The fake microphone plays {@code --use-file-for-fake-audio-capture} when
 * given (a WAV file), else Chromium's beep.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String session;
    private boolean frozen;

    /** A browser on a blank page with the fake microphone's default beep. */
    public HeadlessChromium(Path workDir) throws Exception {
        this(workDir, List.of());
    }

    /** @param extraArgs more Chromium switches, e.g. {@code --use-file-for-fake-audio-capture=/tmp/tone.wav} */
    public HeadlessChromium(Path workDir, List<String> extraArgs) throws Exception {
        driver = new ProcessBuilder("chromedriver", "--port=0").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(),
                StandardCharsets.UTF_8));
        // Read the banner until the port line; the read is bounded by the future's timeout.
        int port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher matcher = STARTED.matcher(line);
                    if (matcher.find()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                }
                throw new IllegalStateException("chromedriver exited");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> out.lines().forEach(line -> { })); // keep the pipe drained
        base = "http://127.0.0.1:" + port;
        List<String> args = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(workDir.resolve("profile")),
                "--allow-loopback-in-peer-connection", "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"));
        args.addAll(extraArgs);
        JsonNode created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome", "goog:chromeOptions", Map.of("binary", "/usr/bin/chromium", "args", args)))));
        session = "/session/" + created.path("sessionId").asText();
        call("POST", session + "/timeouts", Map.of("script", 30_000));
        Path page = Files.writeString(workDir.resolve("blank.html"), "<!doctype html><html><body></body></html>");
        navigate(page.toUri().toString());
    }

    /** Opens {@code url} and waits for it to load. */
    public void navigate(String url) throws Exception {
        call("POST", session + "/url", Map.of("url", url));
    }

    /** Runs a script and returns its JSON result. */
    public JsonNode execute(String script, Object... args) throws Exception {
        return call("POST", session + "/execute/sync", Map.of("script", script, "args", List.of(args)));
    }

    /** Runs an async script (its last argument is the completion callback) and returns its JSON result. */
    public JsonNode executeAsync(String script, Object... args) throws Exception {
        return call("POST", session + "/execute/async", Map.of("script", script, "args", List.of(args)));
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + path + ": " + value);
        }
        return value;
    }

    /**
     * Freezes (SIGSTOP) or thaws (SIGCONT) every browser process: a vanished peer whose sockets stay open, so only
     * timeouts (ICE consent, WebSocket pings) can notice it.
     */
    public void freeze(boolean frozen) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", frozen ? "-STOP" : "-CONT"));
        driver.descendants().forEach(process -> command.add(Long.toString(process.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + command + " failed");
        }
        this.frozen = frozen;
    }

    /** Ends the browser session and the chromedriver we started. */
    @Override
    public void close() throws Exception {
        try {
            if (frozen) {
                freeze(false);
            }
            call("DELETE", session, null);
        } finally {
            driver.destroy();
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        }
    }
}
