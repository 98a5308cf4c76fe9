package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.auth.VideoGrant;
import io.hivemind.relay.signaling.chromium.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real browsers through the built-in call page: two headless Chromium join one room, each with a fake microphone
 * playing its own tone, and each must hear the other's tone; a third in another room hears nothing of them; bad
 * tokens are refused; a browser that freezes without leaving is removed when its ICE consent expires. Needs
 * Debian's {@code chromium} and {@code chromium-driver} (installed by {@code .ci/run}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserCallTest {

    private static final int ALICE_HZ = 440;
    private static final int BOB_HZ = 1250;
    private static final int CAROL_HZ = 700;
    private static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(4);

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
    /** Waits until a stream from {@code arguments[0]} (a participant sid) is received, up to 20 s. */
    private static final String AWAIT_STREAM = """
            const done = arguments[arguments.length - 1];
            const sid = arguments[0];
            const started = Date.now();
            (function poll() {
              const c = window.relayCall;
              const stream = c.streams.get(sid);
              if (stream || Date.now() - started > 20000) {
                done({found: !!stream, streams: [...c.streams.keys()]});
              } else {
                setTimeout(poll, 100);
              }
            })();
            """;
    /** The audio inbound-rtp totals over two samples one second apart. */
    private static final String INBOUND = """
            const done = arguments[arguments.length - 1];
            const sample = async () => {
              let packets = 0, energy = 0, streams = 0;
              (await window.relayCall.pc.getStats()).forEach(r => {
                if (r.type === 'inbound-rtp' && r.kind === 'audio') {
                  streams++; packets += r.packetsReceived || 0; energy += r.totalAudioEnergy || 0;
                }
              });
              return {packets, energy, streams};
            };
            (async () => {
              const first = await sample();
              await new Promise(r => setTimeout(r, 1000));
              return {first, second: await sample()};
            })().then(done, e => done({error: String(e)}));
            """;
    /** The loudest frequency (Hz) of the stream received from {@code arguments[0]}, by a WebAudio analyser. */
    private static final String DOMINANT_FREQUENCY = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const stream = window.relayCall.streams.get(arguments[0]);
              const ctx = new AudioContext();
              await ctx.resume();
              const analyser = ctx.createAnalyser();
              analyser.fftSize = 8192;
              ctx.createMediaStreamSource(stream).connect(analyser);
              await new Promise(r => setTimeout(r, 1500));
              const bins = new Float32Array(analyser.frequencyBinCount);
              analyser.getFloatFrequencyData(bins);
              let best = 0;
              for (let i = 1; i < bins.length; i++) {
                if (bins[i] > bins[best]) best = i;
              }
              const hz = best * ctx.sampleRate / analyser.fftSize;
              await ctx.close();
              return {hz: hz, level: bins[best]};
            })().then(done, e => done({error: String(e)}));
            """;
    /** The participant sids the page lists. */
    private static final String PARTICIPANTS = "return [...window.relayCall.participants.keys()];";

    private Path dir;

    private RelayServer server;
    private String base;
    private HeadlessChromium alice;
    private HeadlessChromium bob;
    private HeadlessChromium carol;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        server = RelayServer.start(new RelayConfig("127.0.0.1", 0, 0, null, dir.resolve("data"),
                ApiKeyStore.development(), CONSENT_TIMEOUT, null), 2);
        base = "http://127.0.0.1:" + server.httpAddress().getPort();
        alice = browser("alice", ALICE_HZ);
        bob = browser("bob", BOB_HZ);
        carol = browser("carol", CAROL_HZ);
    }

    private HeadlessChromium browser(String name, int hz) throws Exception {
        Path wav = Files.write(dir.resolve(name + ".wav"), toneWav(hz));
        return new HeadlessChromium(Files.createDirectories(dir.resolve(name)),
                List.of("--use-file-for-fake-audio-capture=" + wav));
    }

    @AfterAll
    void stop() throws Exception {
        for (HeadlessChromium browser : new HeadlessChromium[] {alice, bob, carol}) {
            if (browser != null) {
                browser.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private JsonNode join(HeadlessChromium browser, String room, String name) throws Exception {
        browser.navigate(base + "/?autojoin=1&raw=1&room=" + room + "&name=" + name);
        return browser.executeAsync(AWAIT_STATE);
    }

    private String sidOf(HeadlessChromium browser) throws Exception {
        return browser.execute("return window.relayCall.localSid;").asText();
    }

    @Test
    @Order(1)
    void twoBrowsersInOneRoomHearEachOthersToneAndAThirdRoomHearsNothing() throws Exception {
        assertThat(join(alice, "blue", "alice").path("state").asText()).isEqualTo("connected");
        assertThat(join(bob, "blue", "bob").path("state").asText()).isEqualTo("connected");
        assertThat(join(carol, "green", "carol").path("state").asText()).isEqualTo("connected");
        String aliceSid = sidOf(alice);
        String bobSid = sidOf(bob);

        assertThat(alice.executeAsync(AWAIT_STREAM, bobSid).path("found").asBoolean()).as("alice gets bob").isTrue();
        assertThat(bob.executeAsync(AWAIT_STREAM, aliceSid).path("found").asBoolean()).as("bob gets alice").isTrue();
        assertHears(alice, bobSid, BOB_HZ);
        assertHears(bob, aliceSid, ALICE_HZ);

        JsonNode carolInbound = carol.executeAsync(INBOUND);
        assertThat(carolInbound.path("second").path("packets").asLong()).as("carol, alone in green, receives nothing")
                .isZero();
        assertThat(carol.execute(PARTICIPANTS)).hasSize(1);
        assertThat(alice.execute(PARTICIPANTS)).extracting(JsonNode::asText).containsExactlyInAnyOrder(aliceSid,
                bobSid);
    }

    private static void assertHears(HeadlessChromium listener, String speakerSid, int hz) throws Exception {
        JsonNode inbound = listener.executeAsync(INBOUND);
        assertThat(inbound.path("error").isMissingNode()).as(inbound.toString()).isTrue();
        assertThat(inbound.path("second").path("packets").asLong()).as("packets keep arriving: " + inbound)
                .isGreaterThan(inbound.path("first").path("packets").asLong());
        assertThat(inbound.path("second").path("energy").asDouble()).as("audible: " + inbound).isPositive();
        JsonNode tone = listener.executeAsync(DOMINANT_FREQUENCY, speakerSid);
        assertThat(tone.path("error").isMissingNode()).as(tone.toString()).isTrue();
        // One analyser bin is 48000 / 8192 ≈ 5.9 Hz wide; Opus keeps a pure tone's pitch.
        assertThat(tone.path("hz").asDouble()).as("dominant frequency " + tone).isBetween(hz - 15.0, hz + 15.0);
    }

    @Test
    @Order(2)
    void forgedAndExpiredTokensAreRefused() throws Exception {
        TokenService forger = new TokenService(new ApiKeyStore(Map.of(ApiKeyStore.DEVELOPMENT_KEY,
                "not-the-servers-secret-but-long-enough-0123")), Clock.systemUTC(), Duration.ZERO);
        String forged = forger.mint(forger.grantFor(ApiKeyStore.DEVELOPMENT_KEY, "mallory", "Mallory",
                Duration.ofMinutes(5), VideoGrant.join("blue")));
        TokenService past = new TokenService(ApiKeyStore.development(),
                Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC), Duration.ZERO);
        String expired = past.mint(past.grantFor(ApiKeyStore.DEVELOPMENT_KEY, "mallory", "Mallory",
                Duration.ofMinutes(5), VideoGrant.join("blue")));

        for (Map.Entry<String, String> token : Map.of(forged, "token_invalid", expired, "token_expired").entrySet()) {
            carol.navigate(base + "/?autojoin=1&room=blue&name=mallory&token=" + token.getKey());
            JsonNode result = carol.executeAsync(AWAIT_STATE);
            assertThat(result.path("state").asText()).isEqualTo("ended");
            assertThat(result.path("errors")).extracting(JsonNode::asText).contains(token.getValue());
        }
        assertThat(server.rooms().requireRoom("blue").participants().get(10, TimeUnit.SECONDS))
                .noneMatch(p -> p.identity().equals("mallory"));
    }

    @Test
    @Order(3)
    void aFrozenBrowserIsRemovedWhenItsConsentExpires() throws Exception {
        String bobSid = sidOf(bob);
        assertThat(alice.execute(PARTICIPANTS)).extracting(JsonNode::asText).contains(bobSid);
        bob.freeze(true);

        JsonNode left = alice.executeAsync("""
                const done = arguments[arguments.length - 1];
                const sid = arguments[0];
                const started = Date.now();
                (function poll() {
                  const present = window.relayCall.participants.has(sid);
                  if (!present || Date.now() - started > 25000) {
                    done({present: present, afterMs: Date.now() - started});
                  } else {
                    setTimeout(poll, 100);
                  }
                })();
                """, bobSid);

        assertThat(left.path("present").asBoolean()).as("bob removed: " + left).isFalse();
        assertThat(server.rooms().requireRoom("blue").participants().get(10, TimeUnit.SECONDS))
                .extracting(p -> p.identity()).containsExactly("alice");
    }

    /** Two seconds of a sine tone at half scale, 48 kHz mono 16-bit PCM WAV (Chromium loops it). */
    private static byte[] toneWav(int hz) {
        int rate = 48_000;
        int samples = rate * 2;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) Math.round(16_000 * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + pcm.capacity()).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(pcm.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(pcm.array());
        return out.toByteArray();
    }
}
