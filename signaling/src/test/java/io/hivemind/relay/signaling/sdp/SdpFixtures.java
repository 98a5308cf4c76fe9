package io.hivemind.relay.signaling.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The Chromium 156 offers captured with headless Chromium on this project's build machine, and our parameters. */
final class SdpFixtures {

    /** addTransceiver('audio'), before ICE gathering: no candidates. */
    static final String AUDIO = "chromium156-audio-offer.sdp";
    /** getUserMedia fake microphone track, after ICE gathering. */
    static final String MIC = "chromium156-mic-offer-with-candidates.sdp";
    /** addTransceiver('audio', {direction: 'recvonly'}), after ICE gathering. */
    static final String RECVONLY = "chromium156-recvonly-offer.sdp";
    /** audio + video transceivers and a data channel, after ICE gathering. */
    static final String AUDIO_VIDEO_DATA = "chromium156-audio-video-data-offer.sdp";
    static final List<String> ALL = List.of(AUDIO, MIC, RECVONLY, AUDIO_VIDEO_DATA);

    static final byte[] CERTIFICATE_SHA256 = new byte[32];

    static {
        for (int i = 0; i < CERTIFICATE_SHA256.length; i++) {
            CERTIFICATE_SHA256[i] = (byte) (0xA0 + i);
        }
    }

    private SdpFixtures() {
    }

    static String text(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        return parseText(text(name));
    }

    /** The text with every line starting with {@code prefix} replaced, or removed when {@code replacement} is null. */
    static String edit(String text, String prefix, String replacement) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\r\n")) {
            if (!line.startsWith(prefix)) {
                out.append(line).append("\r\n");
            } else if (replacement != null) {
                out.append(replacement).append("\r\n");
            }
        }
        return out.toString();
    }

    static SessionDescription parseText(String text) {
        try {
            return SdpParser.parse(text);
        } catch (SdpParseException e) {
            throw new AssertionError(text, e);
        }
    }

    static LocalTransport local() {
        return LocalTransport.of("rLy4", "relayIcePassword0123456", CERTIFICATE_SHA256,
                List.of(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("::1", 40001)));
    }

    static OutgoingTrack track(long ssrc) {
        return new OutgoingTrack(ssrc, "relay", "room-stream", "track-" + ssrc);
    }
}
