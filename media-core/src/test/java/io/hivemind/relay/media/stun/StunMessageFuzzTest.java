package io.hivemind.relay.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any bytes either parse or give a drop reason; accepted messages can be walked, checked and rebuilt.
 * Regression mode replays src/test/resources/io/hivemind/relay/media/stun/StunMessageFuzzTestInputs/parse/.
 * Fuzzing mode: {@code JAZZER_FUZZ=1 mvn -o -pl media-core test -Dtest=StunMessageFuzzTest#parse}.
 */
class StunMessageFuzzTest {

    private static final byte[] KEY = "fuzzing-ice-password".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final StunMessage message = new StunMessage();
    private final StunMessage direct = new StunMessage();
    private final StunMessage rebuilt = new StunMessage();
    private final StunIntegrity integrity = new StunIntegrity(KEY);
    private final StunMessageWriter writer = new StunMessageWriter();
    private final byte[] address = new byte[16];

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) {
        ByteBuf heap = Unpooled.wrappedBuffer(data);
        ByteBuf off = Unpooled.directBuffer(data.length + 1).writeByte(0x55).writeBytes(data).skipBytes(1);
        ByteBuf out = Unpooled.buffer();
        try {
            StunDropReason reason = message.wrap(heap);
            assertThat(reason).isNotNull();
            assertThat(direct.wrap(off)).isEqualTo(reason);
            assertThat(StunMessage.isStun(heap)).isEqualTo(StunMessage.isStun(off));
            assertThat(heap.readerIndex()).isZero();
            if (reason != StunDropReason.NONE) {
                assertThat(message.firstAttribute()).isEqualTo(-1);
                return;
            }
            assertThat(StunMessage.isStun(heap) || data[0] > 3).isTrue();
            walk();
            assertThat(integrity.verify(direct)).isEqualTo(integrity.verify(message));
            assertThat(direct.verifyFingerprint()).isEqualTo(message.verifyFingerprint());
            rebuildAndReparse(out);
        } finally {
            heap.release();
            off.release();
            out.release();
        }
    }

    private void walk() {
        int count = 0;
        int previous = -1;
        for (int at = message.firstAttribute(); at >= 0; at = message.nextAttribute(at)) {
            assertThat(at).isGreaterThan(previous).isLessThanOrEqualTo(message.length() - 4);
            assertThat(at + 4 + message.attributeLength(at)).isLessThanOrEqualTo(message.length());
            message.attributeType(at);
            previous = at;
            count++;
        }
        assertThat(count).isLessThanOrEqualTo((message.length() - StunMessage.HEADER_LENGTH) / 4);
        message.messageClass();
        message.method();
        message.username();
        message.software();
        message.realm();
        message.nonce();
        message.errorReason();
        message.priority();
        message.xorMappedSocketAddress();
        for (int i = 0; i < message.listedUnknownAttributeCount(); i++) {
            message.listedUnknownAttribute(i);
        }
        for (int i = 0; i < message.reportedUnknownCount(); i++) {
            assertThat(StunAttributeType.isComprehensionRequired(message.reportedUnknown(i))).isTrue();
        }
        integrity.verify(message);
        integrity.verifySha1(message);
        message.verifyFingerprint();
    }

    /** Copies what ICE reads into a fresh, signed message and checks it reads back the same. */
    private void rebuildAndReparse(ByteBuf out) {
        writer.beginResponse(out, message, message.messageClass());
        int username = message.attribute(StunAttributeType.USERNAME);
        byte[] name = username < 0 ? null
                : ByteBufUtil.getBytes(message.buffer(), username + 4, message.attributeLength(username));
        if (name != null) {
            writer.username(name);
        }
        long priority = message.priority();
        if (priority >= 0) {
            writer.priority(priority);
        }
        if (message.has(StunAttributeType.ICE_CONTROLLING)) {
            writer.iceControlling(message.iceControlling());
        }
        if (message.useCandidate()) {
            writer.useCandidate();
        }
        int addressLength = message.xorMappedAddress(address);
        if (addressLength > 0) {
            writer.xorMappedAddress(Arrays.copyOf(address, addressLength), message.xorMappedAddressPort());
        }
        boolean rewritesError = message.errorCode() >= 300
                && ByteBufUtil.utf8Bytes(message.errorReason()) <= StunError.MAX_REASON_BYTES;
        if (rewritesError) {
            // Invalid UTF-8 decodes to U+FFFD, 3 bytes each: such a reason may no longer fit once re-encoded.
            writer.errorCode(new StunError(message.errorCode(), message.errorReason()));
        }
        writer.unknownAttributes(message).messageIntegrity(integrity).fingerprint().finish();

        assertThat(rebuilt.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(rebuilt.messageType()).isEqualTo(message.messageType());
        assertThat(rebuilt.transactionIdLow()).isEqualTo(message.transactionIdLow());
        assertThat(name == null || rebuilt.usernameEquals(name)).isTrue();
        assertThat(rebuilt.priority()).isEqualTo(priority);
        assertThat(rebuilt.iceControlling()).isEqualTo(message.iceControlling());
        assertThat(rebuilt.useCandidate()).isEqualTo(message.useCandidate());
        assertThat(rebuilt.xorMappedSocketAddress()).isEqualTo(message.xorMappedSocketAddress());
        assertThat(rebuilt.errorCode()).isEqualTo(rewritesError ? message.errorCode() : -1);
        assertThat(rebuilt.listedUnknownAttributeCount()).isEqualTo(message.reportedUnknownCount());
        assertThat(integrity.verify(rebuilt)).isTrue();
        assertThat(rebuilt.verifyFingerprint()).isTrue();
    }

    /** Seeds built by our own writer, then every truncation, fixed-seed bit flips and extreme length fields. */
    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(0x5354554EL);
        int fed = 0;
        for (byte[] seed : seeds()) {
            List<byte[]> variants = new ArrayList<>();
            variants.add(seed);
            for (int length = 0; length < seed.length; length++) {
                variants.add(Arrays.copyOf(seed, length));
            }
            for (int i = 0; i < 200; i++) {
                byte[] flipped = seed.clone();
                int bit = random.nextInt(seed.length * 8);
                flipped[bit / 8] ^= (byte) (1 << bit % 8);
                variants.add(flipped);
            }
            for (int at = 2; at < seed.length - 1; at += at < StunMessage.HEADER_LENGTH ? 18 : 4) {
                for (int value : new int[] {0, 0xFFFF, 4, 0xFFFC}) {
                    byte[] lengthChanged = seed.clone();
                    lengthChanged[at] = (byte) (value >>> 8);
                    lengthChanged[at + 1] = (byte) value;
                    variants.add(lengthChanged);
                }
            }
            for (byte[] variant : variants) {
                parse(variant);
                fed++;
            }
        }
        assertThat(fed).isGreaterThan(1000);
    }

    private List<byte[]> seeds() {
        StunIntegrity key = new StunIntegrity(KEY);
        byte[] tid = StunVectors.hex("00112233 44556677 8899aabb");
        List<byte[]> seeds = new ArrayList<>(List.of(StunVectors.REQUEST, StunVectors.IPV4_RESPONSE,
                StunVectors.IPV6_RESPONSE, StunVectors.LONG_TERM_REQUEST));
        ByteBuf out = Unpooled.buffer();
        try {
            writer.begin(out, StunMessageType.BINDING, StunClass.REQUEST, tid).username("abcd:efgh")
                    .priority(1853817087)
                    .iceControlling(-2).useCandidate().messageIntegrity(key).fingerprint().finish();
            seeds.add(ByteBufUtil.getBytes(out));
            out.clear();
            writer.begin(out, StunMessageType.BINDING, StunClass.SUCCESS_RESPONSE, tid)
                    .xorMappedAddress(StunVectors.hex("20010db8 00000000 00000000 00000001"), 443)
                    .messageIntegrity(key).messageIntegritySha256(key).fingerprint().finish();
            seeds.add(ByteBufUtil.getBytes(out));
            out.clear();
            writer.begin(out, StunMessageType.BINDING, StunClass.ERROR_RESPONSE, tid)
                    .errorCode(StunError.UNKNOWN_ATTRIBUTE).software("hivemind").fingerprint().finish();
            seeds.add(ByteBufUtil.getBytes(out));
            seeds.add(StunMessageTest.request("00030004 00000000 000a0004 00030004 00090008 00000401 61626364"));
        } finally {
            out.release();
        }
        return seeds;
    }
}
