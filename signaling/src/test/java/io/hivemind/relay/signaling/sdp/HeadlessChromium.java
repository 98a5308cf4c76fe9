package io.hivemind.relay.signaling.sdp;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless {@code chromium} driven through {@code chromedriver} over the W3C WebDriver HTTP protocol: just
 * enough to run async scripts in one blank page. Started and stopped by the test that owns it.
 */
final class HeadlessChromium {

    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String session;

    HeadlessChromium(Path workDir) throws Exception {
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
        List<String> args = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(workDir.resolve("profile")),
                "--allow-loopback-in-peer-connection", "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream");
        JsonNode created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome", "goog:chromeOptions", Map.of("binary", "/usr/bin/chromium", "args", args)))));
        session = "/session/" + created.path("sessionId").asText();
        call("POST", session + "/timeouts", Map.of("script", 30_000));
        Path page = Files.writeString(workDir.resolve("blank.html"), "<!doctype html><html><body></body></html>");
        call("POST", session + "/url", Map.of("url", page.toUri().toString()));
    }

    /** Runs an async script (its last argument is the completion callback) and returns its JSON result. */
    JsonNode executeAsync(String script, Object... args) throws Exception {
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

    /** Ends the browser session and the chromedriver we started. */
    void stop() throws Exception {
        try {
            call("DELETE", session, null);
        } finally {
            driver.destroy();
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        }
    }
}
