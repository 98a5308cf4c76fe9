package io.hivemind.relay.server;

import io.hivemind.relay.sfu.dtls.DtlsFingerprint;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.sfu.room.RoomException;
import io.hivemind.relay.sfu.room.RoomListener;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.sfu.room.TrackOptions;
import io.hivemind.relay.sfu.transport.UdpMediaSocket;
import io.hivemind.relay.sfu.webrtc.RemotePeer;
import io.hivemind.relay.sfu.webrtc.WebRtcTransport;
import io.hivemind.relay.sfu.webrtc.WebRtcTransportConfig;
import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.sdp.AudioNegotiation;
import io.hivemind.relay.signaling.sdp.LocalTransport;
import io.hivemind.relay.signaling.sdp.NegotiatedAudio;
import io.hivemind.relay.signaling.sdp.NegotiatedTransport;
import io.hivemind.relay.signaling.sdp.OutgoingTrack;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException;
import io.hivemind.relay.signaling.sdp.SdpParseException;
import io.hivemind.relay.signaling.sdp.SdpParser;
import io.hivemind.relay.signaling.sdp.SdpWriter;
import io.hivemind.relay.signaling.sdp.SessionDescription;
import io.hivemind.relay.signaling.ws.ClientMessage;
import io.hivemind.relay.signaling.ws.Negotiation;
import io.hivemind.relay.signaling.ws.ServerMessage;
import io.hivemind.relay.signaling.ws.SignalingPeer;
import io.hivemind.relay.signaling.ws.SignalingSession;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebRTC session in a room over a single PeerConnection. The client offers first (its microphone,
 * or a receive-only section when it has none); the answer makes us an ICE-lite, DTLS-passive peer (RFC 8829 §5.3,
 * RFC 5763 §5), a {@link WebRtcTransport} carries the client into the room and its audio is published. Every
 * consumer the room then gives the client (one per other speaker) is announced by a server offer that adds a
 * {@code sendonly} section with the consumer's SSRC ({@link PeerNegotiation}); the client answers. Room events are
 * relayed as {@code participant_*}, {@code track_*}, {@code muted} and {@code active_speakers} messages.
 *
 * <p><b>Threading</b>: SDP is parsed on the connection's loop (malformed SDP is refused at once); everything that
 * touches the session's state runs on the room's loop.
 */
final class MediaSession implements SignalingSession, RoomListener {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);

    private final Room room;
    private final UdpMediaSocket socket;
    private final IceCredentials local;
    private final WebRtcTransportConfig config;
    private final AccessGrant grant;
    private final SignalingPeer peer;
    private final String logPrefix;
    private final PeerNegotiation negotiation;
    /** Participant sids by identity, for events that name identities; room loop only. */
    private final Map<String, String> sids = new HashMap<>();
    private WebRtcTransport transport;
    private boolean closed;

    private MediaSession(Room room, UdpMediaSocket socket, IceCredentials local, WebRtcTransportConfig config,
            AccessGrant grant, SignalingPeer peer) {
        this.room = room;
        this.socket = socket;
        this.local = local;
        this.config = config;
        this.grant = grant;
        this.peer = peer;
        this.logPrefix = "room=" + room.name() + " p=" + grant.identity();
        List<InetSocketAddress> hosts = socket.candidates().stream()
                .map(c -> new InetSocketAddress(c.address(), c.port())).toList();
        this.negotiation = new PeerNegotiation(LocalTransport.of(local.ufrag(), local.password(),
                config.certificate().fingerprint().hash(), hosts),
                ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
    }

    /** Registers for the room's events and sends {@code joined} with the participants already there. */
    static MediaSession start(Room room, UdpMediaSocket socket, IceCredentials local, WebRtcTransportConfig config,
            AccessGrant grant, SignalingPeer peer) {
        MediaSession session = new MediaSession(room, socket, local, config, grant, peer);
        room.run(session::announce);
        return session;
    }

    private void announce() {
        room.addListener(this);
        room.participants().thenCombine(room.tracks(), (participants, tracks) -> {
            List<ServerMessage.Participant> others = new ArrayList<>();
            for (ParticipantInfo info : participants) {
                sids.put(info.identity(), info.id());
                if (!info.hidden()) {
                    others.add(RoomMessages.participant(info, tracks));
                }
            }
            // The room assigns our sid when the transport joins it, after the offer: local_participant says it.
            peer.send(new ServerMessage.Joined(room.name(),
                    new ServerMessage.Participant("", grant.identity(), displayName(), List.of()), others));
            return null;
        });
    }

    private String displayName() {
        return grant.name() == null ? grant.identity() : grant.name();
    }

    @Override
    public void onMessage(ClientMessage message) {
        if (message instanceof Negotiation.Offer offer) {
            SessionDescription sdp = parse(offer.sdp());
            room.run(() -> onOffer(sdp));
        } else if (message instanceof Negotiation.Answer answer) {
            SessionDescription sdp = parse(answer.sdp());
            room.run(() -> onAnswer(sdp));
        } else if (message instanceof ClientMessage.Mute mute) {
            room.run(() -> onMute(mute));
        } else if (message instanceof Negotiation.Trickle trickle) {
            // ICE-lite: the client's checks reveal its addresses (peer-reflexive), so its candidates are not needed.
            LOG.debug("{} ignores a trickled candidate for mid {}", logPrefix, trickle.sdpMid());
        }
        // On leave the endpoint sends left and closes the socket; onClose then leaves the room.
    }

    private static SessionDescription parse(String sdp) {
        try {
            return SdpParser.parse(sdp);
        } catch (SdpParseException e) {
            throw new SignalingException(ErrorCode.SDP_MALFORMED, e.getMessage());
        }
    }

    /** Room loop: answers the first offer, opens the transport, joins, publishes, then sends the answer. */
    private void onOffer(SessionDescription offer) {
        if (closed) {
            return;
        }
        AudioNegotiation answer;
        try {
            answer = negotiation.answer(offer);
        } catch (IllegalStateException e) {
            sendError(ErrorCode.NEGOTIATION_OUT_OF_ORDER, e.getMessage());
            return;
        } catch (SdpNegotiationException e) {
            sendError(ErrorCode.SDP_UNSUPPORTED, e.reason().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + e.getMessage());
            return;
        }
        NegotiatedAudio audio = answer.audio().get(0);
        boolean publishes = audio.localDirection().receives() && grant.video().canPublish() && !grant.video().hidden();
        if (publishes && audio.remoteSsrcs().isEmpty()) {
            sendError(ErrorCode.SDP_UNSUPPORTED, "the offer sends audio in mid " + audio.mid() + " without a=ssrc");
            return;
        }
        NegotiatedTransport remote = answer.transport();
        try {
            transport = new WebRtcTransport(socket, local, new RemotePeer(
                    new IceCredentials(remote.remoteUfrag().ufrag(), remote.remotePwd().password()),
                    DtlsFingerprint.parse(remote.remoteFingerprint().value()), remote.dtlsRole()), config, logPrefix);
        } catch (RuntimeException e) {
            LOG.warn("{} cannot open the WebRTC transport: {}", logPrefix, e.getMessage());
            sendError(ErrorCode.SDP_UNSUPPORTED, "cannot open the transport: " + e.getMessage());
            return;
        }
        JoinOptions options = new JoinOptions(grant.identity(), grant.name(), "", false, grant.video().hidden(),
                grant.video().canSubscribe(), audio.payloadType(), audio.audioLevelId());
        CompletableFuture<TrackInfo> joined = transport.join(room, options).thenCompose(participant -> publishes
                ? room.publish(grant.identity(), new TrackOptions(audio.mid(), audio.remoteSsrcs().get(0).intValue(),
                        audio.payloadType(), audio.audioLevelId(), true))
                : CompletableFuture.completedFuture(null));
        String answerText = SdpWriter.write(answer.localDescription());
        joined.whenCompleteAsync((track, error) -> joined(answerText, track, error), room.eventLoop());
    }

    private void joined(String answer, TrackInfo track, Throwable error) {
        if (error != null) {
            SignalingException refused = refusal(error);
            LOG.info("{} join refused: {}", logPrefix, refused.code().wireName());
            closed = true;
            room.removeListener(this);
            // Joined but not published: leaving closes the transport; never joined: the leave fails, close it here.
            room.leave(grant.identity(), "join failed").whenComplete((done, failure) -> transport.close());
            peer.send(new ServerMessage.Error(refused.code().wireName(), refused.getMessage()));
            peer.leave("join failed");
            return;
        }
        peer.send(new Negotiation.Answer(answer));
        negotiation.answerSent();
        String sid = sids.getOrDefault(grant.identity(), "");
        List<ServerMessage.Track> tracks = track == null ? List.of() : List.of(RoomMessages.track(track));
        peer.send(new ServerMessage.LocalParticipant(
                new ServerMessage.Participant(sid, grant.identity(), displayName(), tracks)));
        offerIfNeeded();
    }

    private static SignalingException refusal(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RoomException room) {
            return RoomServiceAdmin.signaling(room);
        }
        return new SignalingException(ErrorCode.INTERNAL, "cannot join the room");
    }

    /** Room loop: the client's answer to our latest offer. */
    private void onAnswer(SessionDescription answer) {
        if (closed) {
            return;
        }
        try {
            negotiation.applyAnswer(answer);
        } catch (IllegalStateException e) {
            sendError(ErrorCode.NEGOTIATION_OUT_OF_ORDER, e.getMessage());
            return;
        } catch (SdpNegotiationException e) {
            sendError(ErrorCode.SDP_UNSUPPORTED, e.reason().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + e.getMessage());
            return;
        }
        offerIfNeeded();
    }

    private void offerIfNeeded() {
        SessionDescription offer = negotiation.nextOffer();
        if (offer != null) {
            peer.send(new Negotiation.Offer(SdpWriter.write(offer)));
        }
    }

    /** Room loop: the client mutes or unmutes one of its own tracks. */
    private void onMute(ClientMessage.Mute mute) {
        if (closed || transport == null) {
            sendError(ErrorCode.TRACK_NOT_FOUND, "publish a track before muting it");
            return;
        }
        room.setMuted(grant.identity(), mute.trackSid(), mute.muted(), false).whenComplete((track, error) -> {
            if (error != null) {
                SignalingException refused = refusal(error);
                peer.send(new ServerMessage.Error(refused.code().wireName(), refused.getMessage()));
            }
        });
    }

    private void sendError(ErrorCode code, String message) {
        peer.send(new ServerMessage.Error(code.wireName(), message));
    }

    @Override
    public void onClose() {
        room.run(() -> {
            if (closed) {
                return;
            }
            closed = true;
            room.removeListener(this);
            if (transport != null) {
                // Leaving closes the transport; a transport that never joined is closed here.
                room.leave(grant.identity(), "left").whenComplete((done, error) -> transport.close());
            }
        });
    }

    /** Room loop: subscriptions renegotiate; our own departure ends the session; the rest is relayed. */
    @Override
    public void onEvent(RoomEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof RoomEvent.TrackSubscribed subscribed
                && subscribed.subscriberIdentity().equals(grant.identity())) {
            TrackInfo track = subscribed.track();
            String publisher = sids.getOrDefault(track.participantIdentity(), track.participantIdentity());
            negotiation.subscribe(subscribed.consumerSsrc(), new OutgoingTrack(
                    Integer.toUnsignedLong(subscribed.consumerSsrc()), publisher, publisher, track.producerId()));
            offerIfNeeded();
        } else if (event instanceof RoomEvent.TrackUnsubscribed unsubscribed
                && unsubscribed.subscriberIdentity().equals(grant.identity())) {
            negotiation.unsubscribe(unsubscribed.consumerSsrc());
            offerIfNeeded();
        } else if (event instanceof RoomEvent.ParticipantLeft left
                && left.participant().identity().equals(grant.identity())) {
            closed = true;
            room.removeListener(this);
            peer.leave(left.reason());
            return;
        }
        ServerMessage message = RoomMessages.of(event, grant.identity(), sids);
        if (message != null) {
            peer.send(message);
        }
    }
}
