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

/** Full Intra Request (RFC 5104 §4.3.1): PSFB FMT=4, FCI entries of SSRC + command sequence number. */
class Rfc5104FirTest {

    static Stream<Arguments> firs() {
        return Stream.of(
                // pion/rtcp full_intra_request_test.go, TestFullIntraRequestUnmarshal "valid"
                argumentSet("pion/rtcp fixture, one entry", "84 ce 00 04 | 00 00 00 00 | 4b c4 fc b4"
                        + "12 34 56 78 | 42 00 00 00", 0L, new long[] {0x12345678L}, new int[] {0x42}),
                argumentSet("two entries, seq nr 255 and 0", "84 CE 00 06 | 00 00 00 09 | 00 00 00 00"
                        + "00 00 00 01 | FF 00 00 00 | AB CD EF 01 | 00 00 00 00", 9L,
                        new long[] {1, 0xABCDEF01L}, new int[] {255, 0}));
    }

    @ParameterizedTest
    @MethodSource("firs")
    void readsEveryEntry(String wire, long sender, long[] ssrcs, int[] seqNrs) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            reader.next();
            FullIntraRequestView fir = new FullIntraRequestView();
            assertThat(fir.wrap(reader.header())).isEqualTo(RtcpDropReason.NONE);
            assertThat(fir.senderSsrc()).isEqualTo(sender);
            assertThat(fir.entryCount()).isEqualTo(ssrcs.length);
            for (int i = 0; i < ssrcs.length; i++) {
                assertThat(fir.ssrc(i)).isEqualTo(ssrcs[i]);
                assertThat(fir.sequenceNumber(i)).isEqualTo(seqNrs[i]);
            }
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                argumentSet("no entry", "84 CE 00 02 | 00 00 00 00 | 00 00 00 00", RtcpDropReason.MALFORMED),
                argumentSet("half an entry", "84 CE 00 03 | 00 00 00 00 | 00 00 00 00 | 00 00 00 01",
                        RtcpDropReason.MALFORMED),
                argumentSet("RTPFB with FMT 4 is not a FIR", "84 CD 00 04 | 00 00 00 00 | 00 00 00 00"
                        + "00 00 00 01 | 01 00 00 00", RtcpDropReason.WRONG_TYPE));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsBadFci(String wire, RtcpDropReason expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            RtcpHeader header = new RtcpHeader();
            assertThat(header.wrap(buf, 0, buf.readableBytes())).isEqualTo(RtcpDropReason.NONE);
            assertThat(new FullIntraRequestView().wrap(header)).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }
}
