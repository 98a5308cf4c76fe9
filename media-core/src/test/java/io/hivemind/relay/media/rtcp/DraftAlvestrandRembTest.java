package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.hivemind.relay.media.rtcp.RtcpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** REMB, draft-alvestrand-rmcat-remb-03 §2.2: "REMB", Num SSRC, 6-bit exponent, 18-bit mantissa, SSRC list. */
class DraftAlvestrandRembTest {

    static Stream<Arguments> rembs() {
        return Stream.of(
                // pion/rtcp receiver_estimated_maximum_bitrate_test.go: "Real data sent by Chrome"; exp 6,
                // mantissa 139487, 8927168 bit/s, one SSRC 1215622422.
                argumentSet("pion/rtcp Chrome capture", "8F CE 00 05 | 00 00 00 01 | 00 00 00 00 | 52 45 4D 42"
                        + "01 1A 20 DF | 48 74 ED 16", 6, 139_487, 8_927_168L, new long[] {1_215_622_422L}),
                argumentSet("no SSRC, zero bitrate", "8F CE 00 04 | 00 00 00 01 | 00 00 00 00 | 52 45 4D 42"
                        + "00 00 00 00", 0, 0, 0L, new long[0]),
                argumentSet("largest exponent saturates", "8F CE 00 04 | 00 00 00 01 | 00 00 00 00 | 52 45 4D 42"
                        + "00 FF FF FF", 63, 262_143, Long.MAX_VALUE, new long[0]),
                argumentSet("exponent 45 still fits", "8F CE 00 04 | 00 00 00 01 | 00 00 00 00 | 52 45 4D 42"
                        + "00 B7 FF FF", 45, 262_143, 262_143L << 45, new long[0]),
                argumentSet("two SSRCs", "8F CE 00 06 | 00 00 00 01 | 00 00 00 00 | 52 45 4D 42"
                        + "02 08 00 01 | 00 00 00 0A | 00 00 00 0B", 2, 1, 4L, new long[] {10, 11}));
    }

    @ParameterizedTest
    @MethodSource("rembs")
    void readsBitrateAndSsrcs(String wire, int exp, int mantissa, long bitrate, long[] ssrcs) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            reader.next();
            RembView remb = new RembView();
            assertThat(remb.wrap(reader.header())).isEqualTo(RtcpDropReason.NONE);
            assertThat(remb.senderSsrc()).isEqualTo(1);
            assertThat(remb.exponent()).isEqualTo(exp);
            assertThat(remb.mantissa()).isEqualTo(mantissa);
            assertThat(remb.bitrate()).isEqualTo(bitrate);
            assertThat(remb.ssrcCount()).isEqualTo(ssrcs.length);
            for (int i = 0; i < ssrcs.length; i++) {
                assertThat(remb.ssrc(i)).isEqualTo(ssrcs[i]);
            }
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                argumentSet("SSRC list shorter than Num SSRC", "8F CE 00 05 | 00 00 00 01 | 00 00 00 00"
                        + "52 45 4D 42 | 02 1A 20 DF | 48 74 ED 16", RtcpDropReason.MALFORMED),
                argumentSet("identifier without the bitrate word", "8F CE 00 03 | 00 00 00 01 | 00 00 00 00"
                        + "52 45 4D 42", RtcpDropReason.MALFORMED),
                argumentSet("other AFB identifier", "8F CE 00 04 | 00 00 00 01 | 00 00 00 00 | 47 4F 4F 47"
                        + "00 00 00 00", RtcpDropReason.WRONG_TYPE),
                argumentSet("AFB without FCI", "8F CE 00 02 | 00 00 00 01 | 00 00 00 00", RtcpDropReason.MALFORMED));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsWhatIsNotAWholeRemb(String wire, RtcpDropReason expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            RtcpHeader header = new RtcpHeader();
            assertThat(header.wrap(buf, 0, buf.readableBytes())).isEqualTo(RtcpDropReason.NONE);
            assertThat(new RembView().wrap(header)).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }
}
