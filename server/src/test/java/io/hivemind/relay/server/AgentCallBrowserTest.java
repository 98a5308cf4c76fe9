package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.hub.realtime.fake.ReceivedEvent;
import io.hivemind.relay.hub.realtime.fake.ToneMeter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room call from the built-in page: a headless Chromium (its microphone playing 300 Hz) joins a room and calls the
 * agent "helper" into it. The relay's voice worker streams the room to the fake Realtime server, which hears the
 * tone, calls {@code ask_computer_agent}; the embedded agent runtime runs the agent's command; its answer goes back
 * to the model, which speaks a 660 Hz tone with a transcript: the browser hears the tone and shows the captions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentCallBrowserTest {

    private static final int HUMAN_HZ = 300;
    private static final int AGENT_HZ = 660;
    private static final String REQUEST = "what changed today";
    private static final String SPOKEN = "two commits landed today";

    private FakeRealtimeServer realtime;
    private RelayServer server;
    private VoicedRelay relay;
    private CallPage page;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        relay = VoicedRelay.start(dir, dir.resolve("data"), new FakeScript(AGENT_HZ, 4000, 100, "what changed",
                SPOKEN, REQUEST, false), 2);
        realtime = relay.realtime;
        server = relay.server;
        // One second of tone, then silence long enough for the agent's whole answer (no barge-in).
        page = new CallPage(dir, "caller", HUMAN_HZ, 1000, 7000);
    }

    @AfterAll
    void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void theCallerTalksToTheAgentThroughTheRoomAndTheAgentsRuntime() throws Exception {
        JsonNode joined = page.open("http://127.0.0.1:" + server.httpAddress().getPort()
                + "/?autojoin=1&raw=1&room=desk&name=caller&agent=helper");
        assertThat(joined.path("state").asText()).as(joined.toString()).isEqualTo("connected");
        assertThat(page.await("[...c.participants.values()].some(p => p.identity === 'agent-helper')"))
                .as("the agent joined the caller's room").isTrue();

        realtime.awaitSessions(1);
        List<ReceivedEvent> outputs = realtime.awaitReceived("conversation.item.create", 1);
        assertThat(outputs.get(0).json().at("/item/type").asText()).isEqualTo("function_call_output");
        assertThat(outputs.get(0).json().at("/item/output").asText()).contains("helper heard: " + REQUEST);
        assertThat(ToneMeter.energyShareAt(loudestHalfSecond(ToneMeter.samples(realtime.audioReceived(0))), HUMAN_HZ))
                .as("the model hears the caller's tone").isGreaterThan(0.5);

        String agentSid = page.eval("[...c.participants.values()].find(p => p.identity === 'agent-helper').sid")
                .asText();
        assertThat(page.await("c.streams.has('" + agentSid + "')")).as("the caller receives the agent").isTrue();
        JsonNode tone = page.loudestFrequency(agentSid, 3000);
        assertThat(tone.path("hz").asDouble()).as("the agent's voice " + tone).isBetween(AGENT_HZ - 15.0,
                AGENT_HZ + 15.0);
        assertThat(page.await("c.captions.agent && c.captions.agent.text === '" + SPOKEN + "'"))
                .as("the caption of the agent's answer").isTrue();
        assertThat(realtime.received("response.create")).as("one response after the tool output").hasSize(1);
        assertThat(realtime.violations()).isEmpty();
        assertThat(server.workers().workers()).singleElement()
                .satisfies(worker -> assertThat(worker.toolCalls()).isEqualTo(1));
    }

    /** The loudest 480 ms of 24 kHz audio: the caller's tone, without the silence around it. */
    private static short[] loudestHalfSecond(short[] audio) {
        int window = 24_000 * 480 / 1000;
        if (audio.length <= window) {
            return audio;
        }
        double energy = 0;
        for (int i = 0; i < window; i++) {
            energy += (double) audio[i] * audio[i];
        }
        double best = energy;
        int bestStart = 0;
        for (int start = 1; start + window <= audio.length; start++) {
            energy += (double) audio[start + window - 1] * audio[start + window - 1]
                    - (double) audio[start - 1] * audio[start - 1];
            if (energy > best) {
                best = energy;
                bestStart = start;
            }
        }
        return java.util.Arrays.copyOfRange(audio, bestStart, bestStart + window);
    }
}
