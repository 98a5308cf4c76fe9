package io.hivemind.relay.bench.load;

import io.hivemind.relay.signaling.sdp.AudioAnswerBuilder;
import io.hivemind.relay.signaling.sdp.AudioNegotiation;
import io.hivemind.relay.signaling.sdp.AudioOfferBuilder;
import io.hivemind.relay.signaling.sdp.AudioPreferences;
import io.hivemind.relay.signaling.sdp.LocalTransport;
import io.hivemind.relay.signaling.sdp.OfferedAudio;
import io.hivemind.relay.signaling.sdp.OutgoingTrack;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException;
import io.hivemind.relay.signaling.sdp.SdpParseException;
import io.hivemind.relay.signaling.sdp.SdpParser;
import io.hivemind.relay.signaling.sdp.SdpWriter;
import io.hivemind.relay.signaling.sdp.SessionDescription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A load client's SDP, written and read with the relay's own signaling builders: the publish offer (one
 * {@code sendonly} Opus section, {@code actpass}) and the answer to a subscription offer. Applying a remote
 * description starts ICE and DTLS on the {@link LoadPeer}. Descriptions announce {@code a=ice-lite} (the builders'
 * server heritage), yet the client checks like a controlling full agent: Janus, answering as a full agent, stays
 * controlled and waits for our nomination; when a peer does control, it answers 487 and we stand down
 * ({@link PeerIce}).
 */
final class PeerSdp {

    /** The mid of the section our own offer opens. */
    static final String MID = "0";
    private final LoadPeer peer;
    private final long sessionId = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    private long version = 1;
    private AudioOfferBuilder offerBuilder;
    private SessionDescription pendingOffer;
    /** The track we publish in section {@link #MID}, kept when the remote re-offers that section. */
    private OutgoingTrack sending;

    PeerSdp(LoadPeer peer) {
        this.peer = peer;
    }

    private LocalTransport local() {
        return LocalTransport.of(peer.localIce().ufrag(), peer.localIce().password(), peer.fingerprint().hash(),
                List.of(peer.localAddress()));
    }

    /** Our offer to publish one Opus track with {@code ssrc}. */
    String publishOffer(int ssrc) {
        String id = peer.name();
        sending = new OutgoingTrack(Integer.toUnsignedLong(ssrc), id, "stream-" + id, "audio-" + id);
        return offer(sending);
    }

    /**
     * Our offer to only listen: one {@code inactive} audio section, which opens the transport; the remote then adds
     * the tracks we receive with offers of its own.
     */
    String listenOffer() {
        sending = null;
        return offer(null);
    }

    private String offer(OutgoingTrack track) {
        offerBuilder = new AudioOfferBuilder(local(), AudioPreferences.defaults());
        pendingOffer = offerBuilder.offer(List.of(new OfferedAudio(MID, track)), sessionId, version++);
        return SdpWriter.write(pendingOffer);
    }

    /** Applies the answer to {@link #publishOffer} and starts ICE and DTLS. */
    void acceptAnswer(String sdp) throws SdpParseException, SdpNegotiationException {
        if (pendingOffer == null) {
            throw new IllegalStateException("no offer is pending");
        }
        SessionDescription answer = SdpParser.parse(sdp);
        AudioNegotiation negotiation = offerBuilder.applyAnswer(pendingOffer, answer);
        pendingOffer = null;
        peer.connect(negotiation.transport());
    }

    /**
     * Our answer to a remote offer that adds the tracks we receive. A re-offer of our own published section is
     * answered with our track, so we keep sending; every other section is received.
     */
    String answer(String sdp) throws SdpParseException, SdpNegotiationException {
        SessionDescription offer = SdpParser.parse(sdp);
        AudioNegotiation negotiation = new AudioAnswerBuilder(local(), AudioPreferences.defaults())
                .answer(offer, sending == null ? Map.of() : Map.of(MID, sending), sessionId, version++);
        peer.connect(negotiation.transport());
        return SdpWriter.write(negotiation.localDescription());
    }
}
