package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.hivemind.relay.media.rtcp.RtcpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** What the value writers refuse, and appending a compound after bytes already in the buffer. */
class RtcpPacketWriterTest {

    static Stream<Arguments> invalidValues() {
        ReportBlock block = new ReportBlock(1, 0, 0, 0, 0, 0, 0);
        return Stream.of(
                argumentSet("SSRC above 32 bits", (Supplier<?>) () -> new ReceiverReport(1L << 32, List.of())),
                argumentSet("negative SSRC", (Supplier<?>) () -> new ReceiverReport(-1, List.of())),
                argumentSet("fraction lost 256", (Supplier<?>) () -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)),
                argumentSet("cumulative lost 2^23", (Supplier<?>) () -> new ReportBlock(1, 0, 1 << 23, 0, 0, 0, 0)),
                argumentSet("32 report blocks", (Supplier<?>) () -> new ReceiverReport(1,
                        Collections.nCopies(32, block))),
                argumentSet("SDES item type 0", (Supplier<?>) () -> new SdesItem(0, "x")),
                argumentSet("SDES text of 256 octets", (Supplier<?>) () -> SdesItem.cname("é".repeat(128))),
                argumentSet("SDES longer than 65536 words", (Supplier<?>) () -> new SourceDescription(List.of(
                        new SdesChunk(1, Collections.nCopies(1100, SdesItem.cname("x".repeat(240))))))),
                argumentSet("BYE reason of 256 octets", (Supplier<?>) () -> new Bye(List.of(1L), "x".repeat(256))),
                argumentSet("NACK without items", (Supplier<?>) () -> new GenericNack(1, 2, List.of())),
                argumentSet("NACK PID above 16 bits", (Supplier<?>) () -> new NackItem(65536, 0)),
                argumentSet("empty compound", (Supplier<?>) () -> new CompoundRtcpPacket(List.of())),
                argumentSet("compound starting with SDES", (Supplier<?>) () -> CompoundRtcpPacket.of(
                        SourceDescription.cname(1, "a"), new ReceiverReport(1, List.of()))),
                argumentSet("nested compound", (Supplier<?>) () -> CompoundRtcpPacket.of(
                        CompoundRtcpPacket.of(new ReceiverReport(1, List.of())))));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void refusesWhatDoesNotFitTheWire(Supplier<?> construction) {
        assertThatIllegalArgumentException().isThrownBy(construction::get);
    }

    @Test
    void appendsAtTheWriterIndex() {
        CompoundRtcpPacket compound = CompoundRtcpPacket.of(new ReceiverReport(0x11223344L, List.of()),
                new Bye(List.of(0x11223344L), ""));
        ByteBuf out = Unpooled.buffer(2 + compound.encodedLength());
        try {
            out.writeShort(0xABCD);
            compound.encodeTo(out);
            assertThat(out.writerIndex()).isEqualTo(2 + compound.encodedLength());
            byte[] written = new byte[out.readableBytes()];
            out.getBytes(0, written);
            assertThat(written).isEqualTo(hex("AB CD | 80 C9 00 01 | 11 22 33 44 | 81 CB 00 01 | 11 22 33 44"));
        } finally {
            out.release();
        }
    }

    @Test
    void aSourceDescriptionCursorSkipsUnvisitedItems() {
        byte[] wire = RtcpFixtures.encode(new SourceDescription(List.of(
                new SdesChunk(1, List.of(SdesItem.cname("first"), new SdesItem(SourceDescriptionView.NOTE, "n"))),
                new SdesChunk(2, List.of(SdesItem.cname("second"))))));
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            RtcpHeader header = new RtcpHeader();
            assertThat(header.wrap(buf, 0, wire.length)).isEqualTo(RtcpDropReason.NONE);
            SourceDescriptionView sdes = new SourceDescriptionView();
            assertThat(sdes.wrap(header)).isEqualTo(RtcpDropReason.NONE);
            assertThat(sdes.nextChunk()).isTrue();
            assertThat(sdes.chunkSsrc()).isEqualTo(1);
            assertThat(sdes.nextItem()).isTrue();
            assertThat(sdes.nextChunk()).isTrue();
            assertThat(sdes.chunkSsrc()).isEqualTo(2);
            assertThat(sdes.nextItem()).isTrue();
            assertThat(sdes.itemType()).isEqualTo(SourceDescriptionView.CNAME);
            assertThat(sdes.itemText()).isEqualTo("second");
            assertThat(sdes.nextItem()).isFalse();
            assertThat(sdes.nextChunk()).isFalse();
        } finally {
            buf.release();
        }
    }
}
