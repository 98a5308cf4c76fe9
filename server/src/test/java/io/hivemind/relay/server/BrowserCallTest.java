package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.signaling.auth.ApiKeyStore;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.auth.VideoGrant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private RelayServer server;
    private String base;
    private CallPage alice;
    private CallPage bob;
    private CallPage carol;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = RelayServer.start(new RelayConfig("127.0.0.1", 0, 0, null, dir.resolve("data"),
                ApiKeyStore.development(), CONSENT_TIMEOUT, null), 2);
        base = "http://127.0.0.1:" + server.httpAddress().getPort();
        alice = new CallPage(dir, "alice", ALICE_HZ, 2000, 0);
        bob = new CallPage(dir, "bob", BOB_HZ, 2000, 0);
        carol = new CallPage(dir, "carol", CAROL_HZ, 2000, 0);
    }

    @AfterAll
    void stop() throws Exception {
        for (CallPage page : new CallPage[] {alice, bob, carol}) {
            if (page != null) {
                page.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private JsonNode join(CallPage page, String room, String name) throws Exception {
        return page.open(base + "/?autojoin=1&raw=1&room=" + room + "&name=" + name);
    }

    @Test
    @Order(1)
    void twoBrowsersInOneRoomHearEachOthersToneAndAThirdRoomHearsNothing() throws Exception {
        assertThat(join(alice, "blue", "alice").path("state").asText()).isEqualTo("connected");
        assertThat(join(bob, "blue", "bob").path("state").asText()).isEqualTo("connected");
        assertThat(join(carol, "green", "carol").path("state").asText()).isEqualTo("connected");
        String aliceSid = alice.localSid();
        String bobSid = bob.localSid();

        assertThat(alice.await("c.streams.has('" + bobSid + "')")).as("alice gets bob's stream").isTrue();
        assertThat(bob.await("c.streams.has('" + aliceSid + "')")).as("bob gets alice's stream").isTrue();
        assertHears(alice, bobSid, BOB_HZ);
        assertHears(bob, aliceSid, ALICE_HZ);

        JsonNode carolInbound = carol.inbound();
        assertThat(carolInbound.path("second").path("packets").asLong()).as("carol, alone in green, receives nothing")
                .isZero();
        assertThat(carol.eval("[...c.participants.keys()]")).hasSize(1);
        assertThat(alice.eval("[...c.participants.keys()]")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(aliceSid, bobSid);
    }

    static void assertHears(CallPage listener, String speakerSid, int hz) throws Exception {
        JsonNode inbound = listener.inbound();
        assertThat(inbound.path("error").isMissingNode()).as(inbound.toString()).isTrue();
        assertThat(inbound.path("second").path("packets").asLong()).as("packets keep arriving: " + inbound)
                .isGreaterThan(inbound.path("first").path("packets").asLong());
        assertThat(inbound.path("second").path("energy").asDouble()).as("audible: " + inbound).isPositive();
        JsonNode tone = listener.loudestFrequency(speakerSid, 1500);
        assertThat(tone.path("error").isMissingNode()).as(tone.toString()).isTrue();
        // One analyser bin is 48000 / 8192 ≈ 5.9 Hz wide; Opus keeps a pure tone's pitch.
        assertThat(tone.path("hz").asDouble()).as("loudest frequency " + tone).isBetween(hz - 15.0, hz + 15.0);
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
            JsonNode result = carol.open(base + "/?autojoin=1&room=blue&name=mallory&token=" + token.getKey());
            assertThat(result.path("state").asText()).isEqualTo("ended");
            assertThat(result.path("errors")).extracting(JsonNode::asText).contains(token.getValue());
        }
        assertThat(server.rooms().requireRoom("blue").participants().get(10, TimeUnit.SECONDS))
                .noneMatch(p -> p.identity().equals("mallory"));
    }

    @Test
    @Order(3)
    void aFrozenBrowserIsRemovedWhenItsConsentExpires() throws Exception {
        String bobSid = bob.localSid();
        assertThat(alice.eval("[...c.participants.keys()]")).extracting(JsonNode::asText).contains(bobSid);
        bob.browser().freeze(true);

        assertThat(alice.await("!c.participants.has('" + bobSid + "')")).as("bob removed from alice's list").isTrue();
        assertThat(server.rooms().requireRoom("blue").participants().get(10, TimeUnit.SECONDS))
                .extracting(ParticipantInfo::identity).containsExactly("alice");
    }
}
