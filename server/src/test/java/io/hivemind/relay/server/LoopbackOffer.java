package io.hivemind.relay.server;

import io.hivemind.relay.sfu.webrtc.WebRtcTestClient;
import io.hivemind.relay.signaling.sdp.AudioAnswerBuilder;
import io.hivemind.relay.signaling.sdp.AudioNegotiation;
import io.hivemind.relay.signaling.sdp.AudioPreferences;
import io.hivemind.relay.signaling.sdp.LocalTransport;
import io.hivemind.relay.signaling.sdp.OutgoingTrack;
import io.hivemind.relay.signaling.sdp.SdpParser;
import io.hivemind.relay.signaling.sdp.SdpWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A browser-like offer (RFC 8829 §5.2) for a {@link WebRtcTestClient}: one Opus source on mid 0, DTLS actpass; and
 * the client's answer to the relay's re-offers, written by our own answer builder on the client's credentials.
 */
final class LoopbackOffer {
    static final int PAYLOAD_TYPE = 111;

    private LoopbackOffer() {
    }

    static String publishing(WebRtcTestClient client, long ssrc) {
        return String.join("\r\n",
                "v=0",
                "o=- 4611686018427387904 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "a=msid-semantic: WMS",
                "m=audio 9 UDP/TLS/RTP/SAVPF " + PAYLOAD_TYPE,
                "c=IN IP4 0.0.0.0",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:" + client.ice.ufrag(),
                "a=ice-pwd:" + client.ice.password(),
                "a=fingerprint:" + WebRtcTestClient.fingerprint().toSdp(),
                "a=setup:actpass",
                "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=sendonly",
                "a=msid:- mic",
                "a=rtcp-mux",
                "a=rtpmap:" + PAYLOAD_TYPE + " opus/48000/2",
                "a=rtcp-fb:" + PAYLOAD_TYPE + " nack",
                "a=fmtp:" + PAYLOAD_TYPE + " minptime=10;useinbandfec=1",
                "a=ssrc:" + ssrc + " cname:loopback",
                "");
    }

    /** The client's answer to a relay offer: it keeps sending {@code ssrc} on mid 0 and receives every other section. */
    static String answering(WebRtcTestClient client, long ssrc, String relayOffer) throws Exception {
        LocalTransport local = LocalTransport.of(client.ice.ufrag(), client.ice.password(),
                WebRtcTestClient.fingerprint().hash(), List.of(new InetSocketAddress("127.0.0.1", 9)));
        AudioNegotiation answer = new AudioAnswerBuilder(local, AudioPreferences.defaults()).answer(
                SdpParser.parse(relayOffer), Map.of("0", new OutgoingTrack(ssrc, "loopback", "-", "mic")), 7, 2);
        return SdpWriter.write(answer.localDescription());
    }
}
