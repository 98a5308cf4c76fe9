package io.hivemind.relay.server;

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
 * A publishing WebRTC client built from our own ICE, DTLS and SRTP pieces, in a browser's role against the relay:
 * it offers one sendonly Opus section ({@code a=setup:actpass}), then runs the controlling ICE check with
 * USE-CANDIDATE and the DTLS handshake as CLIENT (the relay answers {@code passive}), and protects RTP with the
 * exported keys. A reader thread feeds DTLS records to the endpoint and queues STUN answers.
 */
final class WebRtcLoopbackClient implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 15;
    static final int PAYLOAD_TYPE = 111;
    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();
    private static final int MAX_DATAGRAM = 2048;

    private final IceCredentials ice = IceCredentials.random(new SecureRandom());
    private final DatagramChannel channel;
    private final BlockingQueue<byte[]> stun = new LinkedBlockingQueue<>();
    private final ExecutorService threads;
    private volatile DtlsEndpoint dtls;
    private InetSocketAddress server;
    private SrtpContext outbound;

    /** @param threads runs the socket reader and the DTLS task */
    WebRtcLoopbackClient(ExecutorService threads) throws IOException {
        this.threads = threads;
        this.channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        threads.execute(this::read);
    }

    /** A browser-like offer (RFC 8829 §5.2) publishing one Opus source {@code ssrc} on mid 0. */
    String offer(long ssrc) {
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
                "a=ice-ufrag:" + ice.ufrag(),
                "a=ice-pwd:" + ice.password(),
                "a=fingerprint:" + CERTIFICATE.fingerprint().toSdp(),
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
                "") ;
    }

    /** ICE check with nomination, then the DTLS handshake as CLIENT; returns once this side has SRTP keys. */
    void connect(InetSocketAddress server, IceCredentials serverIce, DtlsFingerprint serverFingerprint)
            throws Exception {
        this.server = server;
        dtls = new DtlsEndpoint("[loopback]", SrtpKeyingMaterial.Role.CLIENT, CERTIFICATE, serverFingerprint,
                (datagram, offset, length) -> send(Arrays.copyOfRange(datagram, offset, offset + length)),
                threads, new DtlsCounters(), DtlsSettings.defaults());
        // Our ClientHello must follow the check, or the relay drops it from a not yet validated address.
        check(serverIce);
        dtls.start();
        SrtpKeyingMaterial keys = dtls.handshakeFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        outbound = keys.outbound(8);
    }

    private void check(IceCredentials serverIce) throws InterruptedException {
        send(bindingRequest(serverIce));
        byte[] answer = stun.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(answer).as("STUN answer").isNotNull();
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

    /** Sends one Opus-like RTP packet (20 ms at 48 kHz), SRTP-protected. */
    void sendRtp(int ssrc, int seq, byte[] payload) {
        ByteBuf packet = Unpooled.buffer(12 + payload.length + 16);
        try {
            packet.writeByte(0x80).writeByte(PAYLOAD_TYPE).writeShort(seq).writeInt(seq * 960).writeInt(ssrc)
                    .writeBytes(payload);
            assertThat(outbound.protectRtp(packet)).isEqualTo(SrtpStatus.OK);
            send(ByteBufUtil.getBytes(packet));
        } finally {
            packet.release();
        }
    }

    private void send(byte[] datagram) {
        try {
            channel.send(ByteBuffer.wrap(datagram), server);
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
