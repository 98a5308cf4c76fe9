package io.hivemind.relay.bench.load;

import io.hivemind.relay.media.rtp.RtpPacket;
import io.hivemind.relay.media.srtp.SrtpContext;
import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.srtp.SrtpStatus;
import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.dtls.DtlsCounters;
import io.hivemind.relay.sfu.dtls.DtlsEndpoint;
import io.hivemind.relay.sfu.dtls.DtlsFingerprint;
import io.hivemind.relay.sfu.dtls.DtlsSettings;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.transport.PacketKind;
import io.hivemind.relay.signaling.sdp.Candidate;
import io.hivemind.relay.signaling.sdp.NegotiatedTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One load client: a UDP socket on 127.0.0.1 with ICE ({@link PeerIce}), DTLS ({@link DtlsEndpoint} in the role
 * the SDP gave us) and SRTP, that publishes a looped Opus stream at 50 packets/s with each packet's send time in it
 * ({@link StampedOpus}) and measures every stream it receives ({@link ReceiveStats}).
 *
 * <p><b>Threading</b>: everything but the DTLS handshake runs on the channel's event loop; the keys come back to it
 * with {@code execute}. Received datagrams are decrypted in place in the buffer Netty read them into.
 */
final class LoadPeer extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final long CHECK_RETRY_MILLIS = 50;
    /** Consent refresh well inside RFC 7675's 30 s. */
    private static final long CONSENT_MILLIS = 2_500;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int SRTP_TAILROOM = 16;
    /** Streams one client may receive: every talker of the largest room a scenario builds. */
    private static final int MAX_RECEIVED_STREAMS = 1024;
    private static final int RTP_HEADER = RtpPacket.FIXED_HEADER_LENGTH;

    private final String name;
    private final IceCredentials localIce;
    private final DtlsCertificate certificate;
    private final Executor dtlsThreads;
    private final DtlsCounters dtlsCounters;
    private final PeerIce ice;
    private final RtpPacket rtp = new RtpPacket();
    private final ReceiveStats stats = new ReceiveStats();
    private final PeerCounters counters;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private Channel channel;
    /** Read by the DTLS thread when it sends. */
    private volatile InetSocketAddress remote;
    private boolean controlling;
    private DtlsEndpoint dtls;
    private SrtpContext inbound;
    private SrtpContext outbound;
    private ScheduledFuture<?> checks;
    /** Whether {@link #checks} is the slow consent refresh rather than the fast retry until selection. */
    private boolean consentChecks;
    private ScheduledFuture<?> sender;

    LoadPeer(String name, IceCredentials localIce, DtlsCertificate certificate, Executor dtlsThreads,
            DtlsCounters dtlsCounters, PeerCounters counters) {
        this.name = name;
        this.localIce = localIce;
        this.certificate = certificate;
        this.dtlsThreads = dtlsThreads;
        this.dtlsCounters = dtlsCounters;
        this.ice = new PeerIce(localIce);
        this.counters = counters;
    }

    String name() {
        return name;
    }

    IceCredentials localIce() {
        return localIce;
    }

    DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    void bound(Channel channel) {
        this.channel = channel;
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Completes once SRTP keys are in place on the loop. */
    CompletableFuture<Void> connected() {
        return connected;
    }

    /**
     * Starts ICE and DTLS toward the negotiated remote; a no-op when already connecting (a renegotiation that kept
     * the transport).
     *
     * <p>We start as the controlling agent and send nominating checks (our relay is ICE-lite; Janus answering our
     * offer stays controlled); a peer that controls answers 487 and we only answer its checks from then on.
     */
    void connect(NegotiatedTransport transport) {
        channel.eventLoop().execute(() -> {
            if (dtls != null) {
                return;
            }
            controlling = true;
            for (Candidate candidate : transport.remoteCandidates()) {
                if (candidate.isUdp() && remote == null) {
                    remote = new InetSocketAddress(candidate.address(), candidate.port());
                }
            }
            ice.remote(new IceCredentials(transport.remoteUfrag().ufrag(), transport.remotePwd().password()));
            dtls = new DtlsEndpoint("[" + name + "]", transport.dtlsRole(), certificate,
                    DtlsFingerprint.parse(transport.remoteFingerprint().value()), this::sendDtls, dtlsThreads,
                    dtlsCounters, DtlsSettings.defaults());
            dtls.handshakeFuture().whenComplete((keys, error) -> channel.eventLoop().execute(() -> keyed(keys, error)));
            if (transport.dtlsRole() == SrtpKeyingMaterial.Role.SERVER) {
                dtls.start();
            }
            if (remote == null) {
                connected.completeExceptionally(new IllegalStateException(name + ": no UDP candidate"));
                return;
            }
            checks = channel.eventLoop().scheduleWithFixedDelay(this::check, 0, CHECK_RETRY_MILLIS,
                    TimeUnit.MILLISECONDS);
        });
    }

    private void keyed(SrtpKeyingMaterial keys, Throwable error) {
        if (error != null) {
            connected.completeExceptionally(error);
            return;
        }
        inbound = keys.inbound(MAX_RECEIVED_STREAMS);
        outbound = keys.outbound(SrtpContext.DEFAULT_MAX_STREAMS);
        connected.complete(null);
    }

    private void sendDtls(byte[] datagram, int offset, int length) {
        InetSocketAddress to = remote;
        if (to != null) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(datagram, offset, length), to));
        }
    }

    private void stopChecks() {
        controlling = false;
        if (checks != null) {
            checks.cancel(false);
            checks = null;
        }
    }

    private void check() {
        channel.writeAndFlush(new DatagramPacket(ice.check(channel.alloc()), remote));
        if (ice.selected() && checks != null && !consentChecks) {
            consentChecks = true;
            // Selected: from now on only consent refreshes.
            checks.cancel(false);
            checks = channel.eventLoop().scheduleWithFixedDelay(this::check, CONSENT_MILLIS, CONSENT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Publishes {@code loop} as SSRC {@code ssrc} at 50 packets/s, the first after {@code initialDelayNanos} (spread
     * publishers over the 20 ms period). Packets before the keys are ready are not sent.
     */
    void publish(OpusLoop loop, int ssrc, int payloadType, long initialDelayNanos) {
        channel.eventLoop().execute(() -> {
            int maxLength = RTP_HEADER + StampedOpus.OVERHEAD + loop.maxFrameLength() + SRTP_TAILROOM;
            long[] frame = {0};
            sender = channel.eventLoop().scheduleAtFixedRate(() -> {
                long index = frame[0]++;
                if (outbound != null) {
                    sendFrame(loop.frame(index), ssrc, payloadType, index, maxLength);
                }
            }, initialDelayNanos, FRAME_NANOS, TimeUnit.NANOSECONDS);
        });
    }

    private void sendFrame(byte[] opus, int ssrc, int payloadType, long index, int maxLength) {
        ByteBuf packet = channel.alloc().directBuffer(maxLength);
        packet.writeByte(0x80).writeByte(payloadType).writeShort((int) index)
                .writeInt((int) (index * OpusLoop.FRAME_SAMPLES)).writeInt(ssrc);
        int timeIndex = StampedOpus.write(opus, packet);
        StampedOpus.stamp(packet, timeIndex, System.nanoTime());
        if (outbound.protectRtp(packet) != SrtpStatus.OK) {
            packet.release();
            counters.sendFailed();
            return;
        }
        channel.writeAndFlush(new DatagramPacket(packet, remote), channel.voidPromise());
        counters.sent();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        long now = System.nanoTime();
        ByteBuf datagram = packet.content();
        PacketKind kind = PacketKind.classify(datagram);
        if (kind == PacketKind.RTP) {
            onRtp(datagram, now);
        } else if (kind == PacketKind.STUN) {
            onStun(datagram, packet.sender());
        } else if (kind == PacketKind.DTLS && dtls != null) {
            dtls.offer(datagram);
        }
    }

    private void onRtp(ByteBuf datagram, long now) {
        if (inbound == null || inbound.unprotectRtp(datagram) != SrtpStatus.OK || !rtp.wrap(datagram)) {
            counters.receiveFailed();
            return;
        }
        long sendNanos = StampedOpus.sendNanos(datagram, rtp.payloadOffset(), rtp.payloadLength());
        stats.onPacket(rtp.ssrc(), rtp.sequenceNumber(), rtp.timestamp(), sendNanos, now);
        counters.received();
    }

    private void onStun(ByteBuf datagram, InetSocketAddress source) {
        ByteBuf response = channel.alloc().buffer(128);
        PeerIce.Outcome outcome = ice.onStun(datagram, source, response);
        if (outcome == PeerIce.Outcome.DROPPED || outcome == PeerIce.Outcome.ROLE_CONFLICT) {
            response.release();
            if (outcome == PeerIce.Outcome.ROLE_CONFLICT) {
                stopChecks();
            }
            return;
        }
        if (remote == null || (outcome == PeerIce.Outcome.SELECTED && !controlling)) {
            remote = source;
        }
        if (response.isReadable()) {
            channel.writeAndFlush(new DatagramPacket(response, source), channel.voidPromise());
        } else {
            response.release();
        }
        if (outcome == PeerIce.Outcome.SELECTED && dtls != null) {
            // The client side of DTLS may speak only once the pair is selected (the relay drops DTLS from an
            // address ICE has not validated); start() is a no-op for a server that already started.
            dtls.start();
        }
    }

    /** Runs {@link ReceiveStats#startWindow()} on the loop. */
    Future<?> startWindow() {
        return channel.eventLoop().submit(stats::startWindow);
    }

    /** A copy of the window so far, taken on the loop. */
    Future<ReceiveStats.Snapshot> snapshot() {
        return channel.eventLoop().submit(stats::snapshot);
    }

    /** Stops sending and checks, closes DTLS and the socket. */
    Future<?> close() {
        return channel.eventLoop().submit(() -> {
            if (sender != null) {
                sender.cancel(false);
            }
            stopChecks();
            if (dtls != null) {
                dtls.close();
            }
            channel.close();
        });
    }
}
