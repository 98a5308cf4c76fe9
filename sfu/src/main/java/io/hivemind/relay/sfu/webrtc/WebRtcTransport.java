package io.hivemind.relay.sfu.webrtc;

import io.hivemind.relay.media.srtp.SrtpContext;
import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.srtp.SrtpProfile;
import io.hivemind.relay.media.srtp.SrtpStatus;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.sfu.dtls.DtlsEndpoint;
import io.hivemind.relay.sfu.dtls.DtlsFingerprint;
import io.hivemind.relay.sfu.dtls.DtlsState;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.ice.IceListener;
import io.hivemind.relay.sfu.ice.IceLiteServer;
import io.hivemind.relay.sfu.ice.IceTupleRouting;
import io.hivemind.relay.sfu.room.JoinOptions;
import io.hivemind.relay.sfu.room.Participant;
import io.hivemind.relay.sfu.room.ParticipantTransport;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.transport.DatagramWriter;
import io.hivemind.relay.sfu.transport.EndpointRegistry;
import io.hivemind.relay.sfu.transport.HostCandidate;
import io.hivemind.relay.sfu.transport.TransportEndpoint;
import io.hivemind.relay.sfu.transport.UdpMediaSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ICE-lite + DTLS-SRTP transport, i.e. one client PeerConnection (a participant may own several, as LiveKit's
 * publisher and subscriber PeerConnections). Socket side it is a {@link TransportEndpoint}: STUN is answered by an
 * {@link IceLiteServer}; the first authenticated tuple starts a {@link DtlsEndpoint} in the role the SDP negotiated;
 * its keys install an inbound (unprotect) and an outbound (protect) {@link SrtpContext}; SRTP and SRTCP are
 * unprotected in place and handed to the room. Room side it is a {@link ParticipantTransport}: the room's RTP and
 * RTCP are protected in place and written to the selected tuple; {@link #tick} reports consent loss (RFC 7675) and
 * DTLS failure so the room removes the participant, which closes the transport.
 *
 * <p><b>Threading</b>: everything runs on the media socket's event loop, which must also be the loop of the room the
 * transport joins, so a datagram goes from the socket through SRTP into the room and out again with no hand-off.
 * The caller guarantees it by picking the socket whose {@link UdpMediaSocket#loop()} is the room's
 * {@link Room#eventLoop()} (or by creating the room on the socket's loop); {@link #join} refuses any other room.
 * Only the DTLS endpoint runs elsewhere (the handshake executor): its datagrams are copied and its results come back
 * with {@code loop.execute}.
 *
 * <p>Buffers: the {@code on*} methods take ownership (as {@link TransportEndpoint} says) and either pass the packet
 * to the room or release it; {@link #sendRtp}/{@link #sendRtcp} take ownership and release on every failure. Logs
 * carry the caller's prefix and never keys or ICE passwords.
 */
public final class WebRtcTransport implements TransportEndpoint, ParticipantTransport {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);
    /** RFC 3711 §3.4: the E flag and 31-bit SRTCP index appended before the tag. */
    private static final int SRTCP_INDEX_LENGTH = 4;
    /** The most any profile appends: an SRTCP index plus the longest tag (16 bytes for AES-GCM, RFC 7714 §9). */
    public static final int MAX_SRTP_OVERHEAD = maxOverhead();

    private final EventLoop loop;
    private final EndpointRegistry registry;
    private final DatagramWriter writer;
    private final List<HostCandidate> candidates;
    private final IceLiteServer ice;
    private final DtlsEndpoint dtls;
    private final RemotePeer remote;
    private final WebRtcTransportConfig config;
    private final String logPrefix;
    private final WebRtcCounters counters;
    private WebRtcTransportState state = WebRtcTransportState.NEW;
    private SrtpContext inbound;
    private SrtpContext outbound;
    private Participant participant;

    /**
     * Creates the transport and registers its ufrag on the socket. Call on {@code socket.loop()}; from elsewhere use
     * {@link #open}.
     *
     * @param local     our ICE credentials, announced in our SDP
     * @param remote    what the negotiation learned about the peer
     * @param logPrefix e.g. {@code "room=ab12 p=alice"}
     */
    public WebRtcTransport(UdpMediaSocket socket, IceCredentials local, RemotePeer remote,
            WebRtcTransportConfig config, String logPrefix) {
        this.loop = socket.loop();
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("create a WebRTC transport on its socket's event loop");
        }
        this.registry = socket.registry();
        this.writer = socket.writer();
        this.candidates = socket.candidates();
        this.remote = Objects.requireNonNull(remote);
        this.config = Objects.requireNonNull(config);
        this.logPrefix = Objects.requireNonNull(logPrefix);
        this.counters = new WebRtcCounters(config.stats().loopTotals(loop));
        this.ice = new IceLiteServer(local, config.clock(), config.consentTimeout(),
                new IceTupleRouting(registry, this, new IceEvents()), logPrefix);
        ice.remoteCredentials(remote.ice());
        this.dtls = new DtlsEndpoint(logPrefix, remote.dtlsRole(), config.certificate(), remote.fingerprint(),
                new SelectedTupleSender(loop, writer, ice, counters), config.dtlsExecutor(), config.dtlsCounters(),
                config.dtls());
        registry.register(local.ufrag(), this);
        dtls.handshakeFuture().whenComplete((keys, error) -> onLoop(() -> handshakeDone(keys, error)));
        dtls.closeFuture().whenComplete((ended, error) -> onLoop(this::dtlsEnded));
        LOG.info("{} WebRTC transport created, ufrag {}, DTLS {}", logPrefix, local.ufrag(), remote.dtlsRole());
    }

    /** Creates a transport on {@code socket}'s loop from any thread; see the constructor. */
    public static CompletableFuture<WebRtcTransport> open(UdpMediaSocket socket, IceCredentials local,
            RemotePeer remote, WebRtcTransportConfig config, String logPrefix) {
        CompletableFuture<WebRtcTransport> created = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                created.complete(new WebRtcTransport(socket, local, remote, config, logPrefix));
            } catch (RuntimeException e) {
                created.completeExceptionally(e);
            }
        };
        if (socket.loop().inEventLoop()) {
            task.run();
        } else {
            socket.loop().execute(task);
        }
        return created;
    }

    /**
     * Joins {@code room} as a participant carried by this transport and attaches it, so received media reaches the
     * room as that participant. The room must live on this transport's loop.
     *
     * @throws IllegalArgumentException when the room is on another event loop
     */
    public CompletableFuture<Participant> join(Room room, JoinOptions options) {
        if (room.eventLoop() != loop) {
            throw new IllegalArgumentException(logPrefix + ": room " + room.name()
                    + " is on another event loop than this transport's media socket");
        }
        return room.join(options, this).thenApplyAsync(joined -> {
            participant = joined;
            return joined;
        }, loop);
    }

    // ---- socket side (TransportEndpoint), on the loop ----

    @Override
    public StunResult onStun(StunMessage message, InetSocketAddress sender, DatagramWriter out) {
        return ice.answer(message, sender, out).stunResult();
    }

    @Override
    public void onDtls(ByteBuf datagram, InetSocketAddress sender) {
        try {
            if (!dtls.offer(datagram)) {
                counters.drop(WebRtcDropReason.DTLS_DROPPED);
            }
        } finally {
            datagram.release();
        }
    }

    @Override
    public void onRtp(ByteBuf datagram, InetSocketAddress sender) {
        boolean handedOff = false;
        try {
            if (!ready()) {
                counters.drop(WebRtcDropReason.INBOUND_NOT_READY);
                return;
            }
            SrtpStatus status = inbound.unprotectRtp(datagram);
            if (status != SrtpStatus.OK) {
                counters.drop(WebRtcDropReason.inbound(status));
                return;
            }
            counters.rtpIn++;
            handedOff = true;
            participant.room().onRtp(participant, datagram);
        } finally {
            if (!handedOff) {
                datagram.release();
            }
        }
    }

    @Override
    public void onRtcp(ByteBuf datagram, InetSocketAddress sender) {
        boolean handedOff = false;
        try {
            if (!ready()) {
                counters.drop(WebRtcDropReason.INBOUND_NOT_READY);
                return;
            }
            SrtpStatus status = inbound.unprotectRtcp(datagram);
            if (status != SrtpStatus.OK) {
                counters.drop(WebRtcDropReason.inbound(status));
                return;
            }
            counters.rtcpIn++;
            handedOff = true;
            participant.room().onRtcp(participant, datagram);
        } finally {
            if (!handedOff) {
                datagram.release();
            }
        }
    }

    private boolean ready() {
        return state == WebRtcTransportState.CONNECTED && participant != null;
    }

    // ---- room side (ParticipantTransport), on the loop ----

    @Override
    public ByteBufAllocator alloc() {
        return writer.alloc();
    }

    /** {@link #MAX_SRTP_OVERHEAD}: constant, since the room may build packets before DTLS chose a profile. */
    @Override
    public int tailroom() {
        return MAX_SRTP_OVERHEAD;
    }

    @Override
    public void sendRtp(ByteBuf packet) {
        if (send(packet, false)) {
            counters.rtpOut++;
        }
    }

    @Override
    public void sendRtcp(ByteBuf packet) {
        if (send(packet, true)) {
            counters.rtcpOut++;
        }
    }

    /** Protects in place and writes to the selected tuple. Takes ownership; true when written. */
    private boolean send(ByteBuf packet, boolean rtcp) {
        InetSocketAddress to = ice.selectedTuple();
        if (state != WebRtcTransportState.CONNECTED || to == null) {
            counters.drop(WebRtcDropReason.OUTBOUND_NOT_READY);
            packet.release();
            return false;
        }
        SrtpStatus status;
        try {
            status = rtcp ? outbound.protectRtcp(packet) : outbound.protectRtp(packet);
        } catch (RuntimeException e) {
            packet.release();
            throw e;
        }
        if (status != SrtpStatus.OK) {
            counters.drop(WebRtcDropReason.OUTBOUND_PROTECT_FAILED);
            packet.release();
            return false;
        }
        writer.write(packet, to);
        return true;
    }

    /** The consent check (RFC 7675 §5.1); false once consent expired or DTLS failed or ended. */
    @Override
    public boolean tick(long nowNanos) {
        if (state == WebRtcTransportState.FAILED || state == WebRtcTransportState.CLOSED) {
            return false;
        }
        return ice.checkConsent(nowNanos);
    }

    /**
     * Closes DTLS (close_notify when connected), ICE (every tuple unbound), unregisters the ufrag and drops the SRTP
     * contexts. Idempotent; hops to the loop when called from elsewhere.
     */
    @Override
    public void close() {
        if (!loop.inEventLoop()) {
            onLoop(this::close);
            return;
        }
        if (state == WebRtcTransportState.CLOSED) {
            return;
        }
        WebRtcTransportState previous = state;
        state = WebRtcTransportState.CLOSED;
        dtls.close();
        ice.close();
        registry.unregister(ice.localCredentials().ufrag(), this);
        inbound = null;
        outbound = null;
        LOG.info("{} WebRTC transport closed (was {})", logPrefix, previous);
    }

    // ---- DTLS results, hopping back from its thread ----

    private void handshakeDone(SrtpKeyingMaterial keys, Throwable error) {
        if (state == WebRtcTransportState.CLOSED) {
            return;
        }
        if (error != null) {
            state = WebRtcTransportState.FAILED;
            LOG.info("{} WebRTC transport failed: DTLS {}", logPrefix, dtls.failureReason());
            return;
        }
        inbound = keys.inbound(config.maxSrtpStreams());
        outbound = keys.outbound(config.maxSrtpStreams());
        state = WebRtcTransportState.CONNECTED;
        LOG.info("{} WebRTC transport connected, {} to {}", logPrefix, keys.profile(), ice.selectedTuple());
    }

    /**
     * The DTLS association ended. A close_notify from the peer (only it holds the keys to send one) ends the
     * transport. A failure after the handshake does not: anyone who can spoof the peer's address can make Bouncy
     * Castle fail with one undecryptable record, while the SRTP keys are already negotiated and ICE consent still
     * removes a peer that is really gone.
     */
    private void dtlsEnded() {
        if (state != WebRtcTransportState.CONNECTED) {
            return;
        }
        if (dtls.state() == DtlsState.FAILED) {
            counters.drop(WebRtcDropReason.DTLS_FAILED_AFTER_HANDSHAKE);
            LOG.warn("{} DTLS association failed after the handshake ({}); media continues on its SRTP keys",
                    logPrefix, dtls.failureReason());
            return;
        }
        state = WebRtcTransportState.FAILED;
        LOG.info("{} WebRTC transport ended: the peer closed DTLS", logPrefix);
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} event loop shut down, task dropped", logPrefix);
        }
    }

    /** ICE events (on the loop), after {@link IceTupleRouting} updated the socket's routing table. */
    private final class IceEvents implements IceListener {

        @Override
        public void onTupleValidated(InetSocketAddress address) {
        }

        @Override
        public void onTupleRemoved(InetSocketAddress address) {
        }

        @Override
        public void onSelectedTuple(InetSocketAddress address, boolean nominated) {
            if (state == WebRtcTransportState.NEW) {
                state = WebRtcTransportState.CONNECTING;
                dtls.start();
            }
        }

        @Override
        public void onConsentExpired() {
            counters.consentExpired();
            if (state != WebRtcTransportState.CLOSED) {
                state = WebRtcTransportState.FAILED;
            }
        }
    }

    // ---- accessors, on the loop ----

    public WebRtcTransportState state() {
        return state;
    }

    public WebRtcCounters counters() {
        return counters;
    }

    public IceCredentials localCredentials() {
        return ice.localCredentials();
    }

    /** Our host candidates for the SDP: the socket's announced addresses and port. */
    public List<HostCandidate> candidates() {
        return candidates;
    }

    /** Our certificate's fingerprint for the SDP {@code a=fingerprint}. */
    public DtlsFingerprint localFingerprint() {
        return config.certificate().fingerprint();
    }

    public RemotePeer remote() {
        return remote;
    }

    /** The participant this transport carries, once {@link #join} completed; null before. */
    public Participant participant() {
        return participant;
    }

    /** Where media goes, or null before ICE selected a tuple. */
    public InetSocketAddress selectedTuple() {
        return ice.selectedTuple();
    }

    private static int maxOverhead() {
        int max = 0;
        for (SrtpProfile profile : SrtpProfile.values()) {
            max = Math.max(max, Math.max(profile.rtpTagLength(), SRTCP_INDEX_LENGTH + profile.rtcpTagLength()));
        }
        return max;
    }

    @Override
    public String toString() {
        return "WebRtcTransport[" + logPrefix + ", ufrag=" + ice.localCredentials().ufrag() + ", " + state + "]";
    }
}
