package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.signaling.sdp.OfferedAudio;
import io.hivemind.relay.signaling.sdp.OutgoingTrack;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionSectionsTest {

    private static final OutgoingTrack ALICE = new OutgoingTrack(11, "PA_a", "PA_a", "TR_a");
    private static final OutgoingTrack BOB = new OutgoingTrack(22, "PA_b", "PA_b", "TR_b");
    private static final OutgoingTrack CAROL = new OutgoingTrack(33, "PA_c", "PA_c", "TR_c");

    private final SubscriptionSections sections = new SubscriptionSections();

    @Test
    void eachConsumerGetsItsOwnMidInOrder() {
        assertThat(sections.add(11, ALICE)).isEqualTo("c1");
        assertThat(sections.add(22, BOB)).isEqualTo("c2");

        assertThat(sections.offered()).containsExactly(new OfferedAudio("c1", ALICE), new OfferedAudio("c2", BOB));
        assertThat(sections.active()).isEqualTo(2);
    }

    @Test
    void aRetiredSectionStaysInactiveUntilTheClientAgreedThenCarriesTheNextConsumer() {
        sections.add(11, ALICE);
        sections.add(22, BOB);
        assertThat(sections.remove(11)).isTrue();
        assertThat(sections.remove(11)).as("already retired").isFalse();

        assertThat(sections.add(33, CAROL)).as("not yet agreed idle: a new section").isEqualTo("c3");
        List<OfferedAudio> offered = sections.offered();
        assertThat(offered.get(0)).isEqualTo(new OfferedAudio("c1", null));

        sections.agreed(offered);
        sections.remove(33);
        assertThat(sections.add(44, new OutgoingTrack(44, "PA_d", "PA_d", "TR_d"))).isEqualTo("c1");
        assertThat(sections.active()).isEqualTo(2);
    }
}
