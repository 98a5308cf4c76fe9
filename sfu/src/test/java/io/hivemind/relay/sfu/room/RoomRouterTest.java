package io.hivemind.relay.sfu.room;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoomRouterTest {
    private static final int SSRC = 0x1111_2222;
    private RoomFixture fixture;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0} subscribers")
    @ValueSource(ints = {1, 3, 9})
    void fansOutToEverySubscriberWithItsOwnContinuousLine(int subscribers) {
        fixture = new RoomFixture();
        RecordingTransport publisher = fixture.join("pub");
        RecordingTransport[] subs = new RecordingTransport[subscribers];
        for (int i = 0; i < subscribers; i++) {
            subs[i] = fixture.join(new JoinOptions("sub" + i, null, null, false, false, true, 100 + i, i % 3));
        }
        fixture.publish("pub", "0", SSRC);
        for (int i = 0; i < 20; i++) {
            fixture.send(fixture.participant("pub"), SSRC, 65_530 + i & 0xFFFF, 1_000 + 960 * i, 30);
            fixture.clock.advanceMillis(20);
        }
        Set<Integer> ssrcs = new HashSet<>();
        for (int s = 0; s < subscribers; s++) {
            List<ForwardedRtp> got = ForwardedRtp.all(subs[s].rtp);
            assertThat(got).hasSize(20);
            assertThat(subs[s].tailroomViolations).isZero();
            ForwardedRtp first = got.get(0);
            assertThat(first.ssrc()).isNotEqualTo(SSRC);
            assertThat(first.marker()).isTrue();
            ssrcs.add(first.ssrc());
            for (int i = 0; i < got.size(); i++) {
                ForwardedRtp p = got.get(i);
                assertThat(p.ssrc()).isEqualTo(first.ssrc());
                assertThat(p.payloadType()).isEqualTo(100 + s);
                assertThat(p.seq()).isEqualTo(first.seq() + i & 0xFFFF);
                assertThat(p.timestamp()).isEqualTo(first.timestamp() + 960 * i);
                assertThat(p.payload()).isEqualTo(ForwardedRtp.payloadOf(65_530 + i));
                // Only the audio level survives, under the subscriber's id (none for id 0); mid and the
                // two-byte element the publisher sent are padding now.
                assertThat(p.extensions()).isEqualTo(s % 3 == 0 ? "" : (s % 3) + "=1e");
            }
        }
        assertThat(ssrcs).hasSize(subscribers).doesNotContain(SSRC);
        assertThat(publisher.rtp).isEmpty();
        assertThat(RoomFixture.await(fixture.room.call(() -> fixture.room.counters().rtpOut())))
                .isEqualTo(20L * subscribers);
    }

    @Test
    void aParticipantNeverReceivesItsOwnAudioEvenWhenEveryonePublishes() {
        fixture = new RoomFixture();
        RecordingTransport a = fixture.join("a");
        RecordingTransport b = fixture.join("b");
        fixture.publish("a", "0", 1);
        fixture.publish("b", "0", 2);
        fixture.send(fixture.participant("a"), 1, 10, 0, 30);
        fixture.send(fixture.participant("b"), 2, 20, 0, 30);
        assertThat(ForwardedRtp.all(a.rtp)).singleElement()
                .satisfies(p -> assertThat(p.payload()).isEqualTo(ForwardedRtp.payloadOf(20)));
        assertThat(ForwardedRtp.all(b.rtp)).singleElement()
                .satisfies(p -> assertThat(p.payload()).isEqualTo(ForwardedRtp.payloadOf(10)));
        assertThat(RoomFixture.failure(fixture.room.subscribe("a", "TR_unknown"))).isEqualTo(RoomError.TRACK_NOT_FOUND);
    }

    @Test
    void subscribingToOwnTrackIsRefused() {
        fixture = new RoomFixture();
        fixture.join("a");
        TrackInfo track = fixture.publish("a", "0", 1);
        assertThat(RoomFixture.failure(fixture.room.subscribe("a", track.producerId())))
                .isEqualTo(RoomError.NOT_ALLOWED);
    }

    @Test
    void pausedConsumerForwardsNothingAndResumesContinuously() {
        fixture = new RoomFixture();
        fixture.join("pub");
        RecordingTransport sub = fixture.join("sub");
        TrackInfo track = fixture.publish("pub", "0", SSRC);
        Participant pub = fixture.participant("pub");
        fixture.send(pub, SSRC, 1, 0, 30);
        RoomFixture.await(fixture.room.setSubscriptionPaused("sub", track.producerId(), true));
        fixture.send(pub, SSRC, 2, 960, 30);
        assertThat(sub.rtp).hasSize(1);
        RoomFixture.await(fixture.room.setSubscriptionPaused("sub", track.producerId(), false));
        fixture.clock.advanceMillis(40);
        fixture.send(pub, SSRC, 3, 1920, 30);
        List<ForwardedRtp> got = ForwardedRtp.all(sub.rtp);
        assertThat(got).hasSize(2);
        assertThat(got.get(1).seq()).isEqualTo(got.get(0).seq() + 1 & 0xFFFF);
        assertThat(got.get(1).timestamp()).isEqualTo(got.get(0).timestamp() + 40 * 48);
    }

    @Test
    void badPacketsAreCountedDrops() {
        fixture = new RoomFixture();
        fixture.join("pub");
        RecordingTransport sub = fixture.join("sub");
        fixture.publish("pub", "0", SSRC);
        Participant pub = fixture.participant("pub");
        fixture.room.onRtp(pub, io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        fixture.room.onRtp(pub, RoomFixture.rtp(0x999, 1, 0, 30, 111));
        fixture.room.onRtp(pub, RoomFixture.rtp(SSRC, 1, 0, 30, 13));
        fixture.room.onRtcp(pub, io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 200, 0,
            9}));
        fixture.sync();
        RoomCounters counters = RoomFixture.await(fixture.room.call(() -> fixture.room.counters()));
        assertThat(RoomFixture.await(fixture.room.call(() -> List.of(
                counters.drops(RoomDropReason.MALFORMED_RTP), counters.drops(RoomDropReason.UNKNOWN_SSRC),
                counters.drops(RoomDropReason.WRONG_PAYLOAD_TYPE), counters.drops(RoomDropReason.MALFORMED_RTCP)))))
                .containsExactly(1L, 1L, 1L, 1L);
        assertThat(sub.rtp).isEmpty();
    }
}
