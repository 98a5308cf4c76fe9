package io.hivemind.relay.server;

import io.hivemind.relay.sfu.dtls.DtlsFingerprint;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomEvent;
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
import io.hivemind.relay.signaling.sdp.AudioAnswerBuilder;
import io.hivemind.relay.signaling.sdp.AudioNegotiation;
import io.hivemind.relay.signaling.sdp.AudioPreferences;
import io.hivemind.relay.signaling.sdp.LocalTransport;
import io.hivemind.relay.signaling.sdp.NegotiatedAudio;
import io.hivemind.relay.signaling.sdp.NegotiatedTransport;
import io.hivemind.relay.signaling.sdp.SdpNegotiationException;
import io.hivemind.relay.signaling.sdp.SdpParseException;
import io.hivemind.relay.signaling.sdp.SdpParser;
import io.hivemind.relay.signaling.sdp.SdpWriter;
import io.hivemind.relay.signaling.ws.ClientMessage;
import io.hivemind.relay.signaling.ws.Negotiation;
import io.hivemind.relay.signaling.ws.ServerMessage;
import io.hivemind.relay.signaling.ws.SignalingPeer;
import io.hivemind.relay.signaling.ws.SignalingSession;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebRTC session in a room (publish path): the client's offer is answered as an ICE-lite, DTLS-passive
 * peer (RFC 8829 §5.3, RFC 5763 §5), a {@link WebRtcTransport} carries it into the room, and its audio is published.
 * Room events are relayed to the client as {@code participant_*}, {@code track_published} and
 * {@code active_speakers} messages.
 *
 * <p><b>Threading</b>: SDP is parsed on the connection's loop (errors answer at once); everything that touches the
 * session's state ({@link #transport}, {@link #closed}, {@link #sids}) runs on the room's loop.
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
    private final long sessionId = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    /** Participant sids by identity, for active speakers; room loop only. */
    private final Map<String, String> sids = new HashMap<>();
    private WebRtcTransport transport;
    private boolean offered;
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
            String name = grant.name() == null ? grant.identity() : grant.name();
            // The room assigns our sid when the transport joins it, after the offer; until then it is empty.
            peer.send(new ServerMessage.Joined(room.name(),
                    new ServerMessage.Participant("", grant.identity(), name, List.of()), others));
            return null;
        });
    }

    @Override
    public void onMessage(ClientMessage message) {
        if (message instanceof Negotiation.Offer offer) {
            onOffer(offer.sdp());
        } else if (!(message instanceof ClientMessage.Leave)) {
            // On leave the endpoint sends left and closes the socket; onClose then leaves the room.
            throw new SignalingException(ErrorCode.BAD_REQUEST, "unsupported message in this session: "
                    + message.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        }
    }

    private void onOffer(String sdp) {
        AudioNegotiation negotiation;
        try {
            LocalTransport ours = LocalTransport.of(local.ufrag(), local.password(),
                    config.certificate().fingerprint().hash(), hostAddresses());
            negotiation = new AudioAnswerBuilder(ours, AudioPreferences.defaults())
                    .answer(SdpParser.parse(sdp), Map.of(), sessionId, 1);
        } catch (SdpParseException e) {
            throw new SignalingException(ErrorCode.BAD_REQUEST, "sdp_malformed: " + e.getMessage());
        } catch (SdpNegotiationException e) {
            throw new SignalingException(ErrorCode.BAD_REQUEST,
                    "sdp_" + e.reason().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
        }
        NegotiatedAudio audio = negotiation.audio().get(0);
        if (audio.remoteSsrcs().isEmpty()) {
            throw new SignalingException(ErrorCode.BAD_REQUEST, "the offer announces no a=ssrc for mid "
                    + audio.mid());
        }
        String answer = SdpWriter.write(negotiation.localDescription());
        room.run(() -> connect(negotiation.transport(), audio, answer));
    }

    private List<InetSocketAddress> hostAddresses() {
        return socket.candidates().stream().map(c -> new InetSocketAddress(c.address(), c.port())).toList();
    }

    /** Room loop: opens the transport, joins, publishes, then answers. */
    private void connect(NegotiatedTransport remote, NegotiatedAudio audio, String answer) {
        if (closed) {
            return;
        }
        if (offered) {
            peer.send(new ServerMessage.Error(ErrorCode.BAD_REQUEST.wireName(),
                    "renegotiation is not supported in this session"));
            return;
        }
        offered = true;
        try {
            transport = new WebRtcTransport(socket, local, new RemotePeer(
                    new IceCredentials(remote.remoteUfrag().ufrag(), remote.remotePwd().password()),
                    DtlsFingerprint.parse(remote.remoteFingerprint().value()), remote.dtlsRole()), config, logPrefix);
        } catch (RuntimeException e) {
            LOG.warn("{} cannot open the WebRTC transport: {}", logPrefix, e.getMessage());
            peer.send(new ServerMessage.Error(ErrorCode.BAD_REQUEST.wireName(), "cannot open the transport: "
                    + e.getMessage()));
            return;
        }
        JoinOptions options = new JoinOptions(grant.identity(), grant.name(), "", false, false, true,
                audio.payloadType(), audio.audioLevelId());
        TrackOptions track = new TrackOptions(audio.mid(), audio.remoteSsrcs().get(0).intValue(),
                audio.payloadType(), audio.audioLevelId(), true);
        CompletableFuture<TrackInfo> published = transport.join(room, options)
                .thenCompose(participant -> room.publish(grant.identity(), track));
        published.whenComplete((info, error) -> {
            if (error != null) {
                LOG.warn("{} join/publish failed: {}", logPrefix, error.toString());
                peer.send(new ServerMessage.Error(ErrorCode.BAD_REQUEST.wireName(), "cannot join the room: "
                        + rootMessage(error)));
                peer.leave("join failed");
            } else {
                peer.send(new Negotiation.Answer(answer));
            }
        });
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
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

    /** Room loop: relays the events a client sees, except those about itself. */
    @Override
    public void onEvent(RoomEvent event) {
        if (closed) {
            return;
        }
        ServerMessage message = RoomMessages.of(event, grant.identity(), sids);
        if (message != null) {
            peer.send(message);
        }
    }
}
