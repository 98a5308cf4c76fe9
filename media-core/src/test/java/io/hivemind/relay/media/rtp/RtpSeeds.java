package io.hivemind.relay.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** Valid packets built with {@link RtpPacketWriter}, and deterministic mutations of them, for the fuzz targets. */
final class RtpSeeds {
    private static final int BIT_FLIPS_PER_SEED = 300;
    private static final long RANDOM_SEED = 0x5EED_0001L;

    private RtpSeeds() {
    }

    /** A spread of valid packets: bare, CSRCs, one-byte and two-byte blocks, padding, Chromium Opus. */
    static List<byte[]> validPackets() {
        RtpPacketWriter writer = new RtpPacketWriter();
        ByteBuf bytes = Unpooled.buffer(300);
        for (int i = 0; i < 300; i++) {
            bytes.writeByte(i * 37);
        }
        List<byte[]> packets = new ArrayList<>();
        ByteBuf dst = Unpooled.buffer();
        try {
            writer.start(dst, 0, false, 0, 0, 0).finish(0);
            packets.add(take(dst));
            writer.start(dst, 111, true, 65535, -1, 0x12345678).payload(bytes, 0, 20).finish(4);
            packets.add(take(dst));
            writer.start(dst, 96, false, 1, 2, 3).csrc(0xAAAAAAAA).csrc(0xBBBBBBBB).payload(bytes, 0, 5).finish(0);
            packets.add(take(dst));
            writer.start(dst, 111, false, 0x1234, 123456, 0xCAFEBABE).beginExtensions(0xBEDE)
                    .extension(1, bytes, 0, 1).extension(3, bytes, 1, 2).payload(bytes, 0, 100).finish(0);
            packets.add(take(dst));
            writer.start(dst, 100, true, 7, 8, 9).csrc(1).beginExtensions(0xBEDE).extensionPadding(2)
                    .extension(14, bytes, 0, 16).extension(2, bytes, 3, 3).payload(bytes, 0, 8).finish(255);
            packets.add(take(dst));
            writer.start(dst, 127, false, 10, 11, 12).beginExtensions(0x1003).extension(255, bytes, 0, 255)
                    .extension(1, bytes, 0, 0).extensionPadding(1).extension(15, bytes, 9, 4).payload(bytes, 0, 1)
                    .finish(1);
            packets.add(take(dst));
            return packets;
        } finally {
            dst.release();
            bytes.release();
        }
    }

    private static byte[] take(ByteBuf dst) {
        byte[] packet = ByteBufUtil.getBytes(dst);
        dst.clear();
        return packet;
    }

    /**
     * Feeds {@code seed} and its mutations to {@code target}: every truncation, fixed-seed random bit flips, and
     * every length-bearing byte (CC, extension length, element headers, padding count) set to 0 and to all ones.
     */
    static void mutate(byte[] seed, Consumer<byte[]> target) {
        target.accept(seed);
        for (int length = 0; length < seed.length; length++) {
            target.accept(Arrays.copyOf(seed, length));
        }
        Random random = new Random(RANDOM_SEED);
        for (int i = 0; i < BIT_FLIPS_PER_SEED; i++) {
            byte[] copy = seed.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            target.accept(copy);
        }
        for (int index : lengthFields(seed)) {
            for (int value : new int[] {0x00, 0xFF}) {
                byte[] copy = seed.clone();
                copy[index] = (byte) value;
                target.accept(copy);
            }
        }
    }

    /** Indexes of the bytes that carry a length or count in a valid packet. */
    private static int[] lengthFields(byte[] seed) {
        List<Integer> indexes = new ArrayList<>(List.of(0, seed.length - 1));
        ByteBuf buf = Unpooled.wrappedBuffer(seed);
        try {
            RtpPacket packet = new RtpPacket();
            if (packet.wrap(buf) && packet.hasExtension()) {
                int block = packet.extensionDataOffset();
                indexes.add(block - 2);
                indexes.add(block - 1);
                HeaderExtensions extensions = new HeaderExtensions();
                extensions.wrap(packet);
                while (extensions.next()) {
                    indexes.add(extensions.valueOffset() - 1);
                }
            }
        } finally {
            buf.release();
        }
        return indexes.stream().mapToInt(Integer::intValue).toArray();
    }
}
