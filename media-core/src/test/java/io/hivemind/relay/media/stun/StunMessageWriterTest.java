package io.hivemind.relay.media.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunMessageWriterTest {

    private static final byte[] TRANSACTION_ID = StunVectors.hex("0a0b0c0d 01020304 05060708");
    private static final String PASSWORD = "pG8pZ0iVzVJ4nG1b6cqW3l2M";

    private final StunMessageWriter writer = new StunMessageWriter();
    private final StunMessage message = new StunMessage();
    private final StunIntegrity integrity = StunIntegrity.shortTerm(PASSWORD);
    private final ByteBuf out = Unpooled.directBuffer();
    private final ByteBuf request = Unpooled.buffer();

    @AfterEach
    void release() {
        out.release();
        request.release();
    }

    /** What a Chromium controlling agent sends when nominating (RFC 8445 §7.1). */
    @Test
    void buildsAnIceRequestThatVerifies() {
        int length = writer.begin(out, StunMessageType.BINDING, StunClass.REQUEST, TRANSACTION_ID)
                .username("Xq3w:aB9c")
                .priority(0x6e7f1effL)
                .iceControlling(0x0123456789abcdefL)
                .useCandidate()
                .messageIntegrity(integrity)
                .fingerprint()
                .finish();
        assertThat(length).isEqualTo(out.readableBytes()).isEqualTo(20 + 16 + 8 + 12 + 4 + 24 + 8);
        assertThat(message.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(message.isBindingRequest()).isTrue();
        assertThat(message.transactionIdHigh()).isEqualTo(0x0a0b0c0d);
        assertThat(message.username()).isEqualTo("Xq3w:aB9c");
        assertThat(out.getByte(20 + 4 + 9)).isZero();
        assertThat(message.priority()).isEqualTo(0x6e7f1effL);
        assertThat(message.iceControlling()).isEqualTo(0x0123456789abcdefL);
        assertThat(message.useCandidate()).isTrue();
        assertThat(integrity.verify(message)).isTrue();
        assertThat(message.verifyFingerprint()).isTrue();
    }

    @Test
    void buildsASuccessResponseToARequest() throws Exception {
        writer.begin(request, StunMessageType.BINDING, StunClass.REQUEST, TRANSACTION_ID).username("a:b")
                .messageIntegrity(integrity).fingerprint().finish();
        assertThat(message.wrap(request)).isEqualTo(StunDropReason.NONE);
        byte[] address = {(byte) 203, 0, 113, 7};
        writer.beginResponse(out, message, StunClass.SUCCESS_RESPONSE).xorMappedAddress(address, 50_000)
                .messageIntegrity(integrity).fingerprint().finish();
        StunMessage response = new StunMessage();
        assertThat(response.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(response.transactionIdLow()).isEqualTo(message.transactionIdLow());
        assertThat(response.xorMappedAddressPort()).isEqualTo(50_000);
        byte[] decoded = new byte[16];
        assertThat(response.xorMappedAddress(decoded)).isEqualTo(4);
        assertThat(java.util.Arrays.copyOf(decoded, 4)).isEqualTo(address);
        assertThat(out.getByte(20 + 4 + 4)).isNotEqualTo(address[0]);
        assertThat(integrity.verify(response)).isTrue();
        assertThat(response.verifyFingerprint()).isTrue();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(Named.of("400", StunError.BAD_REQUEST)),
                Arguments.of(Named.of("401", StunError.UNAUTHORIZED)),
                Arguments.of(Named.of("487", StunError.ROLE_CONFLICT)),
                Arguments.of(Named.of("699 with UTF-8 reason", new StunError(699, "Fehler \u00fcberall"))));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void buildsErrorResponses(StunError error) {
        writer.begin(out, StunMessageType.BINDING, StunClass.ERROR_RESPONSE, TRANSACTION_ID).errorCode(error)
                .fingerprint().finish();
        assertThat(message.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(message.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(message.errorCode()).isEqualTo(error.code());
        assertThat(message.errorReason()).isEqualTo(error.reason());
        assertThat(message.verifyFingerprint()).isTrue();
    }

    /** RFC 8489 §6.3.1.1: a request with unknown comprehension-required attributes gets 420 listing them. */
    @Test
    void answers420WithTheUnknownAttributes() {
        request.writeBytes(StunMessageTest.request("00310004 00000000 7f010000 c0010000"));
        assertThat(message.wrap(request)).isEqualTo(StunDropReason.NONE);
        writer.beginResponse(out, message, StunClass.ERROR_RESPONSE).errorCode(StunError.UNKNOWN_ATTRIBUTE)
                .unknownAttributes(message).messageIntegrity(integrity).fingerprint().finish();
        StunMessage response = new StunMessage();
        assertThat(response.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(response.errorCode()).isEqualTo(420);
        assertThat(response.listedUnknownAttributeCount()).isEqualTo(2);
        assertThat(response.listedUnknownAttribute(0)).isEqualTo(0x0031);
        assertThat(response.listedUnknownAttribute(1)).isEqualTo(0x7f01);
        assertThat(integrity.verify(response)).isTrue();
    }

    @Test
    void integritySha256AfterSha1BothVerify() {
        writer.begin(out, StunMessageType.BINDING, StunClass.REQUEST, TRANSACTION_ID).username("u:v")
                .messageIntegrity(integrity).messageIntegritySha256(integrity).fingerprint().finish();
        assertThat(message.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(integrity.verifySha1(message)).isTrue();
        assertThat(integrity.verifySha256(message)).isTrue();
        assertThat(message.verifyFingerprint()).isTrue();
        assertThat(StunIntegrity.shortTerm(PASSWORD + "x").verify(message)).isFalse();
    }

    /**
     * RFC 8489 §14.6: MESSAGE-INTEGRITY-SHA256 may be truncated to 16..32 bytes in steps of 4; the HMAC input's
     * length field then ends at the truncated attribute. The expected value comes from the JDK's HmacSHA256.
     */
    @Test
    void verifiesTruncatedSha256() throws Exception {
        writer.begin(out, StunMessageType.BINDING, StunClass.REQUEST, TRANSACTION_ID).username("u:v").finish();
        int attribute = out.writerIndex();
        out.writeShort(StunAttributeType.MESSAGE_INTEGRITY_SHA256).writeShort(16);
        out.setShort(2, attribute + 20 - 20);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PASSWORD.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] covered = new byte[attribute];
        out.getBytes(0, covered);
        out.writeBytes(mac.doFinal(covered), 0, 16);

        assertThat(message.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(integrity.verify(message)).isTrue();
        out.setByte(out.writerIndex() - 1, out.getByte(out.writerIndex() - 1) ^ 1);
        assertThat(integrity.verify(message)).isFalse();
    }

    @Test
    void refusesAttributesAfterIntegrityOrFingerprint() {
        writer.begin(out, StunMessageType.BINDING, StunClass.REQUEST, TRANSACTION_ID).messageIntegrity(integrity);
        assertThatThrownBy(() -> writer.priority(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> writer.messageIntegrity(integrity)).isInstanceOf(IllegalStateException.class);
        writer.fingerprint();
        assertThatThrownBy(writer::fingerprint).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> writer.messageIntegritySha256(integrity)).isInstanceOf(IllegalStateException.class);
        writer.finish();
        assertThatThrownBy(writer::useCandidate).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesOutOfRangeValues() {
        writer.begin(out, StunMessageType.BINDING, StunClass.REQUEST, TRANSACTION_ID);
        assertThatThrownBy(() -> writer.username(new byte[514])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.software("x".repeat(764))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.priority(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.xorMappedAddress(new byte[5], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.begin(out, 1, StunClass.REQUEST, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StunError(700, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunMessageType.of(0x1000, StunClass.REQUEST))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integrityRedactsItsKey() {
        assertThat(integrity.toString()).doesNotContain(PASSWORD).contains("redacted");
    }
}
