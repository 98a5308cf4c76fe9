package io.hivemind.relay.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.signaling.chromium.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in call page in a headless Chromium whose fake microphone plays a tone: opens the page, waits for the
 * call state and reads what the page keeps in {@code window.relayCall} and what WebRTC and WebAudio report.
 */
final class CallPage implements AutoCloseable {

    /** The call state, once it is {@code connected} or {@code ended} (or after 20 s). */
    private static final String AWAIT_STATE = """
            const done = arguments[arguments.length - 1];
            const started = Date.now();
            (function poll() {
              const c = window.relayCall;
              if (c && (c.state === 'connected' || c.state === 'ended') || Date.now() - started > 20000) {
                done({state: c ? c.state : 'no page', reason: c ? c.reason : '', errors: c ? c.errors : []});
              } else {
                setTimeout(poll, 100);
              }
            })();
            """;
    /** Waits up to 20 s until {@code arguments[0]} (a JS expression over {@code c = window.relayCall}) holds. */
    private static final String AWAIT = """
            const done = arguments[arguments.length - 1];
            const condition = new Function('c', 'return (' + arguments[0] + ');');
            const started = Date.now();
            (function poll() {
              let value;
              try { value = condition(window.relayCall); } catch (e) { value = false; }
              if (value || Date.now() - started > 20000) {
                done({held: !!value, afterMs: Date.now() - started});
              } else {
                setTimeout(poll, 100);
              }
            })();
            """;
    /** The audio inbound-rtp totals over two samples one second apart. */
    private static final String INBOUND = """
            const done = arguments[arguments.length - 1];
            const sample = async () => {
              let packets = 0, energy = 0, streams = 0, jitter = 0;
              (await window.relayCall.pc.getStats()).forEach(r => {
                if (r.type === 'inbound-rtp' && r.kind === 'audio') {
                  streams++; packets += r.packetsReceived || 0; energy += r.totalAudioEnergy || 0;
                  jitter = Math.max(jitter, r.jitter || 0);
                }
              });
              return {packets, energy, streams, jitter};
            };
            (async () => {
              const first = await sample();
              await new Promise(r => setTimeout(r, 1000));
              return {first, second: await sample()};
            })().then(done, e => done({error: String(e)}));
            """;
    /**
     * Analyses the stream received from participant {@code arguments[0]} for {@code arguments[1]} ms with a WebAudio
     * analyser and returns the loudest reading's frequency (Hz) and level (dB).
     */
    private static final String LOUDEST_FREQUENCY = """
            const done = arguments[arguments.length - 1];
            const sid = arguments[0], millis = arguments[1];
            (async () => {
              const stream = window.relayCall.streams.get(sid);
              const ctx = new AudioContext();
              await ctx.resume();
              const analyser = ctx.createAnalyser();
              analyser.fftSize = 8192;
              analyser.smoothingTimeConstant = 0;
              ctx.createMediaStreamSource(stream).connect(analyser);
              const bins = new Float32Array(analyser.frequencyBinCount);
              let best = {hz: 0, level: -Infinity};
              for (const end = Date.now() + millis; Date.now() < end;) {
                await new Promise(r => setTimeout(r, 100));
                analyser.getFloatFrequencyData(bins);
                let peak = 1;
                for (let i = 2; i < bins.length; i++) {
                  if (bins[i] > bins[peak]) peak = i;
                }
                if (bins[peak] > best.level) {
                  best = {hz: peak * ctx.sampleRate / analyser.fftSize, level: bins[peak]};
                }
              }
              await ctx.close();
              return best;
            })().then(done, e => done({error: String(e)}));
            """;

    private final HeadlessChromium browser;

    /** A browser whose microphone loops {@code toneMillis} of {@code hz} then {@code silenceMillis} of silence. */
    CallPage(Path dir, String name, int hz, int toneMillis, int silenceMillis) throws Exception {
        this(dir, name, List.of("--use-file-for-fake-audio-capture="
                + Files.write(dir.resolve(name + ".wav"), toneWav(hz, toneMillis, silenceMillis))));
    }

    private CallPage(Path dir, String name, List<String> args) throws Exception {
        browser = new HeadlessChromium(Files.createDirectories(dir.resolve(name)), args);
    }

    /**
     * A browser that refuses every microphone request, as when the user denies the prompt: Chromium's fake
     * permission UI answers {@code NotAllowedError} when its switch says {@code deny} (the later switch wins).
     */
    static CallPage microphoneDenied(Path dir, String name) throws Exception {
        return new CallPage(dir, name, List.of("--use-fake-ui-for-media-stream=deny"));
    }

    HeadlessChromium browser() {
        return browser;
    }

    /** Opens {@code url} (the page with its query) and waits for the call to connect or end. */
    JsonNode open(String url) throws Exception {
        browser.navigate(url);
        return browser.executeAsync(AWAIT_STATE);
    }

    /** Whether {@code condition} (a JS expression over {@code c}, the page's call state) held within 20 s. */
    boolean await(String condition) throws Exception {
        return browser.executeAsync(AWAIT, condition).path("held").asBoolean();
    }

    JsonNode eval(String expression) throws Exception {
        return browser.execute("const c = window.relayCall; return (" + expression + ");");
    }

    String localSid() throws Exception {
        return eval("c.localSid").asText();
    }

    /** Two inbound-rtp samples a second apart: {@code {first: {packets, energy, streams, jitter}, second: ...}}. */
    JsonNode inbound() throws Exception {
        return browser.executeAsync(INBOUND);
    }

    /** The loudest frequency heard from {@code sid} over {@code millis}: {@code {hz, level}}. */
    JsonNode loudestFrequency(String sid, int millis) throws Exception {
        return browser.executeAsync(LOUDEST_FREQUENCY, sid, millis);
    }

    @Override
    public void close() throws Exception {
        browser.close();
    }

    /** A sine tone at half scale then silence, 48 kHz mono 16-bit PCM WAV (Chromium loops it). */
    static byte[] toneWav(int hz, int toneMillis, int silenceMillis) {
        int rate = 48_000;
        int toneSamples = rate * toneMillis / 1000;
        int samples = toneSamples + rate * silenceMillis / 1000;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort(i < toneSamples ? (short) Math.round(16_000 * Math.sin(2 * Math.PI * hz * i / rate)) : 0);
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.capacity())
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(pcm.array());
        return out.toByteArray();
    }
}
