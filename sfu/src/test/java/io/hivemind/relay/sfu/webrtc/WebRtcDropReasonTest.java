package io.hivemind.relay.sfu.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.hivemind.relay.media.srtp.SrtpProfile;
import io.hivemind.relay.media.srtp.SrtpStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebRtcDropReasonTest {

    static Stream<Arguments> inboundStatuses() {
        return Stream.of(
                Arguments.of(SrtpStatus.AUTH_FAILED, WebRtcDropReason.INBOUND_AUTH_FAILED),
                Arguments.of(SrtpStatus.REPLAYED, WebRtcDropReason.INBOUND_REPLAYED),
                Arguments.of(SrtpStatus.TOO_OLD, WebRtcDropReason.INBOUND_REPLAYED),
                Arguments.of(SrtpStatus.TOO_SHORT, WebRtcDropReason.INBOUND_MALFORMED),
                Arguments.of(SrtpStatus.TOO_LONG, WebRtcDropReason.INBOUND_MALFORMED),
                Arguments.of(SrtpStatus.MALFORMED, WebRtcDropReason.INBOUND_MALFORMED),
                Arguments.of(SrtpStatus.NO_TAILROOM, WebRtcDropReason.INBOUND_MALFORMED),
                Arguments.of(SrtpStatus.STREAM_LIMIT, WebRtcDropReason.INBOUND_REJECTED),
                Arguments.of(SrtpStatus.KEY_EXHAUSTED, WebRtcDropReason.INBOUND_REJECTED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("inboundStatuses")
    void everyFailedUnprotectHasADropReason(SrtpStatus status, WebRtcDropReason reason) {
        assertThat(WebRtcDropReason.inbound(status)).isEqualTo(reason);
    }

    @Test
    void okIsNotADrop() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebRtcDropReason.inbound(SrtpStatus.OK));
    }

    @Test
    void theTableCoversEveryStatus() {
        assertThat(inboundStatuses().map(arguments -> arguments.get()[0])).hasSize(SrtpStatus.values().length - 1);
    }

    @Test
    void tailroomFitsTheLargestSrtcpTrailerAndTag() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            assertThat(WebRtcTransport.MAX_SRTP_OVERHEAD).as("%s", profile)
                    .isGreaterThanOrEqualTo(profile.rtpTagLength())
                    .isGreaterThanOrEqualTo(4 + profile.rtcpTagLength());
        }
        assertThat(WebRtcTransport.MAX_SRTP_OVERHEAD).isEqualTo(20);
    }
}
