package io.hivemind.relay.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SrtpStreamTableTest {

    @Test
    void behavesLikeASetUnderRandomAddsAndRemoves() {
        int max = 8;
        SrtpStreamTable table = new SrtpStreamTable(max);
        Set<Integer> model = new HashSet<>();
        Random random = new Random(3711);
        for (int step = 0; step < 20_000; step++) {
            // Few distinct SSRCs in a 16-slot table: long probe chains, wrap-around and many backward shifts.
            int ssrc = random.nextInt(24) * 0x1000_0001;
            if (random.nextInt(3) == 0) {
                assertThat(table.remove(ssrc)).isEqualTo(model.remove(ssrc));
            } else {
                SrtpStream stream = table.lookup(ssrc);
                if (model.contains(ssrc)) {
                    assertThat(stream.registered).isTrue();
                    assertThat(stream.ssrc).isEqualTo(ssrc);
                } else if (model.size() == max) {
                    assertThat(stream).isNull();
                } else {
                    assertThat(stream.registered).isFalse();
                    table.keep(stream);
                    model.add(ssrc);
                }
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (int ssrc : model) {
            assertThat(table.lookup(ssrc).ssrc).isEqualTo(ssrc);
        }
    }

    @Test
    void aRemovedStreamComesBackFresh() {
        SrtpStreamTable table = new SrtpStreamTable(1);
        SrtpStream stream = table.lookup(5);
        table.keep(stream);
        stream.rtpWindow.accept(1234);
        stream.nextSrtcpIndex = 9;

        assertThat(table.lookup(6)).isNull();
        assertThat(table.remove(5)).isTrue();
        assertThat(table.remove(5)).isFalse();

        SrtpStream again = table.lookup(5);
        assertThat(again.registered).isFalse();
        assertThat(again.rtpWindow.highest()).isEqualTo(-1);
        assertThat(again.nextSrtcpIndex).isZero();
    }
}
