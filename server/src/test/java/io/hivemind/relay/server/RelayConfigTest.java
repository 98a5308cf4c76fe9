package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RelayConfigTest {

    @Test
    void defaultsAreLoopbackDevSetup() {
        RelayConfig c = RelayConfig.defaults();
        assertThat(c.bindHost()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(7880);
        assertThat(c.mediaPort()).isEqualTo(7882);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void rejectsCollidingPorts() {
        assertThatThrownBy(() -> new RelayConfig("127.0.0.1", 7000, 7000, Path.of("d")))
                .hasMessageContaining("must differ");
    }

    @Test
    void rejectsBlankHost() {
        assertThatThrownBy(() -> new RelayConfig(" ", 1, 2, Path.of("d")))
                .hasMessageContaining("bind host");
    }
}
