package io.hivemind.relay.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MediaSocketGroupTest {

    @Test
    void onePortPerMediaLoopAnnouncingTheConfiguredAddress() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress announced = InetAddress.getByName("203.0.113.9");
        try (MediaSocketGroup group = MediaSocketGroup.start(
                new MediaSocketGroup.Config(loopback, 0, 2, List.of(announced), true))) {
            UdpMediaSocket first = group.nextSocket();
            UdpMediaSocket second = group.nextSocket();

            assertThat(group.nextSocket()).isSameAs(first);
            assertThat(first.loop()).isNotSameAs(second.loop());
            assertThat(first.localAddress().getPort()).isNotEqualTo(second.localAddress().getPort());
            assertThat(first.candidates()).singleElement().satisfies(c -> {
                assertThat(c.address()).isEqualTo(announced);
                assertThat(c.port()).isEqualTo(first.localAddress().getPort());
            });
            String thread = first.loop().submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
            assertThat(thread).startsWith("media-loop");
        }
    }

    @Test
    void theEventLoopGroupIsTheSocketsLoops() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (MediaSocketGroup group = MediaSocketGroup.start(
                new MediaSocketGroup.Config(loopback, 0, 2, List.of(), true))) {
            List<Object> loops = new ArrayList<>();
            group.eventLoopGroup().forEach(loops::add);

            assertThat(loops).containsExactlyElementsOf(group.sockets().stream().map(UdpMediaSocket::loop).toList());
        }
    }

    @Test
    void aWildcardBindNeedsAnAnnouncedAddress() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> new MediaSocketGroup.Config(any, 0, 1, List.of(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announced");
        assertThatThrownBy(() -> new MediaSocketGroup.Config(any, 65535, 2, List.of(any), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaSocketGroup.Config(any, 0, 0, List.of(any), true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
