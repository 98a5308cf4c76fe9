package io.hivemind.relay.sfu.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.srtp.SrtpContext;
import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.hivemind.relay.media.srtp.SrtpStatus;
import io.hivemind.relay.media.stun.StunClass;
import io.hivemind.relay.media.stun.StunDropReason;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.stun.StunMessageType;
import io.hivemind.relay.media.stun.StunMessageWriter;
import io.hivemind.relay.sfu.dtls.DtlsCertificate;
import io.hivemind.relay.sfu.dtls.DtlsCounters;
import io.hivemind.relay.sfu.dtls.DtlsEndpoint;
import io.hivemind.relay.sfu.dtls.DtlsFingerprint;
import io.hivemind.relay.sfu.dtls.DtlsSettings;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.transport.PacketKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebRTC client built from our own pieces, in the role a browser takes against the relay: a UDP socket on
 * 127.0.0.1, ICE as the controlling full agent (one Binding request with USE-CANDIDATE, PRIORITY and ICE-CONTROLLING,
 * MESSAGE-INTEGRITY with the server's password), DTLS as CLIENT (the relay answered {@code actpass} with
 * {@code passive}, as it does for Chromium) or as SERVER (the relay offered and we answered {@code passive}), then
 * SRTP contexts from the exported keys. A reader thread feeds DTLS records to the endpoint and
 * queues copies of everything else; the test thread owns the SRTP contexts.
 */
public final class WebRtcTestClient implements AutoCloseable {

    public static final long TIMEOUT_SECONDS = 15;
    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();
    private static final int MAX_DATAGRAM = 2048;

    public final IceCredentials ice = IceCredentials.random(new SecureRandom());
    final DatagramChannel channel;
    final BlockingQueue<byte[]> stun = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();
    private final ExecutorService threads;
    private final String name;
    private volatile DtlsEndpoint dtls;
    private InetSocketAddress server;
    private IceCredentials serverIce;
    private SrtpContext inbound;
    private SrtpContext outbound;

    /** @param threads runs this client's socket reader and its DTLS task */
    public WebRtcTestClient(String name, ExecutorService threads) throws IOException {
        this.name = name;
        this.threads = threads;
        this.channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        threads.execute(this::read);
    }

    public static DtlsFingerprint fingerprint() {
        return CERTIFICATE.fingerprint();
    }

    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** ICE check with nomination, then the DTLS handshake as CLIENT; returns once this side has SRTP keys. */
    public void connect(InetSocketAddress server, IceCredentials serverIce, DtlsFingerprint serverFingerprint)
            throws Exception {
        connect(server, serverIce, serverFingerprint, SrtpKeyingMaterial.Role.CLIENT);
    }

    /**
     * ICE check with nomination, then the DTLS handshake in {@code role} (SERVER when the relay offered
     * {@code actpass} and we answered {@code passive}); returns once this side has SRTP keys.
     */
    void connect(InetSocketAddress server, IceCredentials serverIce, DtlsFingerprint serverFingerprint,
            SrtpKeyingMaterial.Role role) throws Exception {
        this.server = server;
        this.serverIce = serverIce;
        // Ready before the check: as DTLS server, the relay's ClientHello follows its STUN answer at once; as
        // client, our ClientHello must wait for the check, or the relay drops it from a not yet validated address.
        dtls = new DtlsEndpoint("[" + name + "]", role, CERTIFICATE, serverFingerprint,
                (datagram, offset, length) -> send(Arrays.copyOfRange(datagram, offset, offset + length), server),
                threads, new DtlsCounters(), DtlsSettings.defaults());
        if (role == SrtpKeyingMaterial.Role.SERVER) {
            dtls.start();
        }
        check();
        dtls.start();
        SrtpKeyingMaterial keys = dtls.handshakeFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        inbound = keys.inbound(8);
        outbound = keys.outbound(8);
    }

    /** Only the ICE check: a peer that then never speaks DTLS. */
    void checkOnly(InetSocketAddress server, IceCredentials serverIce) throws InterruptedException {
        this.server = server;
        this.serverIce = serverIce;
        check();
    }

    /** One nominating Binding request, answered with an authenticated success (refreshes consent, RFC 7675). */
    void check() throws InterruptedException {
        send(bindingRequest(serverIce), server);
        byte[] answer = stun.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(answer).as("%s: STUN answer", name).isNotNull();
        ByteBuf response = Unpooled.wrappedBuffer(answer);
        try {
            StunMessage message = new StunMessage();
            assertThat(message.wrap(response)).isEqualTo(StunDropReason.NONE);
            assertThat(message.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(StunIntegrity.shortTerm(serverIce.password()).verify(message)).isTrue();
        } finally {
            response.release();
        }
    }

    /** Sends a datagram to the relay. */
    public void sendToServer(byte[] datagram) {
        send(datagram, server);
    }

    private byte[] bindingRequest(IceCredentials serverIce) {
        ByteBuf out = Unpooled.buffer();
        try {
            byte[] transaction = new byte[12];
            new SecureRandom().nextBytes(transaction);
            new StunMessageWriter().begin(out, StunMessageType.BINDING, StunClass.REQUEST, transaction)
                    .username(serverIce.ufrag() + ':' + ice.ufrag())
                    .priority(1_853_817_087L)
                    .iceControlling(0x1234_5678_9abcL)
                    .useCandidate()
                    .messageIntegrity(StunIntegrity.shortTerm(serverIce.password()))
                    .fingerprint()
                    .finish();
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** An Opus-like RTP packet (PT 111, 20 ms at 48 kHz), SRTP-protected with this client's outbound context. */
    public byte[] protectRtp(int ssrc, int seq, byte[] payload) {
        ByteBuf packet = Unpooled.buffer(12 + payload.length + 16);
        try {
            packet.writeByte(0x80).writeByte(111).writeShort(seq).writeInt(seq * 960).writeInt(ssrc)
                    .writeBytes(payload);
            assertThat(outbound.protectRtp(packet)).isEqualTo(SrtpStatus.OK);
            return ByteBufUtil.getBytes(packet);
        } finally {
            packet.release();
        }
    }

    /** The next RTP packet the relay sent, unprotected, or null when none arrives within the timeout. */
    public byte[] receiveRtp() throws InterruptedException {
        byte[] srtp = rtp.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return srtp == null ? null : unprotectRtp(srtp);
    }

    /** Unprotects a received SRTP packet; the plain RTP bytes. */
    byte[] unprotectRtp(byte[] srtp) {
        ByteBuf packet = Unpooled.wrappedBuffer(srtp.clone());
        try {
            assertThat(inbound.unprotectRtp(packet)).as("%s: SRTP from the relay authenticates", name)
                    .isEqualTo(SrtpStatus.OK);
            return ByteBufUtil.getBytes(packet);
        } finally {
            packet.release();
        }
    }

    void send(byte[] datagram, InetSocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(datagram), to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                buffer.flip();
                ByteBuf datagram = Unpooled.wrappedBuffer(buffer);
                PacketKind kind = PacketKind.classify(datagram);
                if (kind == PacketKind.DTLS && dtls != null) {
                    dtls.offer(datagram);
                } else if (kind == PacketKind.STUN) {
                    stun.add(ByteBufUtil.getBytes(datagram));
                } else if (kind == PacketKind.RTP) {
                    rtp.add(ByteBufUtil.getBytes(datagram));
                } else if (kind == PacketKind.RTCP) {
                    rtcp.add(ByteBufUtil.getBytes(datagram));
                }
            }
        } catch (ClosedChannelException e) {
            // closed by the test
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (dtls != null) {
            dtls.close();
        }
        channel.close();
    }
}
