package io.hivemind.relay.media.rtcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes through {@link CompoundRtcpReader} and every typed view. Regression mode replays the seeds in
 * src/test/resources/io/hivemind/relay/media/rtcp/CompoundRtcpReaderFuzzTestInputs/fuzz/. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -o -pl media-core test -Dtest=CompoundRtcpReaderFuzzTest#fuzz}.
 */
class CompoundRtcpReaderFuzzTest {
    private final CompoundRtcpReader reader = new CompoundRtcpReader();
    private final SenderReportView sr = new SenderReportView();
    private final ReceiverReportView rr = new ReceiverReportView();
    private final SourceDescriptionView sdes = new SourceDescriptionView();
    private final ByeView bye = new ByeView();
    private final GenericNackView nack = new GenericNackView();
    private final TransportCcFeedbackView twcc = new TransportCcFeedbackView();
    private final PictureLossIndicationView pli = new PictureLossIndicationView();
    private final FullIntraRequestView fir = new FullIntraRequestView();
    private final RembView remb = new RembView();

    @FuzzTest
    void fuzz(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            check(buf, data.length);
        } finally {
            buf.release();
        }
    }

    private void check(ByteBuf buf, int length) {
        RtcpDropReason reason = reader.wrap(buf);
        assertThat(reason).isNotNull();
        if (reason != RtcpDropReason.NONE) {
            assertThat(reader.next()).isFalse();
            return;
        }
        int total = 0;
        int packets = 0;
        while (reader.next()) {
            RtcpHeader header = reader.header();
            assertThat(header.offset()).isEqualTo(total);
            assertThat(header.contentLength()).isBetween(RtcpHeader.SIZE, header.length());
            total += header.length();
            packets++;
            visitEveryView(header);
        }
        assertThat(total).isEqualTo(length);
        assertThat(packets).isEqualTo(reader.packetCount());
        assertThat(buf.readerIndex()).isZero();
        roundTrip(buf);
    }

    private void visitEveryView(RtcpHeader header) {
        int end = header.offset() + header.contentLength();
        if (sr.wrap(header) == RtcpDropReason.NONE) {
            assertThat(sr.rtpTimestamp() | sr.packetCount() | sr.octetCount()).isBetween(0L, 0xFFFF_FFFFL);
            assertThat(NtpTime.middle32(sr.ntpTimestamp())).isBetween(0L, 0xFFFF_FFFFL);
            visitBlocks(sr);
        }
        if (rr.wrap(header) == RtcpDropReason.NONE) {
            visitBlocks(rr);
        }
        if (sdes.wrap(header) == RtcpDropReason.NONE) {
            int chunks = 0;
            while (sdes.nextChunk()) {
                chunks++;
                assertThat(sdes.chunkSsrc()).isNotNegative();
                while (sdes.nextItem()) {
                    assertThat(sdes.itemType()).isPositive();
                    assertThat(sdes.itemTextOffset() + sdes.itemLength()).isLessThanOrEqualTo(end);
                    assertThat(sdes.itemText()).isNotNull();
                }
            }
            assertThat(chunks).isEqualTo(sdes.chunkCount()).isEqualTo(header.count());
        }
        if (bye.wrap(header) == RtcpDropReason.NONE) {
            for (int i = 0; i < bye.sourceCount(); i++) {
                assertThat(bye.ssrc(i)).isNotNegative();
            }
            if (bye.hasReason()) {
                assertThat(bye.reasonTextOffset() + bye.reasonLength()).isLessThanOrEqualTo(end);
            }
            assertThat(bye.reason()).isNotNull();
        }
        if (nack.wrap(header) == RtcpDropReason.NONE) {
            int[] lost = new int[nack.itemCount() * NackItem.MAX_LOST_PER_ITEM];
            int expected = 0;
            for (int i = 0; i < nack.itemCount(); i++) {
                expected += new NackItem(nack.packetId(i), nack.bitmask(i)).lostCount();
            }
            assertThat(nack.lostSequences(lost)).isEqualTo(expected);
            assertThat(Arrays.stream(lost, 0, expected).allMatch(s -> s >= 0 && s <= 0xFFFF)).isTrue();
        }
        if (twcc.wrap(header) == RtcpDropReason.NONE) {
            TransportCcFeedbackViewFuzzTest.checkVisit(twcc);
        }
        if (pli.wrap(header) == RtcpDropReason.NONE) {
            assertThat(pli.fciLength()).isZero();
        }
        if (fir.wrap(header) == RtcpDropReason.NONE) {
            for (int i = 0; i < fir.entryCount(); i++) {
                assertThat(fir.sequenceNumber(i)).isBetween(0, 255);
                assertThat(fir.ssrc(i)).isNotNegative();
            }
        }
        if (remb.wrap(header) == RtcpDropReason.NONE) {
            assertThat(remb.bitrate()).isNotNegative();
            for (int i = 0; i < remb.ssrcCount(); i++) {
                assertThat(remb.ssrc(i)).isNotNegative();
            }
        }
    }

    private static void visitBlocks(ReportPacketView report) {
        for (int i = 0; i < report.reportCount(); i++) {
            ReportBlockView block = report.reportBlock(i);
            assertThat(block.cumulativeLost()).isBetween(-(1 << 23), (1 << 23) - 1);
            assertThat(block.fractionLost()).isBetween(0, 255);
            assertThat(block.ssrc() | block.extendedHighestSequence() | block.jitter() | block.lastSenderReport()
                    | block.delaySinceLastSenderReport()).isBetween(0L, 0xFFFF_FFFFL);
        }
    }

    /** What decodes into writable values must encode into a compound that decodes to the same values. */
    private static void roundTrip(ByteBuf buf) {
        List<RtcpPacket> decoded = RtcpFixtures.decodeWritable(buf);
        if (decoded == null) {
            return;
        }
        CompoundRtcpPacket compound = new CompoundRtcpPacket(decoded);
        ByteBuf out = Unpooled.buffer(compound.encodedLength());
        try {
            compound.encodeTo(out);
            assertThat(out.readableBytes()).isEqualTo(compound.encodedLength());
            assertThat(RtcpFixtures.decodeWritable(out)).isEqualTo(decoded);
        } finally {
            out.release();
        }
    }

    /** Valid compounds from our writers, then every truncation, fixed-seed bit flips and extreme length fields. */
    @Test
    void generatedSeedsAndTheirMutations() {
        List<byte[]> seeds = seeds();
        Random random = new Random(3550);
        int accepted = 0;
        for (byte[] seed : seeds) {
            fuzz(seed);
            ByteBuf buf = Unpooled.wrappedBuffer(seed);
            try {
                assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
                accepted++;
            } finally {
                buf.release();
            }
            for (int cut = 0; cut < seed.length; cut++) {
                fuzz(Arrays.copyOf(seed, cut));
            }
            for (int flip = 0; flip < 300; flip++) {
                byte[] mutated = seed.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int bit = random.nextInt(seed.length * 8);
                    mutated[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                fuzz(mutated);
            }
            for (int at = 0; at + 4 <= seed.length; at += 4) {
                for (int value : new int[] {0x0000, 0xFFFF, 0x00FF}) {
                    byte[] mutated = seed.clone();
                    mutated[at + 2] = (byte) (value >>> 8);
                    mutated[at + 3] = (byte) value;
                    fuzz(mutated);
                }
            }
        }
        assertThat(accepted).isEqualTo(seeds.size());
    }

    static List<byte[]> seeds() {
        ReportBlock block = new ReportBlock(0xCAFEBABEL, 12, -3, 0x0002_FFFFL, 480, 0xB7052000L, 0x00054000L);
        SenderReport sr = new SenderReport(0x11223344L, NtpTime.fromUnixMillis(1_700_000_000_000L), 960_000, 5_000,
                400_000, List.of(block));
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(RtcpFixtures.encode(CompoundRtcpPacket.of(sr, SourceDescription.cname(0x11223344L,
                "relay-7f3a@hivemind"))));
        seeds.add(RtcpFixtures.encode(CompoundRtcpPacket.of(new ReceiverReport(0x55667788L, List.of(block, block)),
                new SourceDescription(List.of(new SdesChunk(1, List.of(SdesItem.cname("a"), new SdesItem(
                        SourceDescriptionView.TOOL, "hivemind"))), new SdesChunk(2, List.of()))),
                GenericNack.ofLostSequences(0x55667788L, 0x11223344L, 65533, 65535, 0, 4, 40),
                new Bye(List.of(0x55667788L, 1L), "shutting down"))));
        seeds.add(RtcpFixtures.encode(CompoundRtcpPacket.of(GenericNack.ofLostSequences(1, 2, 100, 101, 117))));
        seeds.add(RtcpFixtures.encode(CompoundRtcpPacket.of(new ReceiverReport(9, List.of()),
                new Bye(List.of(9L), ""))));
        byte[] twcc = RtcpFixtures.transportCc(1, 2, 65530, 30, -5, 7, new int[] {0x2004, 0xCD50, 0x9F1C,
                0x4002, 0x0003}, RtcpFixtures.hex("01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F FF 10 00 20"));
        seeds.add(twcc);
        seeds.add(RtcpFixtures.hex("""
                84 CE 00 04 | 00 00 00 01 | 00 00 00 00 | 00 00 00 02 | 05 00 00 00
                81 CE 00 02 | 00 00 00 01 | 00 00 00 02
                8F CE 00 05 | 00 00 00 01 | 00 00 00 00 | 52 45 4D 42 | 01 1A 20 DF | 48 74 ED 16
                """));
        return seeds;
    }
}
