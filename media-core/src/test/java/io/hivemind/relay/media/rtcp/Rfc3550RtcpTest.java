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

/**
 * SR, RR, SDES and BYE (RFC 3550 §6.4.1, §6.4.2, §6.5, §6.6): byte fixtures laid out by hand from the RFC diagrams,
 * and fixtures retyped from pion/rtcp's tests (sender_report_test.go, receiver_report_test.go, packet_test.go) as an
 * independent cross-check of the layout.
 */
class Rfc3550RtcpTest {

    static Stream<Arguments> packets() {
        ReportBlock block = new ReportBlock(0x55667788L, 0x40, -2, 0x0001_0010L, 0x20, 0xB2C3_8000L, 0x0001_8000L);
        ReportBlock pionBlock = new ReportBlock(0xbc5e9a40L, 0, 0, 0x46e1, 273, 0x9f36432L, 150137);
        return Stream.of(
                argumentSet("SR, one block, negative cumulative lost", hex("""
                        81 C8 00 0C | 11 22 33 44
                        E4 A1 B2 C3 | 80 00 00 00 | 00 01 5F 90 | 00 00 00 64 | 00 00 3E 80
                        55 66 77 88 | 40 FF FF FE | 00 01 00 10 | 00 00 00 20 | B2 C3 80 00 | 00 01 80 00
                        """), new SenderReport(0x11223344L, 0xE4A1B2C3_80000000L, 90_000, 100, 16_000,
                        List.of(block))),
                argumentSet("SR without blocks", hex("""
                        80 C8 00 06 | 11 22 33 44
                        E4 A1 B2 C3 | 00 00 00 01 | FF FF FF FF | FF FF FF FF | 00 00 00 00
                        """), new SenderReport(0x11223344L, 0xE4A1B2C3_00000001L, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0,
                        List.of())),
                // pion/rtcp sender_report_test.go, TestSenderReportUnmarshal "valid", length corrected to 12
                argumentSet("SR, pion/rtcp fixture", hex("""
                        81 c8 00 0c | 90 2f 9e 2e | da 8b d1 fc | dd dd a0 5a | aa f4 ed d5
                        00 00 00 01 | 00 00 00 02 | bc 5e 9a 40 | 00 00 00 00 | 00 00 46 e1
                        00 00 01 11 | 09 f3 64 32 | 00 02 4a 79
                        """), null),
                argumentSet("RR without blocks", hex("80 C9 00 01 | 11 22 33 44"),
                        new ReceiverReport(0x11223344L, List.of())),
                argumentSet("RR, two blocks", hex("""
                        82 C9 00 0D | 11 22 33 44
                        55 66 77 88 | 40 FF FF FE | 00 01 00 10 | 00 00 00 20 | B2 C3 80 00 | 00 01 80 00
                        bc 5e 9a 40 | 00 00 00 00 | 00 00 46 e1 | 00 00 01 11 | 09 f3 64 32 | 00 02 4a 79
                        """), new ReceiverReport(0x11223344L, List.of(block, pionBlock))),
                // pion/rtcp receiver_report_test.go, TestReceiverReportUnmarshal "valid"
                argumentSet("RR, pion/rtcp fixture", hex("""
                        81 c9 00 07 | 90 2f 9e 2e | bc 5e 9a 40 | 00 00 00 00 | 00 00 46 e1
                        00 00 01 11 | 09 f3 64 32 | 00 02 4a 79
                        """), new ReceiverReport(0x902f9e2eL, List.of(pionBlock))),
                // CNAME "user@example.com": 4 + 4 + 2 + 16 = 26, one END octet and one more null to reach 28.
                argumentSet("SDES, one CNAME", hex("""
                        81 CA 00 06 | 11 22 33 44 | 01 10 75 73 65 72 40 65 78 61 6D 70 6C 65 2E 63 6F 6D 00 00
                        """), SourceDescription.cname(0x11223344L, "user@example.com")),
                // Items ending exactly on a boundary still need an END octet: a whole null word follows.
                argumentSet("SDES, two chunks, aligned item list", hex("""
                        82 CA 00 05 | 00 00 00 01 | 01 02 61 62 | 00 00 00 00
                        00 00 00 02 | 00 00 00 00
                        """), new SourceDescription(List.of(
                        new SdesChunk(1, List.of(SdesItem.cname("ab"))), new SdesChunk(2, List.of())))),
                // pion/rtcp packet_test.go realPacket(), the SDES at offset 32
                argumentSet("SDES, pion/rtcp capture", hex("""
                        81 ca 00 0c | 90 2f 9e 2e | 01 26
                        7b 39 63 30 30 65 62 39 32 2d 31 61 66 62 2d 39 64 34 39 2d
                        61 34 37 64 2d 39 31 66 36 34 65 65 65 36 39 66 35 7d | 00 00 00 00
                        """), SourceDescription.cname(0x902f9e2eL, "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}")),
                // pion/rtcp packet_test.go realPacket(), the BYE at offset 84
                argumentSet("BYE, one source, no reason", hex("81 cb 00 01 | 90 2f 9e 2e"),
                        new Bye(List.of(0x902f9e2eL), "")),
                // Reason "camera off": length octet + 10 octets + 1 null to the word boundary.
                argumentSet("BYE, two sources and a reason", hex("""
                        82 CB 00 05 | 11 22 33 44 | 55 66 77 88 | 0A 63 61 6D 65 72 61 20 6F 66 66 00
                        """), new Bye(List.of(0x11223344L, 0x55667788L), "camera off")));
    }

    @ParameterizedTest
    @MethodSource("packets")
    void readsWhatTheLayoutSays(byte[] wire, RtcpPacket expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            RtcpPacket decoded = RtcpFixtures.decodeSingle(buf);
            assertThat(decoded).isNotNull();
            if (expected != null) {
                assertThat(decoded).isEqualTo(expected);
            }
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @MethodSource("packets")
    void writesTheSameBytes(byte[] wire, RtcpPacket expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            RtcpPacket packet = expected != null ? expected : RtcpFixtures.decodeSingle(buf);
            assertThat(RtcpFixtures.encode(packet)).isEqualTo(wire);
        } finally {
            buf.release();
        }
    }

    /**
     * pion/rtcp's SR fixture (sender_report_test.go "valid") says len=7 for 52 bytes, which pion's lax parser
     * accepts. By RFC 3550 §6.1 the datagram is a 32-byte SR followed by a packet of version 0.
     */
    @Test
    void pionSenderReportWithItsOriginalLengthIsNotOneSenderReport() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("""
                81 c8 00 07 | 90 2f 9e 2e | da 8b d1 fc | dd dd a0 5a | aa f4 ed d5
                00 00 00 01 | 00 00 00 02 | bc 5e 9a 40 | 00 00 00 00 | 00 00 46 e1
                00 00 01 11 | 09 f3 64 32 | 00 02 4a 79
                """));
        try {
            assertThat(new CompoundRtcpReader().wrap(buf)).isEqualTo(RtcpDropReason.BAD_VERSION);
        } finally {
            buf.release();
        }
    }

    @Test
    void pionSenderReportFieldsByName() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("""
                81 c8 00 0c | 90 2f 9e 2e | da 8b d1 fc | dd dd a0 5a | aa f4 ed d5
                00 00 00 01 | 00 00 00 02 | bc 5e 9a 40 | 00 00 00 00 | 00 00 46 e1
                00 00 01 11 | 09 f3 64 32 | 00 02 4a 79
                """));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            assertThat(reader.next()).isTrue();
            SenderReportView sr = new SenderReportView();
            assertThat(sr.wrap(reader.header())).isEqualTo(RtcpDropReason.NONE);
            assertThat(sr.ssrc()).isEqualTo(0x902f9e2eL);
            assertThat(sr.ntpTimestamp()).isEqualTo(0xda8bd1fcdddda05aL);
            assertThat(sr.rtpTimestamp()).isEqualTo(0xaaf4edd5L);
            assertThat(sr.packetCount()).isEqualTo(1);
            assertThat(sr.octetCount()).isEqualTo(2);
            assertThat(sr.reportCount()).isEqualTo(1);
            ReportBlockView block = sr.reportBlock(0);
            assertThat(block.ssrc()).isEqualTo(0xbc5e9a40L);
            assertThat(block.extendedHighestSequence()).isEqualTo(0x46e1);
            assertThat(block.jitter()).isEqualTo(273);
            assertThat(block.lastSenderReport()).isEqualTo(0x9f36432L);
            assertThat(block.delaySinceLastSenderReport()).isEqualTo(150137);
            assertThat(reader.next()).isFalse();
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> cumulativeLost() {
        return Stream.of(
                argumentSet("zero", "000000", 0),
                argumentSet("one", "000001", 1),
                argumentSet("largest positive", "7FFFFF", 8_388_607),
                argumentSet("minus one (duplicates)", "FFFFFF", -1),
                argumentSet("most negative", "800000", -8_388_608));
    }

    @ParameterizedTest
    @MethodSource("cumulativeLost")
    void cumulativeLostIsSigned24Bit(String field, int expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("81 C9 00 07 | 00 00 00 01 | 00 00 00 02 | 80" + field
                + " | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00"));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            reader.next();
            ReceiverReportView rr = new ReceiverReportView();
            assertThat(rr.wrap(reader.header())).isEqualTo(RtcpDropReason.NONE);
            assertThat(rr.reportBlock(0).fractionLost()).isEqualTo(0x80);
            assertThat(rr.reportBlock(0).cumulativeLost()).isEqualTo(expected);
            ReceiverReport written = new ReceiverReport(1, List.of(new ReportBlock(2, 0x80, expected, 0, 0, 0, 0)));
            assertThat(RtcpFixtures.encode(written)).isEqualTo(buf.array());
        } finally {
            buf.release();
        }
    }

    @Test
    void clampsCumulativeLostToTheFieldRange() {
        assertThat(ReportBlock.clampCumulativeLost(10_000_000)).isEqualTo(8_388_607);
        assertThat(ReportBlock.clampCumulativeLost(-10_000_000)).isEqualTo(-8_388_608);
        assertThat(ReportBlock.clampCumulativeLost(-5)).isEqualTo(-5);
    }

    /** pion/rtcp packet_test.go realPacket(): RR, SDES, BYE, PLI as one compound. */
    @Test
    void walksARealCompound() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("""
                81 c9 00 07 | 90 2f 9e 2e | bc 5e 9a 40 | 00 00 00 00 | 00 00 46 e1
                00 00 01 11 | 09 f3 64 32 | 00 02 4a 79
                81 ca 00 0c | 90 2f 9e 2e | 01 26
                7b 39 63 30 30 65 62 39 32 2d 31 61 66 62 2d 39 64 34 39 2d
                61 34 37 64 2d 39 31 66 36 34 65 65 65 36 39 66 35 7d | 00 00 00 00
                81 cb 00 01 | 90 2f 9e 2e
                81 ce 00 02 | 90 2f 9e 2e | 90 2f 9e 2e
                """));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            assertThat(reader.packetCount()).isEqualTo(4);
            int[] types = new int[4];
            int[] offsets = new int[4];
            for (int i = 0; reader.next(); i++) {
                types[i] = reader.header().packetType();
                offsets[i] = reader.header().offset();
            }
            assertThat(types).containsExactly(RtcpHeader.PT_RR, RtcpHeader.PT_SDES, RtcpHeader.PT_BYE,
                    RtcpHeader.PT_PSFB);
            assertThat(offsets).containsExactly(0, 32, 84, 92);
        } finally {
            buf.release();
        }
    }
}
