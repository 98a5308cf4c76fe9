package io.hivemind.relay.sfu.transport;

import static io.hivemind.relay.sfu.ice.BindingRequests.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary datagrams through a media socket's handler with one registered transport whose ICE check already
 * passed: nothing escapes, the channel stays open, and every buffer is released. The first input byte picks the
 * source (validated peer or stranger), the rest is the datagram.
 * Regression mode replays src/test/resources/io/hivemind/relay/sfu/transport/MediaDatagramHandlerFuzzTestInputs/.
 * Fuzzing mode: {@code JAZZER_FUZZ=1 mvn -o -pl sfu test -Dtest=MediaDatagramHandlerFuzzTest#datagram}.
 */
class MediaDatagramHandlerFuzzTest {

    private static final InetSocketAddress LOCAL = MediaDatagramHandlerTest.LOCAL;
    private static final InetSocketAddress PEER = MediaDatagramHandlerTest.PEER;
    private static final InetSocketAddress STRANGER = MediaDatagramHandlerTest.STRANGER;

    @FuzzTest(maxDuration = "30s")
    void datagram(byte[] data) {
        EndpointRegistry registry = new EndpointRegistry();
        MediaDatagramHandler handler = new MediaDatagramHandler(registry, "fuzz", new ManualClock());
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        IceEndpoint endpoint = new IceEndpoint(registry, new ManualClock());
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(check(0, true)), LOCAL, PEER));
        assertThat(registry.byAddress(PEER)).isSameAs(endpoint);

        InetSocketAddress sender = data.length > 0 && (data[0] & 1) == 0 ? PEER : STRANGER;
        byte[] payload = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
        ByteBuf content = Unpooled.directBuffer(payload.length).writeBytes(payload);
        channel.writeInbound(new DatagramPacket(content, LOCAL, sender));

        assertThat(content.refCnt()).isZero();
        assertThat(channel.isOpen()).isTrue();
        channel.checkException();
        assertThat(handler.drops().count(DropReason.HANDLER_EXCEPTION)).isZero();
        long dropped = handler.drops().snapshot().values().stream().mapToLong(Long::longValue).sum();
        int delivered = endpoint.received.size();
        boolean stun = PacketKind.classify(Unpooled.wrappedBuffer(payload)) == PacketKind.STUN;
        if (stun) {
            // Answered, rejected (one count) or dropped (one count); STUN never reaches the media sinks.
            assertThat(delivered).isZero();
            assertThat(dropped).isLessThanOrEqualTo(1);
        } else {
            assertThat(dropped + delivered).isEqualTo(1);
        }
        if (sender == STRANGER) {
            assertThat(delivered).isZero();
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(7983);
        List<byte[]> seeds = List.of(check(5, false), MediaDatagramHandlerTest.RTP, MediaDatagramHandlerTest.RTCP,
                MediaDatagramHandlerTest.DTLS_CLIENT_HELLO, new byte[] {64, 1, 2, 3}, new byte[0]);
        int fed = 0;
        for (byte[] seed : seeds) {
            for (int source = 0; source < 2; source++) {
                List<byte[]> variants = new ArrayList<>();
                variants.add(seed);
                for (int length = 0; length < seed.length; length++) {
                    variants.add(Arrays.copyOf(seed, length));
                }
                for (int i = 0; i < 50 && seed.length > 0; i++) {
                    byte[] flipped = seed.clone();
                    int bit = random.nextInt(seed.length * 8);
                    flipped[bit / 8] ^= (byte) (1 << bit % 8);
                    variants.add(flipped);
                }
                for (byte[] variant : variants) {
                    byte[] input = new byte[variant.length + 1];
                    input[0] = (byte) source;
                    System.arraycopy(variant, 0, input, 1, variant.length);
                    datagram(input);
                    fed++;
                }
            }
        }
        assertThat(fed).isGreaterThan(500);
    }
}
