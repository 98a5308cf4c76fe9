package io.hivemind.relay.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Walking the elements of any bytes ends, without exceptions, with every element inside its block and shaped as its
 * form allows; in-place rewrites of each value with itself leave the bytes unchanged. The first two input bytes are
 * taken as the "defined by profile" value, the rest as the extension data (the length field left out).
 *
 * <p>Fuzzing mode: {@code JAZZER_FUZZ=1 mvn -o -pl media-core test -Dtest=HeaderExtensionsFuzzTest}.
 */
class HeaderExtensionsFuzzTest {
    private static final int PROFILE_LENGTH = 2;

    @FuzzTest
    void walk(byte[] data) {
        check(data);
    }

    @Test
    void generatedSeedsAndMutationsHoldTheInvariants() {
        for (byte[] packet : RtpSeeds.validPackets()) {
            byte[] block = blockOf(packet);
            if (block != null) {
                RtpSeeds.mutate(block, HeaderExtensionsFuzzTest::check);
            }
        }
    }

    /** The profile and data of a packet's extension block, in this target's input layout. */
    private static byte[] blockOf(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            RtpPacket packet = new RtpPacket();
            if (!packet.wrap(buf) || !packet.hasExtension()) {
                return null;
            }
            byte[] block = Arrays.copyOfRange(data, packet.extensionDataOffset() - 2, packet.headerLength());
            block[0] = data[packet.extensionDataOffset() - 4];
            block[1] = data[packet.extensionDataOffset() - 3];
            return block;
        } finally {
            buf.release();
        }
    }

    private static void check(byte[] data) {
        if (data.length < PROFILE_LENGTH) {
            return;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            int profile = buf.getUnsignedShort(0);
            int end = data.length;
            HeaderExtensions extensions = new HeaderExtensions();
            extensions.wrap(buf, profile, PROFILE_LENGTH, end - PROFILE_LENGTH);
            HeaderExtensionForm form = HeaderExtensionForm.of(profile);
            int elements = 0;
            int previousEnd = PROFILE_LENGTH;
            while (extensions.next()) {
                elements++;
                assertThat(elements).as("the walk advances").isLessThanOrEqualTo(end - PROFILE_LENGTH);
                assertThat(form).isNotNull();
                assertThat(form.fits(extensions.id(), extensions.valueLength())).isTrue();
                assertThat(extensions.valueOffset()).isGreaterThanOrEqualTo(previousEnd + form.elementHeaderLength());
                assertThat(extensions.valueOffset() + extensions.valueLength()).isLessThanOrEqualTo(end);
                previousEnd = extensions.valueOffset() + extensions.valueLength();
            }
            assertThat(extensions.next()).isFalse();
            checkRewritesInPlace(buf, data, profile);
        } finally {
            buf.release();
        }
    }

    private static void checkRewritesInPlace(ByteBuf buf, byte[] data, int profile) {
        byte[] before = data.clone();
        HeaderExtensions walker = new HeaderExtensions();
        HeaderExtensions writer = new HeaderExtensions();
        walker.wrap(buf, profile, PROFILE_LENGTH, data.length - PROFILE_LENGTH);
        writer.wrap(buf, profile, PROFILE_LENGTH, data.length - PROFILE_LENGTH);
        while (walker.next()) {
            int level = AudioLevelExtension.read(writer, walker.id());
            assertThat(level).isBetween(-1, 255);
            assertThat(writer.find(walker.id())).isTrue();
            // With a repeated ID, a rewrite by ID lands on the first element carrying it.
            if (writer.valueOffset() == walker.valueOffset()) {
                assertThat(writer.rewrite(walker.id(), buf, walker.valueOffset(), walker.valueLength())).isTrue();
            }
        }
        assertThat(data).isEqualTo(before);
    }
}
