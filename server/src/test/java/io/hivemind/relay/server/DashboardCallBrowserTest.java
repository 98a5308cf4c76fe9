package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's call modal in headless Chromium against the fake Realtime server: a room-mode call to the agent
 * "helper" goes connecting → agent joining → live, the caller hears the agent's 660 Hz voice and reads the caption of
 * its latest answer (the next answer replacing it), and hangs up. With the microphone denied the dashboard still
 * joins, listen-only, and hears the agent answer a second person in the call's room. A BYOK call shows when its
 * client secret expires, never the secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardCallBrowserTest {

    private static final int HUMAN_HZ = 300;
    private static final int AGENT_HZ = 660;
    private static final String SPOKEN = "two commits landed today";

    private Path dir;
    private FakeRealtimeServer realtime;
    private RelayServer server;
    private VoicedRelay relay;
    private String base;
    private CallPage first;
    private CallPage second;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        relay = VoicedRelay.start(dir, dir.resolve("data"), new FakeScript(AGENT_HZ, 4000, 100, "what changed",
                SPOKEN, "what changed today", false), 2);
        realtime = relay.realtime;
        server = relay.server;
        base = relay.base();
    }

    @AfterEach
    void closeBrowsers() throws Exception {
        for (CallPage page : new CallPage[] {first, second}) {
            if (page != null) {
                page.close();
            }
        }
        first = null;
        second = null;
    }

    @AfterAll
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void theCallModalGoesLiveHearsTheAgentShowsItsAnswerAndHangsUp() throws Exception {
        // One second of tone, then silence long enough for the agent's whole answer (no barge-in).
        first = new CallPage(dir, "caller", HUMAN_HZ, 1000, 7000);
        String callId = callHelper(first);
        assertThat(first.eval("c.listenOnly").asBoolean()).isFalse();
        assertThat(first.await("window.relayDashboard.call.state === 'live'"))
                .as("the call reaches live " + first.eval("window.relayDashboard.call")).isTrue();
        assertThat(first.eval("document.getElementById('call-state').textContent").asText()).startsWith("live");

        String agentSid = agentSid(first);
        JsonNode tone = first.loudestFrequency(agentSid, 3000);
        assertThat(tone.path("hz").asDouble()).as("the agent's voice " + tone).isBetween(AGENT_HZ - 15.0,
                AGENT_HZ + 15.0);
        assertThat(first.await("document.querySelector('#call-modal .caption[data-role=\"agent\"] span')"
                + ".textContent === '" + SPOKEN + "'")).as("the modal's caption of the agent's answer").isTrue();
        assertThat(first.await("window.relayDashboard.call.agentState === 'speaking'"
                + " || window.relayDashboard.call.agentState === 'listening'")).isTrue();

        // The caller's tone comes back every 8 s: the next answer's caption replaces the last, never appends.
        String firstAnswer = first.eval("c.captions.agent.id").asText();
        assertThat(first.await("c.captions.agent.id !== '" + firstAnswer + "'")).as("a second answer").isTrue();
        assertThat(first.await("document.querySelector('#call-modal .caption[data-role=\"agent\"] span')"
                + ".textContent === '" + SPOKEN + "'")).as("the latest answer replaces the caption").isTrue();

        first.eval("(document.getElementById('call-hangup').click(), true)");
        assertThat(first.await("window.relayDashboard.call.state === 'ended' && c.state === 'ended'"))
                .as("hang-up ends the call and leaves the room").isTrue();
        assertThat(first.eval("document.getElementById('call-state').textContent").asText())
                .isEqualTo("ended: hangup");
        JsonNode record = first.browser().executeAsync(FETCH_CALL, callId);
        assertThat(record.path("state").asText()).as(record.toString()).isEqualTo("ended");
        assertThat(record.path("endReason").asText()).isEqualTo("hangup");
        String listed = "document.querySelector('#call-list li[data-call=\"" + callId + "\"]')";
        assertThat(first.await("!document.getElementById('history').hidden && " + listed + " && " + listed
                + ".textContent.includes('hangup')"))
                .as("the recent calls list the ended call " + first.eval("window.relayDashboard.calls")).isTrue();
        assertThat(first.eval(listed + ".textContent").asText()).startsWith("helper (room)");
    }

    @Test
    void withTheMicrophoneDeniedTheCallConnectsListenOnlyAndTheAgentStillSpeaks() throws Exception {
        first = CallPage.microphoneDenied(dir, "listener");
        callHelper(first);
        assertThat(first.await("c.listenOnly && c.state === 'connected'")).as("listen-only " + first.eval(
                "{state: c.state, reason: c.reason, errors: c.errors}")).isTrue();
        assertThat(first.eval("document.getElementById('call-mode').textContent").asText())
                .startsWith("Speaker only");
        assertThat(first.eval("document.getElementById('call-message').textContent").asText())
                .as("the browser refused the microphone").contains("NotAllowedError");
        assertThat(first.eval("document.getElementById('call-mute').disabled").asBoolean()).isTrue();

        // A second person in the call's room talks; the listen-only caller hears the agent answer.
        String room = first.eval("c.room").asText();
        second = new CallPage(dir, "friend", HUMAN_HZ, 1000, 7000);
        JsonNode joined = second.open(base + "/?autojoin=1&raw=1&room=" + room + "&name=friend");
        assertThat(joined.path("state").asText()).as(joined.toString()).isEqualTo("connected");

        String agentSid = agentSid(first);
        JsonNode tone = first.loudestFrequency(agentSid, 3000);
        assertThat(tone.path("hz").asDouble()).as("the agent's voice " + tone).isBetween(AGENT_HZ - 15.0,
                AGENT_HZ + 15.0);
        assertThat(first.await("c.captions.agent && c.captions.agent.text === '" + SPOKEN + "'")).isTrue();
        assertThat(first.eval("window.relayDashboard.call.state").asText()).isEqualTo("live");
    }

    @Test
    void aByokCallShowsTheClientSecretsExpiryWithoutTheSecret() throws Exception {
        first = new CallPage(dir, "byok", HUMAN_HZ, 1000, 7000);
        first.browser().navigate(base + "/dashboard");
        assertThat(first.await("document.querySelector('#agent-list button[data-agent=\"helper\"]:not(:disabled)')"))
                .isTrue();
        first.eval("(document.getElementById('byok').click(),"
                + " document.querySelector('#agent-list button[data-agent=\"helper\"]').click(), true)");
        assertThat(first.await("window.relayDashboard.call.state === 'live'"))
                .as("a BYOK call is live once its secret is minted " + first.eval("window.relayDashboard.call"))
                .isTrue();
        String shown = first.eval("document.getElementById('call-modal').textContent").asText();
        assertThat(shown).contains("valid until").contains("/api/calls/");
        assertThat(realtime.mintedSecrets()).isNotEmpty();
        realtime.mintedSecrets().forEach(secret -> assertThat(shown).doesNotContain(secret));
        assertThat(first.eval("window.relayCall === undefined").asBoolean()).as("no room session").isTrue();

        first.eval("(document.getElementById('call-hangup').click(), true)");
        assertThat(first.await("window.relayDashboard.call.state === 'ended'")).isTrue();
    }

    /** {@code GET /api/calls/{arguments[0]}} with the dashboard's token. */
    private static final String FETCH_CALL = """
            const done = arguments[arguments.length - 1];
            fetch('/api/calls/' + arguments[0], {headers: {Authorization: 'Bearer ' + window.relayDashboard.token}})
              .then(r => r.json()).then(done, e => done({error: String(e)}));
            """;

    /** Opens the dashboard, calls "helper" in room mode and waits until its room session is up; the call id. */
    private String callHelper(CallPage page) throws Exception {
        page.browser().navigate(base + "/dashboard");
        assertThat(page.await("document.querySelector('#agent-list button[data-agent=\"helper\"]:not(:disabled)')"))
                .as("the agent list offers a call").isTrue();
        page.eval("(document.querySelector('#agent-list button[data-agent=\"helper\"]').click(), true)");
        assertThat(page.await("!document.getElementById('call-modal').hidden && window.relayDashboard.call.callId"
                + " && c && c.localSid")).as("the call modal joined " + page.eval("window.relayDashboard.call"))
                .isTrue();
        return page.eval("window.relayDashboard.call.callId").asText();
    }

    private static String agentSid(CallPage page) throws Exception {
        assertThat(page.await("[...c.participants.values()].some(p => p.identity === 'agent-helper')"))
                .as("the agent joined the call's room").isTrue();
        String sid = page.eval("[...c.participants.values()].find(p => p.identity === 'agent-helper').sid").asText();
        assertThat(page.await("c.streams.has('" + sid + "')")).as("the caller receives the agent").isTrue();
        return sid;
    }
}
