package io.hivemind.relay.signaling.sdp;

/**
 * Our audio choices.
 *
 * @param opusPayloadType the Opus payload type we offer (answers keep the offer's number)
 * @param transportCc whether to negotiate transport-wide congestion control feedback (header extension and
 *        {@code rtcp-fb transport-cc}); only when the transport implements its feedback
 */
public record AudioPreferences(int opusPayloadType, boolean transportCc) {

    /** The header extension ids we offer (libwebrtc uses the same). */
    public static final int OFFERED_AUDIO_LEVEL_ID = 1;
    public static final int OFFERED_TRANSPORT_CC_ID = 3;

    public AudioPreferences {
        if (opusPayloadType < 96 || opusPayloadType > 127) {
            throw new IllegalArgumentException("Opus needs a dynamic payload type (96-127)");
        }
    }

    /** Opus on 111 as Chromium offers it, no transport-cc. */
    public static AudioPreferences defaults() {
        return new AudioPreferences(111, false);
    }
}
