package io.hivemind.relay.sfu.room;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscriber sees one continuous stream across mute, unmute and republish of the producer. */
class StreamContinuityTest {
    private final List<RoomEvent> events = new ArrayList<>();
    private RoomFixture fixture;
    private RecordingTransport sub;
    private TrackInfo track;
    private Participant pub;

    @BeforeEach
    void setUp() {
        fixture = new RoomFixture();
        RoomFixture.await(fixture.room.addListener(events::add));
        fixture.join("pub");
        sub = fixture.join("sub");
        track = fixture.publish("pub", "audio0", 0xA);
        pub = fixture.participant("pub");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void sendRun(int ssrc, int firstSeq, int firstTs, int count) {
        for (int i = 0; i < count; i++) {
            fixture.send(pub, ssrc, firstSeq + i & 0xFFFF, firstTs + 960 * i, 40);
            fixture.clock.advanceMillis(20);
        }
    }

    @Test
    void serverMuteStopsForwardingAndUnmuteContinuesSeqAndAdvancesTsByElapsedTime() {
        sendRun(0xA, 100, 5_000, 5);
        RoomFixture.await(fixture.room.setMuted("pub", track.producerId(), true, true));
        sendRun(0xA, 105, 5_000 + 960 * 5, 50);
        assertThat(sub.rtp).hasSize(5);
        fixture.clock.advanceMillis(3_000);
        RoomFixture.await(fixture.room.setMuted("pub", track.producerId(), false, true));
        sendRun(0xA, 155, 5_000 + 960 * 55, 3);

        List<ForwardedRtp> got = ForwardedRtp.all(sub.rtp);
        assertThat(got).hasSize(8);
        ForwardedRtp lastBefore = got.get(4);
        ForwardedRtp firstAfter = got.get(5);
        assertThat(firstAfter.seq()).isEqualTo(lastBefore.seq() + 1 & 0xFFFF);
        // The last forwarded packet left 20 ms before the mute; then 50 packets × 20 ms and 3 s passed.
        assertThat(firstAfter.timestamp() - lastBefore.timestamp()).isEqualTo((20 + 50 * 20 + 3_000) * 48);
        assertThat(firstAfter.marker()).isTrue();
        assertThat(got.get(6).seq()).isEqualTo(firstAfter.seq() + 1 & 0xFFFF);
        assertThat(got.get(6).timestamp()).isEqualTo(firstAfter.timestamp() + 960);
        assertThat(got.get(6).marker()).isFalse();
        assertThat(events).filteredOn(RoomEvent.TrackMuted.class::isInstance)
                .extracting(e -> ((RoomEvent.TrackMuted) e).track().muted(), e -> ((RoomEvent.TrackMuted) e).byServer())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, true),
                        org.assertj.core.groups.Tuple.tuple(false, true));
    }

    @Test
    void republishWithANewSsrcKeepsTheConsumerLine() {
        sendRun(0xA, 40_000, 123_456, 4);
        TrackInfo republished = fixture.publish("pub", "audio0", 0xB);
        assertThat(republished.producerId()).isEqualTo(track.producerId());
        sendRun(0xB, 7, 999, 3);
        // The old SSRC is no longer a producer of the room.
        fixture.send(pub, 0xA, 40_004, 123_456 + 960 * 4, 40);

        List<ForwardedRtp> got = ForwardedRtp.all(sub.rtp);
        assertThat(got).hasSize(7);
        assertThat(got).extracting(ForwardedRtp::ssrc).containsOnly(got.get(0).ssrc());
        for (int i = 1; i < got.size(); i++) {
            assertThat(got.get(i).seq()).isEqualTo(got.get(i - 1).seq() + 1 & 0xFFFF);
            assertThat(got.get(i).timestamp() - got.get(i - 1).timestamp()).isEqualTo(960);
        }
        assertThat(got.get(4).payload()).isEqualTo(ForwardedRtp.payloadOf(7));
        assertThat(RoomFixture.await(fixture.room.call(() -> fixture.room.counters()
                .drops(RoomDropReason.UNKNOWN_SSRC)))).isEqualTo(1L);
    }

    @Test
    void reorderedPacketFromBeforeTheEpochIsDroppedNotRenumberedOntoOldSeqs() {
        sendRun(0xA, 10, 0, 3);
        RoomFixture.await(fixture.room.setMuted("pub", track.producerId(), true, false));
        RoomFixture.await(fixture.room.setMuted("pub", track.producerId(), false, false));
        fixture.send(pub, 0xA, 20, 960 * 10, 40);
        fixture.send(pub, 0xA, 19, 960 * 9, 40);
        fixture.send(pub, 0xA, 22, 960 * 12, 40);
        List<ForwardedRtp> got = ForwardedRtp.all(sub.rtp);
        int first = got.get(0).seq();
        assertThat(got).extracting(ForwardedRtp::seq).containsExactly(first, first + 1 & 0xFFFF, first + 2 & 0xFFFF,
                first + 3 & 0xFFFF, first + 5 & 0xFFFF);
    }
}
