package io.hivemind.relay.hub.realtime.fake;

import java.util.Objects;

/**
 * How the fake Realtime server answers a caller's turn.
 *
 * @param toneHz           frequency of the sine the agent "speaks"
 * @param toneMillis       length of each spoken answer
 * @param chunkMillis      audio per {@code response.output_audio.delta}
 * @param userTranscript   what the caller is transcribed as having said
 * @param agentTranscript  the transcript of each spoken answer (sent as word deltas)
 * @param functionCall     when non-null, the first answer of a session is a call of {@code ask_computer_agent} with
 *                         this {@code request}; the spoken answer comes after its output and a response.create
 * @param holdResponses    when true a spoken answer stays active after its audio until {@link
 *                         FakeRealtimeServer#finishResponse()} or an interruption (for barge-in tests)
 */
public record FakeScript(double toneHz, int toneMillis, int chunkMillis, String userTranscript,
        String agentTranscript, String functionCall, boolean holdResponses) {

    public FakeScript {
        Objects.requireNonNull(userTranscript, "userTranscript");
        Objects.requireNonNull(agentTranscript, "agentTranscript");
        if (toneMillis <= 0 || chunkMillis <= 0 || toneHz <= 0 || toneHz >= 12_000) {
            throw new IllegalArgumentException("bad tone");
        }
    }

    /** A 440 Hz answer of 600 ms in 100 ms deltas. */
    public static FakeScript defaults() {
        return new FakeScript(440, 600, 100, "what is the build status", "the build is green", null, false);
    }

    public FakeScript withTone(double hz) {
        return new FakeScript(hz, toneMillis, chunkMillis, userTranscript, agentTranscript, functionCall,
                holdResponses);
    }

    public FakeScript withFunctionCall(String request) {
        return new FakeScript(toneHz, toneMillis, chunkMillis, userTranscript, agentTranscript, request,
                holdResponses);
    }

    public FakeScript holdingResponses() {
        return new FakeScript(toneHz, toneMillis, chunkMillis, userTranscript, agentTranscript, functionCall, true);
    }
}
