package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.srtp.SrtpContext;
import io.hivemind.relay.media.srtp.SrtpMasterKey;
import io.hivemind.relay.media.srtp.SrtpProfile;
import io.hivemind.relay.media.srtp.SrtpStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SRTP protect, and protect followed by unprotect on a second context, of a 160-byte Opus-sized RTP packet (12-byte
 * header, 148-byte payload) per profile. One heap buffer is reused: each invocation rewinds the writer index and
 * advances the sequence number, so the sender's ROC tracking and the receiver's index guess, replay window and ROC
 * roll-over (every 65,536 packets) run as they do live. Unprotect alone costs {@code roundTrip - protect}.
 * Run with {@code -prof gc}: gc.alloc.rate.norm should be 0 B/op.
 */
public class SrtpBenchmark extends Microbenchmark {

    private static final int RTP_LENGTH = 160;
    private static final int SEQ_OFFSET = 2;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    public SrtpProfile profile;

    private SrtpContext sender;
    private SrtpContext receiver;
    private ByteBuf packet;
    private int sequence;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] salt = new byte[profile.masterSaltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 13 + 5);
        }
        SrtpMasterKey master = new SrtpMasterKey(key, salt);
        sender = new SrtpContext(profile, master);
        receiver = new SrtpContext(profile, master);
        packet = Unpooled.buffer(RTP_LENGTH + 64, RTP_LENGTH + 64);
        packet.writeByte(0x80).writeByte(111).writeShort(0).writeInt(48_000).writeInt(0x1234_5678);
        for (int i = 12; i < RTP_LENGTH; i++) {
            packet.writeByte(i);
        }
        SrtpStatus status = roundTrip();
        if (status != SrtpStatus.OK) {
            throw new IllegalStateException("round trip failed: " + status);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        packet.release();
    }

    @Benchmark
    public SrtpStatus protect() {
        rewind();
        return sender.protectRtp(packet);
    }

    @Benchmark
    public SrtpStatus roundTrip() {
        rewind();
        SrtpStatus status = sender.protectRtp(packet);
        if (status != SrtpStatus.OK) {
            return status;
        }
        return receiver.unprotectRtp(packet);
    }

    private void rewind() {
        packet.setShort(SEQ_OFFSET, ++sequence);
        packet.writerIndex(RTP_LENGTH);
    }
}
