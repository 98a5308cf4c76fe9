package io.hivemind.relay.sfu.transport;

import static io.hivemind.relay.sfu.ice.BindingRequests.CLIENT;
import static io.hivemind.relay.sfu.ice.BindingRequests.PRIORITY;
import static io.hivemind.relay.sfu.ice.BindingRequests.SERVER;
import static io.hivemind.relay.sfu.ice.BindingRequests.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.stun.StunClass;
import io.hivemind.relay.media.stun.StunDropReason;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.time.ManualClock;
import io.hivemind.relay.sfu.ice.BindingRequests;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MediaDatagramHandlerTest {

    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40_000);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50_000);
    static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.1", 50_001);
    static final byte[] DTLS_CLIENT_HELLO = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final byte[] RTP = {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7, (byte) 0xF8};
    static final byte[] RTCP = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 7};

    private final EndpointRegistry registry = new EndpointRegistry();
    private final ManualClock clock = new ManualClock();
    private final MediaDatagramHandler handler = new MediaDatagramHandler(registry, "test", clock);
    private final FlushCounter flushes = new FlushCounter();
    private final EmbeddedChannel channel = new EmbeddedChannel(flushes, handler);
    private final IceEndpoint endpoint = new IceEndpoint(registry, new ManualClock());
    private final List<ByteBuf> inputs = new ArrayList<>();

    /** Counts flushes on their way to the socket. */
    static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }

    @AfterEach
    void everythingReleasedAndTheChannelStillOpen() {
        assertThat(channel.isOpen()).isTrue();
        channel.checkException();
        for (ByteBuf input : inputs) {
            assertThat(input.refCnt()).isZero();
        }
        DatagramPacket left;
        while ((left = channel.readOutbound()) != null) {
            left.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    private DatagramPacket datagram(byte[] bytes, InetSocketAddress sender) {
        ByteBuf content = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        inputs.add(content);
        return new DatagramPacket(content, LOCAL, sender);
    }

    private void receive(byte[] bytes, InetSocketAddress sender) {
        channel.writeInbound(datagram(bytes, sender));
    }

    private long drops(DropReason reason) {
        return handler.drops().count(reason);
    }

    private StunMessage readStunResponse(ByteBuf holder) {
        DatagramPacket response = channel.readOutbound();
        assertThat(response).isNotNull();
        assertThat(response.recipient()).isEqualTo(PEER);
        holder.writeBytes(response.content());
        response.release();
        StunMessage message = new StunMessage();
        assertThat(message.wrap(holder)).isEqualTo(StunDropReason.NONE);
        return message;
    }

    @Test
    void anAuthenticatedCheckIsAnsweredAndOpensTheAddressToDtlsAndMedia() {
        receive(check(1, true), PEER);

        ByteBuf holder = Unpooled.buffer();
        try {
            StunMessage response = readStunResponse(holder);
            assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(response.xorMappedSocketAddress()).isEqualTo(PEER);
        } finally {
            holder.release();
        }
        assertThat(registry.byAddress(PEER)).isSameAs(endpoint);

        receive(DTLS_CLIENT_HELLO, PEER);
        receive(RTP, PEER);
        receive(RTCP, PEER);

        assertThat(endpoint.received).extracting(IceEndpoint.Received::kind)
                .containsExactly(PacketKind.DTLS, PacketKind.RTP, PacketKind.RTCP);
        assertThat(endpoint.received.peek().bytes()).isEqualTo(DTLS_CLIENT_HELLO);
        assertThat(handler.drops().snapshot().values()).allMatch(count -> count == 0);
    }

    static Stream<Arguments> drops() {
        byte[] unknownUfrag = BindingRequests.build(2, (w, b) -> w.username("zzzz:" + CLIENT.ufrag())
                .priority(PRIORITY).messageIntegrity(StunIntegrity.shortTerm(SERVER.password())).fingerprint());
        byte[] noUsername = BindingRequests.build(2, (w, b) -> w.priority(PRIORITY)
                .messageIntegrity(StunIntegrity.shortTerm(SERVER.password())).fingerprint());
        byte[] badIntegrity = BindingRequests.build(2, (w, b) -> w.username(SERVER.ufrag() + ':' + CLIENT.ufrag())
                .priority(PRIORITY).messageIntegrity(StunIntegrity.shortTerm("wrongPasswordWrongPasswd")).fingerprint());
        byte[] noFingerprint = BindingRequests.build(2, (w, b) -> w.username(SERVER.ufrag() + ':' + CLIENT.ufrag())
                .priority(PRIORITY).messageIntegrity(StunIntegrity.shortTerm(SERVER.password())));
        byte[] truncated = java.util.Arrays.copyOf(check(2, false), 30);
        return Stream.of(
                Arguments.of("DTLS before ICE", DTLS_CLIENT_HELLO, DropReason.UNKNOWN_SOURCE, false),
                Arguments.of("RTP before ICE", RTP, DropReason.UNKNOWN_SOURCE, false),
                Arguments.of("RTCP before ICE", RTCP, DropReason.UNKNOWN_SOURCE, false),
                Arguments.of("empty datagram", new byte[0], DropReason.UNKNOWN_CLASS, false),
                Arguments.of("first byte 64 (TURN channel)", new byte[] {64, 0, 0, 4, 1, 2, 3, 4},
                        DropReason.UNKNOWN_CLASS, false),
                Arguments.of("first byte 255", new byte[] {(byte) 255, 1}, DropReason.UNKNOWN_CLASS, false),
                Arguments.of("truncated STUN", truncated, DropReason.STUN_MALFORMED, false),
                Arguments.of("STUN for an unknown ufrag", unknownUfrag, DropReason.STUN_UNKNOWN_USERNAME, false),
                Arguments.of("STUN without USERNAME", noUsername, DropReason.STUN_UNKNOWN_USERNAME, false),
                Arguments.of("STUN with bad integrity", badIntegrity, DropReason.STUN_REJECTED, true),
                Arguments.of("STUN without FINGERPRINT", noFingerprint, DropReason.STUN_IGNORED, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drops")
    void dropsAreCountedByReasonAndReleased(String name, byte[] bytes, DropReason reason, boolean answered) {
        receive(bytes, PEER);

        assertThat(drops(reason)).isEqualTo(1);
        assertThat(handler.drops().snapshot().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertThat(endpoint.received).isEmpty();
        assertThat(registry.byAddress(PEER)).isNull();
        DatagramPacket response = channel.readOutbound();
        assertThat(response != null).isEqualTo(answered);
        if (response != null) {
            response.release();
        }
    }

    @Test
    void countsMediaEachWayAndTimesRtpCopiesFromTheReadToTheFlushThatSendsThem() {
        receive(check(1, true), PEER);
        receive(DTLS_CLIENT_HELLO, PEER);
        endpoint.whileHandlingRtp = () -> {
            clock.advance(300, TimeUnit.MICROSECONDS);
            handler.write(Unpooled.wrappedBuffer(RTP), STRANGER);
            clock.advance(2, TimeUnit.MILLISECONDS);
            handler.write(Unpooled.wrappedBuffer(RTP), PEER);
            handler.write(Unpooled.wrappedBuffer(RTCP), PEER);
        };
        receive(RTP, PEER);
        endpoint.whileHandlingRtp = null;
        clock.advance(1, TimeUnit.SECONDS);
        handler.write(Unpooled.wrappedBuffer(RTP), PEER);
        receive(RTCP, PEER);

        // Both RTP copies leave in the flush at the end of the read, 2.3 ms after it: the first copy's wait for
        // the second counts. RTCP, and RTP written outside the handling of a received packet, are not forwarding.
        assertThat(delayCounts()).containsExactly(buckets(5, 2));
        assertThat(handler.forwardingDelay().addTo(new long[ForwardingDelayHistogram.buckets()]))
                .isEqualTo(2 * 2_300);
        // STUN and DTLS are not media: only the RTP and RTCP datagrams count, each way.
        assertThat(handler.traffic()).isEqualTo(new MediaTraffic(2, RTP.length + RTCP.length, 4,
                3L * RTP.length + RTCP.length));
    }

    @Test
    void copiesOfEveryDatagramInAReadBatchAreTimedToTheBatchFlush() {
        receive(check(1, true), PEER);
        endpoint.whileHandlingRtp = () -> {
            handler.write(Unpooled.wrappedBuffer(RTP), STRANGER);
            clock.advance(400, TimeUnit.MICROSECONDS);
        };
        channel.writeInbound(datagram(RTP, PEER), datagram(RTP, PEER), datagram(RTP, PEER));

        // Read at 0, 400 and 800 µs, one flush at 1200 µs: the copies waited 1200, 800 and 400 µs.
        long[] expected = new long[ForwardingDelayHistogram.buckets()];
        expected[3] = 1;
        expected[4] = 1;
        expected[5] = 1;
        assertThat(delayCounts()).containsExactly(expected);
        assertThat(outbound()).isEqualTo(3 + 1);
    }

    @Test
    void aBatchFlushesAsSoonAsEnoughCopiesWait() {
        receive(check(1, true), PEER);
        outbound(); // the check's response
        int[] fanOut = {1};
        endpoint.whileHandlingRtp = () -> {
            for (int i = 0; i < fanOut[0]; i++) {
                handler.write(Unpooled.wrappedBuffer(RTP), STRANGER);
            }
        };
        int flushesBefore = flushes.count;
        Object[] small = new Object[MediaDatagramHandler.FLUSH_AT_COPIES + 1];
        for (int i = 0; i < small.length; i++) {
            small[i] = datagram(RTP, PEER);
        }
        channel.writeInbound(small);
        assertThat(flushes.count - flushesBefore).as("after the 32nd copy, then at the end of the batch").isEqualTo(2);

        fanOut[0] = 40;
        flushesBefore = flushes.count;
        channel.writeInbound(datagram(RTP, PEER), datagram(RTP, PEER));
        assertThat(flushes.count - flushesBefore).as("each large fan-out at once, none left for the end").isEqualTo(2);
        assertThat(delayCounts()).containsExactly(buckets(0, small.length + 2 * 40));
        assertThat(outbound()).isEqualTo(small.length + 2 * 40);
    }

    private long[] delayCounts() {
        long[] counts = new long[ForwardingDelayHistogram.buckets()];
        handler.forwardingDelay().addTo(counts);
        return counts;
    }

    private static long[] buckets(int bucket, long count) {
        long[] counts = new long[ForwardingDelayHistogram.buckets()];
        counts[bucket] = count;
        return counts;
    }

    /** Releases what the channel sent so far and counts it. */
    private int outbound() {
        int sent = 0;
        for (Object m = channel.readOutbound(); m != null; m = channel.readOutbound()) {
            ReferenceCountUtil.release(m);
            sent++;
        }
        return sent;
    }

    @Test
    void mediaFromAnotherPortOfTheSameHostIsDropped() {
        receive(check(1, true), PEER);
        receive(RTP, STRANGER);
        receive(DTLS_CLIENT_HELLO, STRANGER);

        assertThat(drops(DropReason.UNKNOWN_SOURCE)).isEqualTo(2);
        assertThat(endpoint.received).isEmpty();
    }

    @Test
    void consentLossClosesTheRouteForMedia() {
        receive(check(1, true), PEER);
        endpoint.ice.close();

        receive(RTP, PEER);

        assertThat(drops(DropReason.UNKNOWN_SOURCE)).isEqualTo(1);
        assertThat(registry.addressCount()).isZero();
        assertThat(endpoint.received).isEmpty();
    }

    @Test
    void unregisteringStopsEveryRoute() {
        receive(check(1, true), PEER);
        registry.unregister(SERVER.ufrag(), endpoint);

        receive(RTP, PEER);
        receive(check(2, true), PEER);

        assertThat(drops(DropReason.UNKNOWN_SOURCE)).isEqualTo(1);
        assertThat(drops(DropReason.STUN_UNKNOWN_USERNAME)).isEqualTo(1);
        assertThat(registry.addressCount()).isZero();
    }

    @Test
    void writesOfOneReadBatchAreFlushedOnce() {
        int before = flushes.count;
        channel.writeInbound(datagram(check(1, false), PEER), datagram(check(2, false), PEER),
                datagram(check(3, true), PEER));

        assertThat(flushes.count - before).isEqualTo(1);
        assertThat(channel.outboundMessages()).hasSize(3);
    }

    @Test
    void writesOutsideAReadBatchAreFlushedAtOnce() {
        int before = flushes.count;
        handler.write(Unpooled.wrappedBuffer(RTP), PEER);

        assertThat(flushes.count - before).isEqualTo(1);
        DatagramPacket sent = channel.readOutbound();
        assertThat(sent.recipient()).isEqualTo(PEER);
        sent.release();
    }

    @Test
    void anEndpointExceptionIsCountedAndNeitherLeaksNorClosesTheChannel() {
        endpoint.failOnStun = new IllegalStateException("endpoint bug");
        receive(check(1, true), PEER);
        channel.pipeline().fireExceptionCaught(new IllegalStateException("from elsewhere"));

        assertThat(drops(DropReason.HANDLER_EXCEPTION)).isEqualTo(2);
        endpoint.failOnStun = null;
        receive(check(2, true), PEER);
        assertThat(registry.byAddress(PEER)).isSameAs(endpoint);
    }

    @Test
    void somethingOtherThanADatagramIsReleasedAndCounted() {
        ByteBuf stray = Unpooled.buffer().writeByte(1);
        inputs.add(stray);
        channel.writeInbound(stray);

        assertThat(drops(DropReason.UNKNOWN_CLASS)).isEqualTo(1);
    }
}
