package io.hivemind.relay.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostCandidateTest {

    static Stream<Arguments> candidates() throws Exception {
        return Stream.of(
                // 126 << 24 | 65535 << 8 | 255, the value Chromium gives its first host candidate too.
                Arguments.of("first IPv4", 0, InetAddress.getByName("127.0.0.1"), 40_000,
                        "candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host"),
                Arguments.of("second address ranks lower", 1, InetAddress.getByName("203.0.113.5"), 40_000,
                        "candidate:2 1 udp 2130706175 203.0.113.5 40000 typ host"),
                Arguments.of("IPv6", 0, InetAddress.getByName("2001:db8::5"), 3478,
                        "candidate:1 1 udp 2130706431 2001:db8:0:0:0:0:0:5 3478 typ host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void writesTheSdpCandidate(String name, int index, InetAddress address, int port, String sdp) {
        assertThat(HostCandidate.of(index, address, port).toSdpValue()).isEqualTo(sdp);
    }

    @org.junit.jupiter.api.Test
    void priorityFollowsRfc8445Formula() {
        assertThat(HostCandidate.priority(126, 65535, 1)).isEqualTo(2_130_706_431L);
        assertThat(HostCandidate.priority(0, 0, 256)).isZero();
        assertThatThrownBy(() -> HostCandidate.of(0, InetAddress.getLoopbackAddress(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
