package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseSequencerTest {

    /**
     * Steps: {@code request} (session open), {@code request-offline}, {@code created}, {@code done},
     * {@code refused}, {@code lost}, {@code opened}; the expected string lists the steps that send response.create.
     */
    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("idle request goes at once", "request created done", "request"),
                Arguments.of("request during a VAD response waits for its done",
                        "created request done created done", "done"),
                Arguments.of("requests fold into one", "created request request done", "done"),
                Arguments.of("a second request while ours is in flight waits",
                        "request request created done", "request done"),
                Arguments.of("refused as active is asked again after done", "request refused done", "request done"),
                Arguments.of("offline request goes when the session opens", "request-offline opened", "opened"),
                Arguments.of("a response cut by a lost session is asked again", "request created lost opened",
                        "request opened"),
                Arguments.of("nothing wanted, nothing sent on open", "created done lost opened", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void sendsOneResponseCreateAtATime(String name, String steps, String expected) {
        ResponseSequencer sequencer = new ResponseSequencer();
        List<String> sent = new ArrayList<>();
        for (String step : steps.split(" ")) {
            boolean send = switch (step) {
                case "request" -> sequencer.request(true);
                case "request-offline" -> sequencer.request(false);
                case "created" -> {
                    sequencer.created();
                    yield false;
                }
                case "done" -> sequencer.done();
                case "refused" -> {
                    sequencer.refusedAsActive();
                    yield false;
                }
                case "lost" -> {
                    sequencer.sessionLost();
                    yield false;
                }
                case "opened" -> sequencer.sessionOpened();
                default -> throw new IllegalArgumentException(step);
            };
            if (send) {
                sent.add(step);
            }
        }
        assertThat(String.join(" ", sent)).isEqualTo(expected);
    }
}
