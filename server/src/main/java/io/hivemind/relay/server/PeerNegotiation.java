package io.hivemind.relay.server;

import io.hivemind.relay.signaling.sdp.AudioAnswerBuilder;
import io.hivemind.relay.signaling.sdp.AudioNegotiation;
import io.hivemind.relay.signaling.sdp.AudioOfferBuilder;
import io.hivemind.relay.signaling.sdp.AudioPreferences;
import io.hivemind.relay.signaling.sdp.LocalTransport;
import io.hivemind.relay.signaling.sdp.NegotiatedAudio;
import io.hivemind.relay.signaling.sdp.NegotiatedTransport;
import io.hivemind.relay.signaling.sdp.OfferedAudio;
import io.hivemind.relay.signaling.sdp.OutgoingTrack;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException;
import io.hivemind.relay.signaling.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The offer/answer state of one client PeerConnection (RFC 8829 §3.2): the client offers once, to publish (or to
 * listen only); from then on the server drives every renegotiation, re-offering whenever the set of consumers the
 * client receives changes, one offer at a time. Keeping one offerer after the first exchange rules out glare.
 *
 * <p>Not thread-safe: a {@link MediaSession} calls it on its room's loop only.
 */
final class PeerNegotiation {

    private final AudioAnswerBuilder answers;
    private final AudioOfferBuilder offers;
    private final long sessionId;
    private final SubscriptionSections subscriptions = new SubscriptionSections();
    private long version;
    private AudioNegotiation current;
    /** The client's own sections as we re-offer them: recvonly where it sends, inactive where it does not. */
    private List<OfferedAudio> clientSections = List.of();
    private SessionDescription pendingOffer;
    private List<OfferedAudio> pendingSections = List.of();
    private boolean changed;
    /** Our answer reached the client: offers may follow it (never precede it). */
    private boolean answerSent;

    PeerNegotiation(LocalTransport local, long sessionId) {
        this.answers = new AudioAnswerBuilder(local, AudioPreferences.defaults());
        this.offers = new AudioOfferBuilder(local, AudioPreferences.defaults());
        this.sessionId = sessionId;
    }

    /**
     * Answers the client's first offer.
     *
     * @throws IllegalStateException when the client already offered
     */
    AudioNegotiation answer(SessionDescription clientOffer) throws SdpNegotiationException {
        if (current != null) {
            throw new IllegalStateException("the client offers once; the server offers every renegotiation");
        }
        AudioNegotiation answered = answers.answer(clientOffer, Map.of(), sessionId, ++version);
        List<OfferedAudio> own = new ArrayList<>();
        for (NegotiatedAudio audio : answered.audio()) {
            own.add(audio.localDirection().receives() ? OfferedAudio.receiving(audio.mid())
                    : new OfferedAudio(audio.mid(), null));
        }
        clientSections = List.copyOf(own);
        current = answered;
        return answered;
    }

    /** The answer went to the client; from now on {@link #nextOffer} may offer. */
    void answerSent() {
        answerSent = true;
    }

    /** A consumer now feeds this transport: it needs a section. */
    void subscribe(int consumerSsrc, OutgoingTrack track) {
        subscriptions.add(consumerSsrc, track);
        changed = true;
    }

    /** A consumer stopped: its section goes inactive. */
    void unsubscribe(int consumerSsrc) {
        changed |= subscriptions.remove(consumerSsrc);
    }

    /**
     * The offer to send now, or null: nothing changed, our answer to the client's offer is not out yet, or an
     * offer is still out (the next one follows its answer).
     */
    SessionDescription nextOffer() {
        if (!changed || !answerSent || pendingOffer != null) {
            return null;
        }
        List<OfferedAudio> sections = new ArrayList<>(clientSections);
        sections.addAll(subscriptions.offered());
        pendingOffer = offers.reoffer(current, sections, sessionId, ++version);
        pendingSections = sections;
        changed = false;
        return pendingOffer;
    }

    /**
     * Applies the client's answer to our offer. On failure the offer is withdrawn and the transport keeps what it
     * had agreed; the sections it lacks are offered again with the next change.
     *
     * @throws IllegalStateException when no offer is out
     */
    AudioNegotiation applyAnswer(SessionDescription answer) throws SdpNegotiationException {
        if (pendingOffer == null) {
            throw new IllegalStateException("no offer is waiting for an answer");
        }
        SessionDescription offer = pendingOffer;
        pendingOffer = null;
        AudioNegotiation applied;
        try {
            applied = offers.applyAnswer(offer, answer);
            requireSameTransport(applied.transport());
        } catch (SdpNegotiationException e) {
            changed = true;
            throw e;
        }
        subscriptions.agreed(pendingSections);
        current = applied;
        return applied;
    }

    private void requireSameTransport(NegotiatedTransport next) throws SdpNegotiationException {
        NegotiatedTransport agreed = current.transport();
        if (!next.remoteUfrag().equals(agreed.remoteUfrag()) || !next.remotePwd().equals(agreed.remotePwd())
                || !next.remoteFingerprint().equals(agreed.remoteFingerprint())
                || next.dtlsRole() != agreed.dtlsRole()) {
            throw new SdpNegotiationException(SdpNegotiationException.Reason.TRANSPORT_CHANGED,
                    "the answer restarts ICE or changes the DTLS fingerprint or role");
        }
    }

    /** Sections carrying a consumer. */
    int subscribedSections() {
        return subscriptions.active();
    }
}
