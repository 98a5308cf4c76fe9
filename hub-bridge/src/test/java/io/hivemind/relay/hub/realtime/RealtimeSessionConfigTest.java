package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivemind.relay.hub.agent.AgentProfile;
import io.hivemind.relay.hub.realtime.fake.ClientEventChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealtimeSessionConfigTest {

    static final AgentProfile AGENT = new AgentProfile("builder", "Ada", "devbox-7", "codex", "~/src/relay",
            List.of("git", "maven"), "marin", "Answer in English.");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sessionHasTheGaShape() throws Exception {
        RealtimeSessionConfig config = RealtimeSessionConfig.forAgent(AGENT, "gpt-4o-mini-transcribe",
                ServerVad.DEFAULT);
        JsonNode expected = json.readTree("""
                {"type":"realtime","instructions":"@","output_modalities":["audio"],
                 "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},
                                   "transcription":{"model":"gpt-4o-mini-transcribe"},
                                   "turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,
                                     "silence_duration_ms":500,"create_response":true,"interrupt_response":true}},
                          "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"marin"}},
                 "tools":[{"type":"function","name":"ask_computer_agent","description":"@",
                           "parameters":{"type":"object","properties":{"request":{"type":"string",
                             "description":"@"}},"required":["request"],"additionalProperties":false}}],
                 "tool_choice":"auto"}""");
        JsonNode actual = config.toJson().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) actual).put("instructions", "@");
        ((com.fasterxml.jackson.databind.node.ObjectNode) actual.get("tools").get(0)).put("description", "@");
        ((com.fasterxml.jackson.databind.node.ObjectNode) actual.at("/tools/0/parameters/properties/request"))
                .put("description", "@");
        assertThat(actual).isEqualTo(expected);
        assertThat(ClientEventChecker.checkSession(config.toJson(), false)).isEmpty();
    }

    @Test
    void instructionsSayWhoWhereAndHowToReachTheComputer() {
        String instructions = RealtimeSessionConfig.forAgent(AGENT, "", ServerVad.DEFAULT).instructions();
        assertThat(instructions).contains("Ada", "\"builder\"", "devbox-7", "codex", "~/src/relay", "git, maven",
                "ask_computer_agent", "Answer in English.");
        assertThat(instructions.indexOf("Answer in English.")).isGreaterThan(instructions.indexOf("ask_computer"));
    }

    @Test
    void blankTranscriptionModelAndVoiceAreLeftOut() {
        AgentProfile plain = new AgentProfile("a", "A", "", "", "", List.of(), null, null);
        JsonNode session = RealtimeSessionConfig.forAgent(plain, " ", ServerVad.DEFAULT).toJson();
        assertThat(session.at("/audio/input").has("transcription")).isFalse();
        assertThat(session.at("/audio/output").has("voice")).isFalse();
        assertThat(session.get("instructions").asText()).doesNotContain("skills").doesNotContain("machine")
                .doesNotContain("work in");
        assertThat(ClientEventChecker.checkSession(session, false)).isEmpty();
    }

    @Test
    void clientSecretSessionCarriesTheModel() {
        JsonNode session = RealtimeSessionConfig.forAgent(AGENT, "", ServerVad.DEFAULT).toJson("gpt-realtime");
        assertThat(session.get("model").asText()).isEqualTo("gpt-realtime");
        assertThat(ClientEventChecker.checkSession(session, true)).isEmpty();
        assertThat(ClientEventChecker.checkSession(
                RealtimeSessionConfig.forAgent(AGENT, "", ServerVad.DEFAULT).toJson(), true))
                .containsExactly("session: model is required and must be a string");
    }

    @Test
    void anAgentAmongOthersAnswersOnlyWhenAskedYetStillYieldsToBargeIn() {
        RealtimeSessionConfig shared = RealtimeSessionConfig.forAgent(AGENT, "", ServerVad.DEFAULT)
                .withAutoRespond(false).withTranscription("gpt-4o-transcribe");
        JsonNode session = shared.toJson();
        assertThat(session.at("/audio/input/turn_detection/create_response").asBoolean(true)).isFalse();
        assertThat(session.at("/audio/input/turn_detection/interrupt_response").asBoolean(false)).isTrue();
        assertThat(session.at("/audio/input/transcription/model").asText()).isEqualTo("gpt-4o-transcribe");
        assertThat(shared.withAutoRespond(true).toJson().at("/audio/input/turn_detection/create_response")
                .asBoolean(false)).isTrue();
        assertThat(ClientEventChecker.checkSession(session, false)).isEmpty();
    }
}
