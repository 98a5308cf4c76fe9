package io.hivemind.relay.media.srtp;

import static io.hivemind.relay.media.srtp.Packets.bytes;
import static io.hivemind.relay.media.srtp.Packets.key;
import static io.hivemind.relay.media.srtp.Packets.rtcp;
import static io.hivemind.relay.media.srtp.Packets.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds arbitrary bytes to protect and unprotect. Input: one selector byte (bits 0-1 profile, bit 2 RTCP) then the
 * packet. Invariants: a status always, never an exception; anything but OK leaves the buffer untouched; unprotect OK
 * only for what the matching sender produced; protect OK implies the receiver gets the same bytes back.
 *
 * <p>Regression mode runs the seeds in {@code SrtpContextFuzzTestInputs/fuzz}. Fuzzing mode:
 * {@code JAZZER_FUZZ=1 mvn -o -pl media-core test -Dtest=SrtpContextFuzzTest#fuzz}.
 */
class SrtpContextFuzzTest {

    private static final int KEY_SEED = 42;

    @FuzzTest
    void fuzz(byte[] input) {
        if (input.length == 0) {
            return;
        }
        SrtpProfile profile = SrtpProfile.values()[input[0] & 3];
        boolean rtcp = (input[0] & 4) != 0;
        byte[] packet = Arrays.copyOfRange(input, 1, input.length);
        checkUnprotect(profile, rtcp, packet);
        checkProtectRoundTrip(profile, rtcp, packet);
    }

    /** Seeds the tests generate: valid packets of every kind, then truncations, bit flips and extreme lengths. */
    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(7714);
        for (SrtpProfile profile : SrtpProfile.values()) {
            for (boolean isRtcp : new boolean[] {false, true}) {
                byte[] wire = isRtcp ? protect(profile, true, rtcp(0x5eed)) : protect(profile, false,
                        rtp(65535, 0x5eed, 60, true));
                byte selector = (byte) (profile.ordinal() | (isRtcp ? 4 : 0));
                assertThat(unprotectStatus(profile, isRtcp, wire)).isEqualTo(SrtpStatus.OK);
                fuzz(withSelector(selector, wire));

                for (int length = 0; length < wire.length; length++) {
                    byte[] truncated = Arrays.copyOf(wire, length);
                    assertThat(unprotectStatus(profile, isRtcp, truncated)).isNotEqualTo(SrtpStatus.OK);
                    fuzz(withSelector(selector, truncated));
                }
                for (int i = 0; i < 48; i++) {
                    byte[] flipped = wire.clone();
                    int bit = random.nextInt(flipped.length * 8);
                    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                    assertThat(unprotectStatus(profile, isRtcp, flipped)).isNotEqualTo(SrtpStatus.OK);
                    fuzz(withSelector(selector, flipped));
                }
                for (byte[] extreme : extremeLengths(wire, isRtcp)) {
                    assertThat(unprotectStatus(profile, isRtcp, extreme)).isNotEqualTo(SrtpStatus.OK);
                    fuzz(withSelector(selector, extreme));
                }
            }
        }
    }

    private static List<byte[]> extremeLengths(byte[] wire, boolean isRtcp) {
        List<byte[]> out = new ArrayList<>();
        if (isRtcp) {
            for (int value : new int[] {0, 0xffff}) {
                byte[] copy = wire.clone();
                copy[2] = (byte) (value >>> 8);
                copy[3] = (byte) value;
                out.add(copy);
            }
        } else {
            byte[] maxCsrc = wire.clone();
            maxCsrc[0] = (byte) (maxCsrc[0] | 0x0f);
            out.add(maxCsrc);
            for (int value : new int[] {0, 0xffff}) {
                byte[] copy = wire.clone();
                copy[18] = (byte) (value >>> 8);
                copy[19] = (byte) value;
                out.add(copy);
            }
        }
        return out;
    }

    private static void checkUnprotect(SrtpProfile profile, boolean isRtcp, byte[] packet) {
        ByteBuf buffer = Unpooled.buffer(packet.length + Packets.TAILROOM).writeBytes(packet);
        try {
            SrtpContext receiver = new SrtpContext(profile, key(profile, KEY_SEED), 2);
            SrtpStatus status = isRtcp ? receiver.unprotectRtcp(buffer) : receiver.unprotectRtp(buffer);
            assertThat(status).isNotNull();
            assertThat(buffer.readerIndex()).isZero();
            if (status == SrtpStatus.OK) {
                int overhead = isRtcp ? SrtcpTrailer.LENGTH + profile.rtcpTagLength() : profile.rtpTagLength();
                assertThat(buffer.readableBytes()).isEqualTo(packet.length - overhead);
            } else {
                assertThat(bytes(buffer)).isEqualTo(packet);
            }
        } finally {
            buffer.release();
        }
    }

    private static void checkProtectRoundTrip(SrtpProfile profile, boolean isRtcp, byte[] packet) {
        ByteBuf buffer = Unpooled.buffer(packet.length + Packets.TAILROOM).writeBytes(packet);
        try {
            SrtpContext sender = new SrtpContext(profile, key(profile, KEY_SEED), 2);
            SrtpStatus status = isRtcp ? sender.protectRtcp(buffer) : sender.protectRtp(buffer);
            assertThat(status).isNotNull();
            if (status != SrtpStatus.OK) {
                assertThat(bytes(buffer)).isEqualTo(packet);
                return;
            }
            SrtpContext receiver = new SrtpContext(profile, key(profile, KEY_SEED), 2);
            SrtpStatus back = isRtcp ? receiver.unprotectRtcp(buffer) : receiver.unprotectRtp(buffer);
            assertThat(back).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(buffer)).isEqualTo(packet);
        } finally {
            buffer.release();
        }
    }

    private static byte[] protect(SrtpProfile profile, boolean isRtcp, byte[] plain) {
        ByteBuf buffer = Packets.heap(plain);
        try {
            SrtpContext sender = new SrtpContext(profile, key(profile, KEY_SEED), 2);
            assertThat(isRtcp ? sender.protectRtcp(buffer) : sender.protectRtp(buffer)).isEqualTo(SrtpStatus.OK);
            return bytes(buffer);
        } finally {
            buffer.release();
        }
    }

    private static SrtpStatus unprotectStatus(SrtpProfile profile, boolean isRtcp, byte[] wire) {
        ByteBuf buffer = Packets.heap(wire);
        try {
            SrtpContext receiver = new SrtpContext(profile, key(profile, KEY_SEED), 2);
            return isRtcp ? receiver.unprotectRtcp(buffer) : receiver.unprotectRtp(buffer);
        } finally {
            buffer.release();
        }
    }

    private static byte[] withSelector(byte selector, byte[] packet) {
        byte[] input = new byte[packet.length + 1];
        input[0] = selector;
        System.arraycopy(packet, 0, input, 1, packet.length);
        return input;
    }
}
