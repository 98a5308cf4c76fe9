package io.hivemind.relay.signaling.sdp;

import java.util.List;

/**
 * The outcome of one offer/answer exchange over one transport.
 *
 * @param localDescription the description we sent (our answer, or our offer once its answer is applied)
 * @param audio the accepted audio sections in description order; rejected ones are absent
 */
public record AudioNegotiation(SessionDescription localDescription, NegotiatedTransport transport,
        List<NegotiatedAudio> audio) {

    public AudioNegotiation {
        audio = List.copyOf(audio);
    }

    /** The section with this mid, or {@code null}. */
    public NegotiatedAudio byMid(String mid) {
        return audio.stream().filter(section -> section.mid().equals(mid)).findFirst().orElse(null);
    }
}
