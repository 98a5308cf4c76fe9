package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.rtp.AudioLevelExtension;
import io.hivemind.relay.media.rtp.HeaderExtensionForm;
import io.hivemind.relay.media.rtp.HeaderExtensions;
import io.hivemind.relay.media.rtp.RtpPacket;
import io.hivemind.relay.media.rtp.RtpPacketWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The SFU's per-packet RTP work on a Chromium-style Opus packet: 12-byte header, a one-byte extension block with the
 * audio level (ID 1) and transport-wide sequence number (ID 3), 100 bytes of payload. Targets: parse + rewrite at
 * most 30 ns, and 0 B/op for every method ({@code -prof gc}).
 */
public class RtpBenchmark extends Microbenchmark {
    private static final int OPUS_PAYLOAD_TYPE = 111;
    private static final int AUDIO_LEVEL_ID = 1;
    private static final int TRANSPORT_SEQUENCE_ID = 3;
    private static final int PAYLOAD_LENGTH = 100;

    @Param({"heap", "direct"})
    public String buffer;

    private final RtpPacket packet = new RtpPacket();
    private final HeaderExtensions extensions = new HeaderExtensions();
    private ByteBuf datagram;
    private int sequenceNumber;

    @Setup
    public void setUp() {
        datagram = "direct".equals(buffer) ? Unpooled.directBuffer(256) : Unpooled.buffer(256);
        ByteBuf parts = Unpooled.buffer(PAYLOAD_LENGTH);
        for (int i = 0; i < PAYLOAD_LENGTH; i++) {
            parts.writeByte(i);
        }
        parts.setByte(0, AudioLevelExtension.encode(true, 42));
        parts.setShort(1, 0x0102);
        new RtpPacketWriter().start(datagram, OPUS_PAYLOAD_TYPE, false, 4711, 960_000, 0x1234_5678)
                .beginExtensions(HeaderExtensionForm.ONE_BYTE.profile())
                .extension(AUDIO_LEVEL_ID, parts, 0, 1)
                .extension(TRANSPORT_SEQUENCE_ID, parts, 1, 2)
                .payload(parts, 0, PAYLOAD_LENGTH)
                .finish(0);
        parts.release();
        if (!packet.wrap(datagram)) {
            throw new IllegalStateException("benchmark packet does not parse: " + packet.dropReason());
        }
    }

    @TearDown
    public void tearDown() {
        datagram.release();
    }

    /** What the SFU does per forwarded packet: validate, then rewrite SSRC, sequence number, timestamp and PT. */
    @Benchmark
    public int parseAndRewrite() {
        if (!packet.wrap(datagram)) {
            return -1;
        }
        packet.setSsrc(0xCAFE_BABE);
        packet.setSequenceNumber(++sequenceNumber);
        packet.setTimestamp(sequenceNumber * 960);
        packet.setPayloadType(OPUS_PAYLOAD_TYPE);
        return packet.payloadLength();
    }

    /** Parse and read the RFC 6464 audio level, as active-speaker detection does per packet. */
    @Benchmark
    public int parseAndReadAudioLevel() {
        if (!packet.wrap(datagram)) {
            return -1;
        }
        extensions.wrap(packet);
        return AudioLevelExtension.read(extensions, AUDIO_LEVEL_ID);
    }
}
