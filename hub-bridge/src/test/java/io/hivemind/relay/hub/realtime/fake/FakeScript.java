package io.hivemind.relay.hub.realtime.fake;

import java.util.Map;
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
 * @param toneByVoice      the tone of a session configured with that voice (several agents on one server speak
 *                         apart); other sessions speak {@code toneHz}
 * @param transcriptByTone what a caller's turn is transcribed as, by the frequency that dominates the turn's audio
 *                         (so a session's transcript depends on what it heard); {@code userTranscript} when no
 *                         listed frequency carries most of the turn
 */
public record FakeScript(double toneHz, int toneMillis, int chunkMillis, String userTranscript,
        String agentTranscript, String functionCall, boolean holdResponses, Map<String, Double> toneByVoice,
        Map<Double, String> transcriptByTone) {

    public FakeScript {
        Objects.requireNonNull(userTranscript, "userTranscript");
        Objects.requireNonNull(agentTranscript, "agentTranscript");
        toneByVoice = Map.copyOf(toneByVoice);
        transcriptByTone = Map.copyOf(transcriptByTone);
        if (toneMillis <= 0 || chunkMillis <= 0 || toneHz <= 0 || toneHz >= 12_000
                || toneByVoice.values().stream().anyMatch(hz -> hz <= 0 || hz >= 12_000)) {
            throw new IllegalArgumentException("bad tone");
        }
    }

    /** One tone for every session, one transcript for every turn. */
    public FakeScript(double toneHz, int toneMillis, int chunkMillis, String userTranscript, String agentTranscript,
            String functionCall, boolean holdResponses) {
        this(toneHz, toneMillis, chunkMillis, userTranscript, agentTranscript, functionCall, holdResponses, Map.of(),
                Map.of());
    }

    /** A 440 Hz answer of 600 ms in 100 ms deltas. */
    public static FakeScript defaults() {
        return new FakeScript(440, 600, 100, "what is the build status", "the build is green", null, false);
    }

    public FakeScript withTone(double hz) {
        return new FakeScript(hz, toneMillis, chunkMillis, userTranscript, agentTranscript, functionCall,
                holdResponses, toneByVoice, transcriptByTone);
    }

    public FakeScript withFunctionCall(String request) {
        return new FakeScript(toneHz, toneMillis, chunkMillis, userTranscript, agentTranscript, request,
                holdResponses, toneByVoice, transcriptByTone);
    }

    public FakeScript holdingResponses() {
        return new FakeScript(toneHz, toneMillis, chunkMillis, userTranscript, agentTranscript, functionCall, true,
                toneByVoice, transcriptByTone);
    }

    /** Sessions with these voices speak these tones. */
    public FakeScript withToneByVoice(Map<String, Double> tones) {
        return new FakeScript(toneHz, toneMillis, chunkMillis, userTranscript, agentTranscript, functionCall,
                holdResponses, tones, transcriptByTone);
    }

    /** Turns dominated by these frequencies are transcribed as these texts. */
    public FakeScript withTranscriptByTone(Map<Double, String> transcripts) {
        return new FakeScript(toneHz, toneMillis, chunkMillis, userTranscript, agentTranscript, functionCall,
                holdResponses, toneByVoice, transcripts);
    }

    /**
     * The transcript of a turn whose audio is {@code pcm} (24 kHz PCM16 little-endian): the listed tone with the
     * largest share of the turn's energy, if that is most of it.
     */
    String transcriptOf(byte[] pcm) {
        short[] samples = ToneMeter.samples(pcm);
        String best = userTranscript;
        double bestShare = 0.5;
        for (Map.Entry<Double, String> entry : transcriptByTone.entrySet()) {
            double share = ToneMeter.windowedShareAt(samples, entry.getKey());
            if (share > bestShare) {
                bestShare = share;
                best = entry.getValue();
            }
        }
        return best;
    }
}
