package io.hivemind.relay.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PacketKindTest {

    private static PacketKind classify(int... bytes) {
        ByteBuf buf = Unpooled.buffer();
        try {
            for (int b : bytes) {
                buf.writeByte(b);
            }
            return PacketKind.classify(buf);
        } finally {
            buf.release();
        }
    }

    /** RFC 7983 §7, every first byte, with a second byte that is an RTP payload type. */
    @Test
    void everyFirstByteMapsToExactlyOneKindOrADrop() {
        for (int first = 0; first < 256; first++) {
            PacketKind expected = first <= 3 ? PacketKind.STUN
                    : first >= 20 && first <= 63 ? PacketKind.DTLS
                    : first >= 128 && first <= 191 ? PacketKind.RTP
                    : null;
            assertThat(classify(first, 111, 0, 0)).as("first byte %d", first).isEqualTo(expected);
        }
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of("empty datagram", new int[0], null),
                Arguments.of("single STUN byte", new int[] {0}, PacketKind.STUN),
                Arguments.of("single DTLS byte", new int[] {22}, PacketKind.DTLS),
                Arguments.of("single RTP byte", new int[] {0x80}, null),
                Arguments.of("ZRTP", new int[] {16, 0}, null),
                Arguments.of("TURN channel", new int[] {64, 0}, null),
                Arguments.of("RTCP sender report", new int[] {0x80, 200}, PacketKind.RTCP),
                Arguments.of("RTCP first type 192", new int[] {0x81, 192}, PacketKind.RTCP),
                Arguments.of("RTCP last type 223", new int[] {0x81, 223}, PacketKind.RTCP),
                Arguments.of("RTP marker + PT 63", new int[] {0x80, 191}, PacketKind.RTP),
                Arguments.of("RTP marker + PT 96", new int[] {0x80, 224}, PacketKind.RTP),
                Arguments.of("Opus PT 111", new int[] {0x90, 111}, PacketKind.RTP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void boundaryCases(String name, int[] bytes, PacketKind expected) {
        assertThat(classify(bytes)).isEqualTo(expected);
    }

    @Test
    void readsFromTheReaderIndex() {
        ByteBuf buf = Unpooled.buffer().writeByte(0xFF).writeByte(22);
        try {
            buf.skipBytes(1);
            assertThat(PacketKind.classify(buf)).isEqualTo(PacketKind.DTLS);
            assertThat(buf.readerIndex()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }
}
