package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.hivemind.relay.media.rtcp.RtcpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The compound validity checks of RFC 3550 §6.1 / A.2 and the reduced-size exception of RFC 5506. */
class CompoundRtcpReaderTest {
    private static final String RR = "80 C9 00 01 | 11 22 33 44";
    private static final String SDES = "81 CA 00 02 | 11 22 33 44 | 00 00 00 00";
    private static final String BYE = "81 CB 00 01 | 11 22 33 44";
    private static final String PLI = "81 CE 00 02 | 11 22 33 44 | 55 66 77 88";
    private static final String NACK = "81 CD 00 03 | 11 22 33 44 | 55 66 77 88 | 00 0A 00 01";

    static Stream<Arguments> datagrams() {
        return Stream.of(
                argumentSet("empty", "", RtcpDropReason.TRUNCATED, 0),
                argumentSet("three bytes", "80 C9 00", RtcpDropReason.TRUNCATED, 0),
                argumentSet("version 1", "40 C9 00 01 | 11 22 33 44", RtcpDropReason.BAD_VERSION, 0),
                argumentSet("version 3", "C0 C9 00 01 | 11 22 33 44", RtcpDropReason.BAD_VERSION, 0),
                argumentSet("version 0 second packet", RR + "00 CA 00 00", RtcpDropReason.BAD_VERSION, 0),
                argumentSet("length past the end", "80 C9 00 02 | 11 22 33 44", RtcpDropReason.TRUNCATED, 0),
                argumentSet("second length past the end", RR + "81 CA 00 05 | 11 22 33 44",
                        RtcpDropReason.TRUNCATED, 0),
                argumentSet("two stray bytes after RR", RR + "00 00", RtcpDropReason.BAD_LENGTH, 0),
                argumentSet("padding on the first of two", "A0 C9 00 02 | 11 22 33 44 | 00 00 00 04" + SDES,
                        RtcpDropReason.BAD_PADDING, 0),
                argumentSet("padding count 0", "A0 C9 00 02 | 11 22 33 44 | 00 00 00 00",
                        RtcpDropReason.BAD_PADDING, 0),
                argumentSet("padding count eats the header", "A0 C9 00 02 | 11 22 33 44 | 00 00 00 0D",
                        RtcpDropReason.BAD_PADDING, 0),
                argumentSet("SDES first in a compound", SDES + RR, RtcpDropReason.BAD_FIRST_PACKET, 0),
                argumentSet("lone SDES", SDES, RtcpDropReason.BAD_FIRST_PACKET, 0),
                argumentSet("lone BYE", BYE, RtcpDropReason.BAD_FIRST_PACKET, 0),
                argumentSet("NACK then BYE", NACK + BYE, RtcpDropReason.BAD_FIRST_PACKET, 0),
                argumentSet("lone RR", RR, RtcpDropReason.NONE, 1),
                argumentSet("RR, SDES, BYE", RR + SDES + BYE, RtcpDropReason.NONE, 3),
                argumentSet("RR with padding 4 last", "A0 C9 00 02 | 11 22 33 44 | 00 00 00 04",
                        RtcpDropReason.NONE, 1),
                argumentSet("reduced-size PLI", PLI, RtcpDropReason.NONE, 1),
                argumentSet("reduced-size NACK", NACK, RtcpDropReason.NONE, 1),
                argumentSet("reduced-size NACK and PLI", NACK + PLI, RtcpDropReason.NONE, 2));
    }

    @ParameterizedTest
    @MethodSource("datagrams")
    void validatesTheWholeDatagram(String wire, RtcpDropReason expected, int packets) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(expected);
            assertThat(reader.packetCount()).isEqualTo(packets);
            int seen = 0;
            while (reader.next()) {
                seen++;
            }
            assertThat(seen).isEqualTo(packets);
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void paddingIsExcludedFromTheContent() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("A0 C9 00 02 | 11 22 33 44 | 00 00 00 04"));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            assertThat(reader.next()).isTrue();
            RtcpHeader header = reader.header();
            assertThat(header.padding()).isTrue();
            assertThat(header.length()).isEqualTo(12);
            assertThat(header.paddingLength()).isEqualTo(4);
            assertThat(header.contentLength()).isEqualTo(8);
            ReceiverReportView rr = new ReceiverReportView();
            assertThat(rr.wrap(header)).isEqualTo(RtcpDropReason.NONE);
            assertThat(rr.ssrc()).isEqualTo(0x11223344L);
        } finally {
            buf.release();
        }
    }

    @Test
    void readsASliceOfALargerBuffer() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("FF FF" + RR + SDES + "FF"));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf, 2, 20)).isEqualTo(RtcpDropReason.NONE);
            assertThat(reader.next()).isTrue();
            assertThat(reader.header().offset()).isEqualTo(2);
            assertThat(reader.next()).isTrue();
            assertThat(reader.header().packetType()).isEqualTo(RtcpHeader.PT_SDES);
            assertThat(reader.next()).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void aFailedWrapYieldsNoPackets() {
        ByteBuf good = Unpooled.wrappedBuffer(hex(RR));
        ByteBuf bad = Unpooled.wrappedBuffer(hex(SDES));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(good)).isEqualTo(RtcpDropReason.NONE);
            assertThat(reader.wrap(bad)).isEqualTo(RtcpDropReason.BAD_FIRST_PACKET);
            assertThat(reader.next()).isFalse();
        } finally {
            good.release();
            bad.release();
        }
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                argumentSet("SR claims one block, has none",
                        "81 C8 00 06 | 11 22 33 44 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00"
                                + "00 00 00 00", RtcpDropReason.MALFORMED),
                argumentSet("RR claims two blocks, has one", "82 C9 00 07 | 11 22 33 44" + "00".repeat(24),
                        RtcpDropReason.MALFORMED),
                argumentSet("RR padding hides its block", "A1 C9 00 08 | 11 22 33 44" + "00".repeat(24)
                        + "00 00 00 08", RtcpDropReason.MALFORMED),
                argumentSet("RR with profile extension", "80 C9 00 02 | 11 22 33 44 | AB CD EF 01",
                        RtcpDropReason.NONE));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void reportViewsCheckTheirBlocks(String wire, RtcpDropReason expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            reader.next();
            ReportPacketView view = reader.header().packetType() == RtcpHeader.PT_SR
                    ? new SenderReportView() : new ReceiverReportView();
            assertThat(view.wrap(reader.header())).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> malformedText() {
        return Stream.of(
                argumentSet("SDES item runs past the packet", "81 CA 00 02 | 11 22 33 44 | 01 05 61 00",
                        RtcpDropReason.MALFORMED),
                argumentSet("SDES without END", "81 CA 00 02 | 11 22 33 44 | 01 02 61 62", RtcpDropReason.MALFORMED),
                argumentSet("SDES non-null padding", "81 CA 00 02 | 11 22 33 44 | 00 00 01 00",
                        RtcpDropReason.MALFORMED),
                argumentSet("SDES claims two chunks, has one", "82 CA 00 02 | 11 22 33 44 | 00 00 00 00",
                        RtcpDropReason.MALFORMED),
                argumentSet("SDES with a stray word", "81 CA 00 03 | 11 22 33 44 | 00 00 00 00 | 00 00 00 00",
                        RtcpDropReason.MALFORMED),
                argumentSet("BYE claims two sources, has one", "82 CB 00 01 | 11 22 33 44", RtcpDropReason.MALFORMED),
                argumentSet("BYE reason runs past the packet", "81 CB 00 02 | 11 22 33 44 | 04 61 62 63",
                        RtcpDropReason.MALFORMED),
                argumentSet("BYE reason fits", "81 CB 00 02 | 11 22 33 44 | 03 61 62 63", RtcpDropReason.NONE));
    }

    @ParameterizedTest
    @MethodSource("malformedText")
    void textViewsCheckTheirStructure(String wire, RtcpDropReason expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            RtcpHeader header = new RtcpHeader();
            assertThat(header.wrap(buf, 0, buf.readableBytes())).isEqualTo(RtcpDropReason.NONE);
            RtcpDropReason actual = header.packetType() == RtcpHeader.PT_SDES
                    ? new SourceDescriptionView().wrap(header) : new ByeView().wrap(header);
            assertThat(actual).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }

    @Test
    void typedViewsRejectOtherTypes() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(RR));
        try {
            RtcpHeader header = new RtcpHeader();
            header.wrap(buf, 0, buf.readableBytes());
            assertThat(new SenderReportView().wrap(header)).isEqualTo(RtcpDropReason.WRONG_TYPE);
            assertThat(new SourceDescriptionView().wrap(header)).isEqualTo(RtcpDropReason.WRONG_TYPE);
            assertThat(new ByeView().wrap(header)).isEqualTo(RtcpDropReason.WRONG_TYPE);
            assertThat(new GenericNackView().wrap(header)).isEqualTo(RtcpDropReason.WRONG_TYPE);
            assertThat(new TransportCcFeedbackView().wrap(header)).isEqualTo(RtcpDropReason.WRONG_TYPE);
            assertThat(new PictureLossIndicationView().wrap(header)).isEqualTo(RtcpDropReason.WRONG_TYPE);
            assertThat(new FullIntraRequestView().wrap(header)).isEqualTo(RtcpDropReason.WRONG_TYPE);
            assertThat(new RembView().wrap(header)).isEqualTo(RtcpDropReason.WRONG_TYPE);
        } finally {
            buf.release();
        }
    }

    @Test
    void writesACompoundTheReaderAccepts() {
        CompoundRtcpPacket compound = CompoundRtcpPacket.of(
                new SenderReport(1, NtpTime.fromUnixMillis(1_700_000_000_000L), 160, 10, 1600,
                        List.of(new ReportBlock(2, 0, 0, 100, 3, 0, 0))),
                SourceDescription.cname(1, "relay"),
                GenericNack.ofLostSequences(1, 2, 5, 7),
                new Bye(List.of(1L), "bye"));
        byte[] wire = RtcpFixtures.encode(compound);
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            assertThat(wire).hasSize(52 + 16 + 16 + 12);
            assertThat(RtcpFixtures.decodeWritable(buf)).isEqualTo(compound.packets());
        } finally {
            buf.release();
        }
    }
}
