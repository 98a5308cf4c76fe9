package io.hivemind.relay.hub.worker;

import static io.hivemind.relay.hub.worker.CallFixture.AGENT_HZ;
import static io.hivemind.relay.hub.worker.CallFixture.AGENT_IDENTITY;
import static io.hivemind.relay.hub.worker.CallFixture.HUMAN_HZ;
import static io.hivemind.relay.hub.worker.CallFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivemind.relay.hub.realtime.fake.FakeRealtimeServer;
import io.hivemind.relay.hub.realtime.fake.FakeScript;
import io.hivemind.relay.hub.realtime.fake.ReceivedEvent;
import io.hivemind.relay.hub.realtime.fake.ToneMeter;
import io.hivemind.relay.hub.voice.SentRtp;
import io.hivemind.relay.hub.voice.Tones;
import io.hivemind.relay.media.audio.AudioLevel;
import io.hivemind.relay.sfu.room.RoomEvent.Caption;
import io.hivemind.relay.sfu.room.RoomEvent.CaptionRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A voice worker end to end: alice (a 300 Hz tone as real Opus RTP, paced every 20 ms) in a real room, the worker
 * pacing itself in real time, the fake Realtime server answering with a 660 Hz tone and transcripts, and the
 * agent's runtime running a real process. Assertions are on what each side received, never on wall-clock timing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VoiceWorkerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_SAID = "what is the build status";
    private static final String AGENT_SAID = "the build is green";
    private static final String REQUEST = "what changed today";

    @TempDir
    Path directory;

    private CallFixture call;

    @BeforeEach
    void setUp() throws Exception {
        call = new CallFixture(directory);
    }

    @AfterEach
    void tearDown() throws Exception {
        call.close();
    }

    /** The agent answers each turn with {@code millis} of its tone, sent in deltas of {@code chunkMillis}. */
    private static FakeScript answering(int millis, int chunkMillis) {
        return new FakeScript(AGENT_HZ, millis, chunkMillis, USER_SAID, AGENT_SAID, null, false);
    }

    @Test
    void theModelHearsTheCallersToneAndTheCallerHearsTheAgentsTone() throws Exception {
        // One delta holds the whole answer, so it is queued at once and plays as one talkspurt.
        VoiceWorker worker = call.call(answering(600, 600));

        call.say(1000);
        List<SentRtp> packets = call.awaitHeardFromAgent(30);
        call.awaitTicks(25);

        short[] heard = loudest(call.server.audioReceived(0));
        assertThat(heard.length).as("24 kHz samples of alice's turn").isGreaterThanOrEqualTo(30 * 480);
        assertThat(Tones.dominantHz(heard, ToneMeter.RATE)).isBetween(HUMAN_HZ - 5, HUMAN_HZ + 5);
        assertThat(Tones.share(heard, HUMAN_HZ, ToneMeter.RATE)).isGreaterThan(0.8);

        packets = call.heardFromAgent();
        assertThat(packets).as("600 ms of answer, nothing after it").hasSize(30);
        assertThat(packets.get(0).marker()).isTrue();
        for (int i = 1; i < packets.size(); i++) {
            SentRtp previous = packets.get(i - 1);
            SentRtp packet = packets.get(i);
            assertThat(packet.sequenceNumber()).isEqualTo((previous.sequenceNumber() + 1) & 0xFFFF);
            assertThat((packet.timestamp() - previous.timestamp()) & 0xFFFF_FFFFL).isEqualTo(960);
            assertThat(packet.marker()).isFalse();
            assertThat(packet.payloadType()).isEqualTo(111);
        }
        short[] decoded = SentRtp.decode(packets);
        short[] steady = Arrays.copyOfRange(decoded, 3 * 960, decoded.length - 3 * 960);
        assertThat(Tones.dominantHz(steady, 48_000)).isBetween(AGENT_HZ - 5, AGENT_HZ + 5);
        assertThat(Tones.share(steady, AGENT_HZ, 48_000)).isGreaterThan(0.9);
        assertThat(Tones.share(steady, HUMAN_HZ, 48_000)).as("alice never hears herself").isLessThan(0.01);
        assertThat(call.server.violations()).isEmpty();
        assertThat(worker.state()).isIn(WorkerState.LISTENING, WorkerState.SPEAKING);
    }

    @Test
    void anAskComputerAgentCallRunsTheAgentAndExactlyOneResponseFollowsItsOutput() throws Exception {
        VoiceWorker worker = call.call(answering(600, 100).withFunctionCall(REQUEST));

        call.say(1000);
        call.awaitHeardFromAgent(30);
        call.awaitTicks(25);

        assertThat(Files.readString(call.repo.resolve(CallFixture.REQUEST_FILE))).isEqualTo(REQUEST);
        List<ReceivedEvent> events = call.server.received();
        int output = indexOf(events, event -> event.type().equals("conversation.item.create")
                && event.json().path("item").path("type").asText().equals("function_call_output"));
        assertThat(output).as("a function_call_output was sent").isNotNegative();
        JsonNode answer = JSON.readTree(events.get(output).json().path("item").path("output").asText());
        assertThat(answer.path("answer").asText()).isEqualTo(CallFixture.ANSWER_PREFIX + REQUEST);
        assertThat(answer.path("truncated").asBoolean(true)).isFalse();
        List<Integer> creates = positions(events, "response.create");
        assertThat(creates).as("one response.create, after the output").hasSize(1);
        assertThat(creates.get(0)).isGreaterThan(output);
        assertThat(call.server.violations()).isEmpty();

        assertThat(worker.toolCalls()).isEqualTo(1);
        assertThat(call.toolCallErrors).containsExactly("");
        int thinking = call.states.indexOf(WorkerState.THINKING);
        assertThat(thinking).as("the observer saw THINKING").isNotNegative();
        assertThat(call.states.subList(thinking + 1, call.states.size()))
                .as("and the worker came back from it").containsAnyOf(WorkerState.LISTENING, WorkerState.SPEAKING);
        assertThat(call.states).doesNotContain(WorkerState.ENDED);
    }

    @Test
    void captionsFollowTheCallInOrderAndANewResponseReplacesTheLast() throws Exception {
        List<Caption> captions = call.captions();
        VoiceWorker worker = call.call(answering(600, 100));

        call.say(1000);
        call.awaitHeardFromAgent(30);
        await(() -> completed(captions, CaptionRole.AGENT).size() >= 1, "the first answer's caption");
        call.say(1000);
        call.awaitHeardFromAgent(60);
        await(() -> completed(captions, CaptionRole.AGENT).size() >= 2, "the second answer's caption");

        List<Caption> answers = completed(captions, CaptionRole.AGENT);
        String first = answers.get(0).utteranceId();
        String second = answers.get(1).utteranceId();
        assertThat(second).isNotEqualTo(first);
        assertThat(captions).allSatisfy(caption -> {
            assertThat(caption.room()).isEqualTo(CallFixture.ROOM);
            assertThat(caption.participant().identity()).isEqualTo(AGENT_IDENTITY);
        });
        for (CaptionRole role : CaptionRole.values()) {
            String said = role == CaptionRole.USER ? USER_SAID : AGENT_SAID;
            for (Caption done : completed(captions, role)) {
                List<Caption> utterance = captions.stream().filter(c -> c.utteranceId().equals(done.utteranceId()))
                        .toList();
                // Text grows delta by delta and is whole at the end: each caption carries the utterance so far.
                assertThat(utterance.get(utterance.size() - 1)).isSameAs(done);
                assertThat(done.text()).isEqualTo(said);
                assertThat(utterance).allSatisfy(c -> assertThat(said + " ").startsWith(c.text()));
                for (int i = 1; i < utterance.size(); i++) {
                    assertThat(utterance.get(i).text().length())
                            .isGreaterThanOrEqualTo(utterance.get(i - 1).text().strip().length());
                }
            }
        }
        // Each turn: the caller's words, then the answer's. The second answer starts over from its first word.
        List<String> order = captions.stream().map(c -> c.role() + ":" + c.utteranceId()).distinct().toList();
        assertThat(order).hasSize(4);
        assertThat(order.get(0)).startsWith("USER:");
        assertThat(order.get(1)).isEqualTo("AGENT:" + first);
        assertThat(order.get(2)).startsWith("USER:").isNotEqualTo(order.get(0));
        assertThat(order.get(3)).isEqualTo("AGENT:" + second);
        Caption secondStart = captions.stream().filter(c -> c.utteranceId().equals(second)).findFirst().orElseThrow();
        assertThat(secondStart.text()).isEqualTo("the").doesNotContain(AGENT_SAID);
        assertThat(call.server.truncations()).as("alice spoke again only after the first answer had played whole")
                .isEmpty();
        assertThat(worker.caption(CaptionRole.AGENT)).isEqualTo(AGENT_SAID);
        assertThat(worker.caption(CaptionRole.USER)).isEqualTo(USER_SAID);
    }

    @Test
    void bargeInStopsTheAgentWithinAFrameAndTruncatesToWhatWasPlayed() throws Exception {
        call.call(answering(10_000, 100).holdingResponses());

        call.say(1000);
        call.awaitHeardFromAgent(25);
        call.server.injectSpeechStarted();
        FakeRealtimeServer.Truncation cut = call.server.awaitTruncations(1).get(0);
        int atCut = call.heardFromAgent().size();
        call.awaitTicks(25);
        int afterCut = call.heardFromAgent().size();

        assertThat(afterCut - atCut).as("packets still arriving after the truncation").isLessThanOrEqualTo(2);
        assertThat(cut.itemId()).startsWith("item_assistant_");
        assertThat(cut.audioEndMs()).isPositive().isLessThanOrEqualTo(10_000);
        assertThat(cut.audioEndMs() % 20).isZero();
        assertThat((long) afterCut).as("the truncation carries what alice heard")
                .isBetween(cut.audioEndMs() / 20 - 1, cut.audioEndMs() / 20 + 1);
        assertThat(call.server.received("response.cancel")).as("the server cancels its own response").isEmpty();
        assertThat(call.server.violations()).isEmpty();
    }

    @Test
    void aDroppedSocketIsRestoredWhileTheWorkerStaysInTheRoom() throws Exception {
        VoiceWorker worker = call.call(answering(600, 600));
        call.say(1000);
        call.awaitHeardFromAgent(30);

        call.server.dropConnection();
        call.server.awaitSessions(2);
        List<ReceivedEvent> updates = call.server.awaitReceived("session.update", 2);

        assertThat(updates.get(1).session()).isEqualTo(1);
        assertThat(updates.get(1).json().get("session")).isEqualTo(updates.get(0).json().get("session"));
        assertThat(call.participants()).contains(AGENT_IDENTITY);
        assertThat(worker.state()).isNotEqualTo(WorkerState.ENDED);
        assertThat(call.workers.worker(CallFixture.ROOM, CallFixture.AGENT)).containsSame(worker);

        // The call goes on over the new session: the new session hears alice and she hears the answer.
        call.say(1000);
        List<SentRtp> packets = call.awaitHeardFromAgent(60);
        short[] heardAfter = loudest(call.server.audioReceived(1));
        assertThat(heardAfter.length).isGreaterThanOrEqualTo(30 * 480);
        assertThat(Tones.dominantHz(heardAfter, ToneMeter.RATE)).isBetween(HUMAN_HZ - 5, HUMAN_HZ + 5);
        assertThat(Tones.share(heardAfter, HUMAN_HZ, ToneMeter.RATE)).isGreaterThan(0.8);
        SentRtp secondAnswer = packets.get(30);
        assertThat(secondAnswer.marker()).as("a new talkspurt").isTrue();
        assertThat((secondAnswer.timestamp() - packets.get(29).timestamp()) & 0xFFFF_FFFFL)
                .isGreaterThanOrEqualTo(960);
        assertThat(secondAnswer.sequenceNumber()).isEqualTo((packets.get(29).sequenceNumber() + 1) & 0xFFFF);
        assertThat(call.states).doesNotContain(WorkerState.ENDED);
        assertThat(call.server.violations()).isEmpty();
    }

    /** The samples from the first to the last loud 20 ms frame, without three frames at each edge. */
    static short[] loudest(byte[] pcm) {
        short[] samples = ToneMeter.samples(pcm);
        int frames = samples.length / 480;
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (AudioLevel.of(samples, f * 480, 480) <= 40) {
                first = first < 0 ? f : first;
                last = f;
            }
        }
        if (first < 0 || last - first < 8) {
            return new short[0];
        }
        return Arrays.copyOfRange(samples, (first + 3) * 480, (last - 2) * 480);
    }

    private static List<Caption> completed(List<Caption> captions, CaptionRole role) {
        return captions.stream().filter(c -> c.role() == role && c.complete()).toList();
    }

    private static int indexOf(List<ReceivedEvent> events, java.util.function.Predicate<ReceivedEvent> match) {
        for (int i = 0; i < events.size(); i++) {
            if (match.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> positions(List<ReceivedEvent> events, String type) {
        return java.util.stream.IntStream.range(0, events.size()).filter(i -> events.get(i).type().equals(type))
                .boxed().toList();
    }
}
