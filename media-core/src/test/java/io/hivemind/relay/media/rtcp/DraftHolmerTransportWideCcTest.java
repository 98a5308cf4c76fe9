package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.hivemind.relay.media.rtcp.RtcpFixtures.hex;
import static io.hivemind.relay.media.rtcp.RtcpFixtures.transportCc;
import static io.hivemind.relay.media.rtcp.TransportCcVisitor.NOT_RECEIVED;
import static io.hivemind.relay.media.rtcp.TransportCcVisitor.RECEIVED_LARGE_DELTA;
import static io.hivemind.relay.media.rtcp.TransportCcVisitor.RECEIVED_SMALL_DELTA;
import static io.hivemind.relay.media.rtcp.TransportCcVisitor.RECEIVED_WITHOUT_DELTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Transport-wide congestion control feedback, draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1. The chunk
 * values of the §3.1.3 and §3.1.4 examples (0x00DD, 0x6018, 0x9F1C, 0xCD50, as pion/rtcp's
 * transport_layer_cc_test.go also has them) are placed in whole packets and must decode as the draft explains.
 */
class DraftHolmerTransportWideCcTest {

    record Reported(int seq, int status, long deltaMicros) {
    }

    static Stream<Arguments> feedbacks() {
        return Stream.of(
                // §3.1.3 example 1: 0|00|0000011011101 = a run of 221 "packet not received".
                argumentSet("run length chunk: 221 not received", transportCc(1, 2, 100, 221, 0, 0,
                        new int[] {0x00DD}, new byte[0]), 100, run(100, 221, NOT_RECEIVED)),
                // §3.1.3 example 2: 0|11|0000000011000 = a run of 24 symbol 11, "received w/o recv delta".
                argumentSet("run length chunk: 24 received without delta", transportCc(1, 2, 7, 24, 0, 0,
                        new int[] {0x6018}, new byte[0]), 7, run(7, 24, RECEIVED_WITHOUT_DELTA)),
                // §3.1.4 example 1: 1|0|0 11111 000 111 00, one-bit symbols, eight received packets.
                argumentSet("one-bit status vector", transportCc(1, 2, 500, 14, 0, 0, new int[] {0x9F1C},
                        hex("01 02 03 04 05 06 07 08")), 500, List.of(
                        new Reported(500, NOT_RECEIVED, 0), new Reported(501, RECEIVED_SMALL_DELTA, 250),
                        new Reported(502, RECEIVED_SMALL_DELTA, 500), new Reported(503, RECEIVED_SMALL_DELTA, 750),
                        new Reported(504, RECEIVED_SMALL_DELTA, 1000), new Reported(505, RECEIVED_SMALL_DELTA, 1250),
                        new Reported(506, NOT_RECEIVED, 0), new Reported(507, NOT_RECEIVED, 0),
                        new Reported(508, NOT_RECEIVED, 0), new Reported(509, RECEIVED_SMALL_DELTA, 1500),
                        new Reported(510, RECEIVED_SMALL_DELTA, 1750), new Reported(511, RECEIVED_SMALL_DELTA, 2000),
                        new Reported(512, NOT_RECEIVED, 0), new Reported(513, NOT_RECEIVED, 0))),
                // §3.1.4 example 2: 1|1|00 11 01 01 01 00 00, two-bit symbols.
                argumentSet("two-bit status vector", transportCc(1, 2, 65534, 7, 0, 0, new int[] {0xCD50},
                        hex("FF 00 04")), 65534, List.of(
                        new Reported(65534, NOT_RECEIVED, 0), new Reported(65535, RECEIVED_WITHOUT_DELTA, 0),
                        new Reported(0, RECEIVED_SMALL_DELTA, 63_750), new Reported(1, RECEIVED_SMALL_DELTA, 0),
                        new Reported(2, RECEIVED_SMALL_DELTA, 1000), new Reported(3, NOT_RECEIVED, 0),
                        new Reported(4, NOT_RECEIVED, 0))),
                argumentSet("large deltas are signed 16-bit", transportCc(1, 2, 9, 3, 0, 0, new int[] {0x4003},
                        hex("FF 38 7F FF 80 00")), 9, List.of(
                        new Reported(9, RECEIVED_LARGE_DELTA, -50_000),
                        new Reported(10, RECEIVED_LARGE_DELTA, 8_191_750),
                        new Reported(11, RECEIVED_LARGE_DELTA, -8_192_000))),
                argumentSet("status count ends inside a vector chunk", transportCc(1, 2, 40, 3, 0, 0,
                        new int[] {0xBFFF}, hex("0A 0B 0C")), 40, List.of(
                        new Reported(40, RECEIVED_SMALL_DELTA, 2500), new Reported(41, RECEIVED_SMALL_DELTA, 2750),
                        new Reported(42, RECEIVED_SMALL_DELTA, 3000))),
                argumentSet("run chunk then vector chunk", transportCc(1, 2, 1, 5, 0, 0,
                        new int[] {0x2002, 0xE000}, hex("04 00 08 00")), 1, List.of(
                        new Reported(1, RECEIVED_SMALL_DELTA, 1000), new Reported(2, RECEIVED_SMALL_DELTA, 0),
                        new Reported(3, RECEIVED_LARGE_DELTA, 8 * 250 * 256), new Reported(4, NOT_RECEIVED, 0),
                        new Reported(5, NOT_RECEIVED, 0))),
                // pion/rtcp transport_layer_cc_test.go, TestTransportLayerCC_Unmarshal "example1" (one padding byte)
                argumentSet("pion/rtcp fixture", hex("""
                        af cd 00 05 | fa 17 fa 17 | 43 03 2f a0 | 00 99 00 01 | 3d e8 02 17 | 20 01 94 01
                        """), 153, List.of(new Reported(153, RECEIVED_SMALL_DELTA, 37_000))));
    }

    private static List<Reported> run(int base, int count, int status) {
        List<Reported> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Reported((base + i) & 0xFFFF, status, 0));
        }
        return list;
    }

    @ParameterizedTest
    @MethodSource("feedbacks")
    void decodesEveryPacket(byte[] wire, int baseSeq, List<Reported> expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            reader.next();
            TransportCcFeedbackView view = new TransportCcFeedbackView();
            assertThat(view.wrap(reader.header())).isEqualTo(RtcpDropReason.NONE);
            assertThat(view.baseSequenceNumber()).isEqualTo(baseSeq);
            assertThat(view.packetStatusCount()).isEqualTo(expected.size());
            List<Reported> seen = new ArrayList<>();
            view.forEachPacket((seq, status, delta) -> seen.add(new Reported(seq, status, delta)));
            assertThat(seen).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }

    @Test
    void pionFixtureHeaderFields() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("""
                af cd 00 05 | fa 17 fa 17 | 43 03 2f a0 | 00 99 00 01 | 3d e8 02 17 | 20 01 94 01
                """));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            reader.next();
            assertThat(reader.header().paddingLength()).isEqualTo(1);
            TransportCcFeedbackView view = new TransportCcFeedbackView();
            assertThat(view.wrap(reader.header())).isEqualTo(RtcpDropReason.NONE);
            assertThat(view.senderSsrc()).isEqualTo(4195875351L);
            assertThat(view.mediaSsrc()).isEqualTo(1124282272L);
            assertThat(view.referenceTime()).isEqualTo(4057090);
            assertThat(view.referenceTimeMicros()).isEqualTo(4057090L * 64_000);
            assertThat(view.feedbackPacketCount()).isEqualTo(23);
            assertThat(view.deltaLength()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    @Test
    void referenceTimeIsSigned() {
        ByteBuf buf = Unpooled.wrappedBuffer(transportCc(1, 2, 0, 0, 0xFFFFFF, 255, new int[0], new byte[0]));
        try {
            RtcpHeader header = new RtcpHeader();
            header.wrap(buf, 0, buf.readableBytes());
            TransportCcFeedbackView view = new TransportCcFeedbackView();
            assertThat(view.wrap(header)).isEqualTo(RtcpDropReason.NONE);
            assertThat(view.referenceTime()).isEqualTo(-1);
            assertThat(view.referenceTimeMicros()).isEqualTo(-64_000);
            assertThat(view.feedbackPacketCount()).isEqualTo(255);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                argumentSet("status count but no chunk", transportCc(1, 2, 0, 5, 0, 0, new int[0], new byte[0])),
                argumentSet("too few deltas", transportCc(1, 2, 0, 5, 0, 0, new int[] {0x2005}, hex("01 02"))),
                argumentSet("8191 small deltas promised", transportCc(1, 2, 0, 8191, 0, 0, new int[] {0x3FFF},
                        hex("01 02"))),
                // The P bit hides the last octet, so the large delta has only one of its two bytes.
                argumentSet("large delta cut by padding", hex("AF CD 00 05 | 00 00 00 01 | 00 00 00 02"
                        + "00 00 00 01 | 00 00 00 00 | 40 01 7F 01")),
                argumentSet("FCI shorter than 8 bytes", hex("8F CD 00 03 | 00 00 00 01 | 00 00 00 02 | 00 00 00 00")));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsChunksOrDeltasPastTheEnd(byte[] wire) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            RtcpHeader header = new RtcpHeader();
            assertThat(header.wrap(buf, 0, buf.readableBytes())).isEqualTo(RtcpDropReason.NONE);
            assertThat(new TransportCcFeedbackView().wrap(header)).isEqualTo(RtcpDropReason.MALFORMED);
        } finally {
            buf.release();
        }
    }

    @Test
    void aFullStatusCountOfLostPacketsIsWalkedWithoutAllocation() {
        int[] chunks = new int[9];
        Arrays.fill(chunks, 0x1FFF);
        ByteBuf buf = Unpooled.wrappedBuffer(transportCc(1, 2, 0, 65535, 0, 0, chunks, new byte[0]));
        try {
            RtcpHeader header = new RtcpHeader();
            header.wrap(buf, 0, buf.readableBytes());
            TransportCcFeedbackView view = new TransportCcFeedbackView();
            assertThat(view.wrap(header)).isEqualTo(RtcpDropReason.NONE);
            long[] count = new long[2];
            view.forEachPacket((seq, status, delta) -> {
                count[0]++;
                count[1] += status;
            });
            assertThat(count).containsExactly(65535, 0);
        } finally {
            buf.release();
        }
    }
}
