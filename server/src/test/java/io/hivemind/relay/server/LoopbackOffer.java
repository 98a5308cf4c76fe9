package io.hivemind.relay.server;

import io.hivemind.relay.sfu.webrtc.WebRtcTestClient;

/** A browser-like offer (RFC 8829 §5.2) for a {@link WebRtcTestClient}: one Opus source on mid 0, DTLS actpass. */
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
}
