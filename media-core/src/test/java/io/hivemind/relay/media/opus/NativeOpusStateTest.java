package io.hivemind.relay.media.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeOpusStateTest {

    @Test
    void closeDestroysTheNativeStateExactlyOnce() {
        List<Long> destroyed = new ArrayList<>();
        Object owner = new Object();
        NativeOpusState state = new NativeOpusState(owner, "TestSession", 0xABCDL, destroyed::add);

        assertThat(state.address()).isEqualTo(0xABCDL);
        state.close();
        state.close();

        assertThat(destroyed).containsExactly(0xABCDL);
        assertThat(state.isClosed()).isTrue();
        assertThatThrownBy(state::address).isInstanceOf(IllegalStateException.class)
            .hasMessage("TestSession is closed");
        Reference.reachabilityFence(owner);
    }
}
