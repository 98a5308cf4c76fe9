package io.hivemind.relay.sfu.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.webrtc.LoopbackRelay.Peer;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Any bytes into a connected transport, as if they came from its validated peer (SRTP, SRTCP, DTLS) or from its room
 * (RTP and RTCP to protect and send): never an exception, never a leak, and every media packet is accounted for,
 * either passed on or dropped with a {@link WebRtcDropReason}. The first input byte picks the path. Runs on the
 * media loop, where the transport lives. A DTLS record of epoch 1 that does not decrypt ends the association today
 * (Bouncy Castle fails the connection instead of discarding it as RFC 6347 §4.1.2.7 recommends): the transport
 * turns FAILED, still releasing and counting everything, and the next input gets a fresh peer. Regression mode replays
 * src/test/resources/io/hivemind/relay/sfu/webrtc/WebRtcTransportFuzzTestInputs/fuzz/; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -o -pl sfu test -Dtest=WebRtcTransportFuzzTest#fuzz}.
 */
class WebRtcTransportFuzzTest {

    private static final int PATHS = 5;
    private static LoopbackRelay relay;
    private static Peer alice;
    private static int rooms;

    /**
     * The connected peer, replaced by a fresh one in a new room when an input tore the last one down: a forged DTLS
     * record from the validated address ends Bouncy Castle's association (see the class comment).
     */
    private static Peer alice() throws Exception {
        if (relay == null) {
            relay = new LoopbackRelay();
        }
        if (alice == null || relay.onLoop(() -> alice.transport().state()) != WebRtcTransportState.CONNECTED) {
            Room room = relay.room("fuzz-" + ++rooms);
            alice = relay.connect(room, "alice");
        }
        return alice;
    }

    @AfterAll
    static void closeRelay() throws Exception {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    @FuzzTest
    void fuzz(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        WebRtcTransport transport = alice().transport();
        InetSocketAddress from = alice.client().localAddress();
        int path = Math.floorMod(data[0], PATHS);
        byte[] packet = Arrays.copyOfRange(data, 1, data.length);
        ByteBuf[] given = new ByteBuf[1];
        long[] accounted = relay.onLoop(() -> {
            long before = accountedFor(transport);
            ByteBuf buf = transport.alloc().buffer(packet.length + transport.tailroom()).writeBytes(packet);
            given[0] = path < 3 ? buf : null;
            switch (path) {
                case 0 -> transport.onRtp(buf, from);
                case 1 -> transport.onRtcp(buf, from);
                case 2 -> transport.onDtls(buf, from);
                case 3 -> transport.sendRtp(buf);
                default -> transport.sendRtcp(buf);
            }
            return new long[] {before, accountedFor(transport)};
        });
        if (given[0] != null) {
            assertThat(given[0].refCnt()).as("released or handed on").isZero();
        }
        if (path != 2) {
            assertThat(accounted[1]).as("passed on or counted").isEqualTo(accounted[0] + 1);
        }
    }

    /** Packets the transport passed on plus packets it dropped, on either side. */
    private static long accountedFor(WebRtcTransport transport) {
        WebRtcCounters counters = transport.counters();
        long dropped = counters.dropSnapshot().entrySet().stream()
                .filter(entry -> entry.getKey() != WebRtcDropReason.DTLS_DROPPED)
                .mapToLong(entry -> entry.getValue()).sum();
        return dropped + counters.rtpIn() + counters.rtcpIn() + counters.rtpOut() + counters.rtcpOut();
    }

    /** Valid inputs on every path, then truncations and fixed-seed bit flips of each; DTLS last (see above). */
    @Test
    void generatedSeedsAndTheirMutations() throws Exception {
        Random random = new Random(7983);
        List<byte[]> seeds = seeds();
        WebRtcCounters counters = relay.onLoop(() -> alice.transport().counters());
        for (byte[] seed : seeds) {
            fuzz(seed);
            for (int cut = 0; cut < seed.length; cut++) {
                fuzz(Arrays.copyOf(seed, cut));
            }
            for (int flip = 0; flip < 40; flip++) {
                byte[] mutated = seed.clone();
                int bit = 8 + random.nextInt((seed.length - 1) * 8);
                mutated[bit / 8] ^= (byte) (1 << (bit % 8));
                fuzz(mutated);
            }
            if (seed[0] == 4) {
                assertThat(relay.onLoop(() -> counters.drops(WebRtcDropReason.INBOUND_AUTH_FAILED))).isPositive();
                assertThat(relay.onLoop(() -> counters.drops(WebRtcDropReason.INBOUND_MALFORMED))).isPositive();
                assertThat(relay.onLoop(() -> counters.rtpIn())).as("the valid SRTP seed authenticated").isOne();
                assertThat(relay.onLoop(() -> counters.rtpOut())).as("plain RTP from the room was sent")
                        .isPositive();
                assertThat(relay.onLoop(() -> counters.rtcpOut())).as("plain RTCP from the room was sent")
                        .isPositive();
            }
        }
    }

    private static List<byte[]> seeds() throws Exception {
        byte[] rtp = {(byte) 0x80, 111, 0, 1, 0, 0, 3, (byte) 0xc0, 0x5e, (byte) 0xed, 0, 1, 0x78, 1, 2, 3, 4, 5};
        byte[] rtcp = {(byte) 0x80, (byte) 201, 0, 1, 0x5e, (byte) 0xed, 0, 1};
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(withPath(0, alice().client().protectRtp(0x5EED_0001, 1, new byte[] {0x78, 1, 2, 3})));
        seeds.add(withPath(0, rtp));
        seeds.add(withPath(1, rtcp));
        seeds.add(withPath(3, rtp));
        seeds.add(withPath(4, rtcp));
        seeds.add(withPath(2, new byte[] {23, (byte) 0xfe, (byte) 0xfd, 0, 1, 0, 0, 0, 0, 0, 9, 0, 4, 1, 2, 3, 4}));
        return seeds;
    }

    private static byte[] withPath(int path, byte[] packet) {
        byte[] input = new byte[1 + packet.length];
        input[0] = (byte) path;
        System.arraycopy(packet, 0, input, 1, packet.length);
        return input;
    }
}
