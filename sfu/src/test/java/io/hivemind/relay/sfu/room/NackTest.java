package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtcp.CompoundRtcpPacket;
import io.hivemind.relay.media.rtcp.GenericNack;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Generic NACK (RFC 4585 §6.2.1) from a subscriber, answered from the producer's retransmission buffer. */
class NackTest {
    private static final int SSRC = 0x5151;
    private RoomFixture fixture;
    private RecordingTransport sub;
    private Participant pub;
    private Participant subscriber;

    @BeforeEach
    void setUp() {
        fixture = new RoomFixture();
        fixture.join("pub");
        sub = fixture.join("sub");
        fixture.publish("pub", "0", SSRC);
        pub = fixture.participant("pub");
        subscriber = fixture.participant("sub");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void sendRun(int firstSeq, int count) {
        for (int i = 0; i < count; i++) {
            fixture.send(pub, SSRC, firstSeq + i & 0xFFFF, 960 * (firstSeq + i), 40);
            fixture.clock.advanceMillis(20);
        }
    }

    private void nack(int consumerSsrc, int... seqs) {
        fixture.sendRtcp(subscriber, encode(GenericNack.ofLostSequences(77, consumerSsrc & 0xFFFF_FFFFL, seqs)));
    }

    private static ByteBuf encode(GenericNack nack) {
        CompoundRtcpPacket compound = CompoundRtcpPacket.of(nack);
        ByteBuf buf = Unpooled.buffer(compound.encodedLength());
        compound.encodeTo(buf);
        return buf;
    }

    @Test
    void answersWithTheOriginalPayloadUnderTheConsumersNumbers() {
        sendRun(65_530, 10);
        List<ForwardedRtp> sent = ForwardedRtp.all(sub.rtp);
        ForwardedRtp third = sent.get(2);
        ForwardedRtp eighth = sent.get(7);
        nack(third.ssrc(), third.seq(), eighth.seq());

        List<ForwardedRtp> resent = ForwardedRtp.all(sub.rtp.subList(10, sub.rtp.size()));
        assertThat(resent).hasSize(2);
        assertThat(resent.get(0)).usingRecursiveComparison().ignoringFields("marker").isEqualTo(third);
        assertThat(resent.get(1)).usingRecursiveComparison().ignoringFields("marker").isEqualTo(eighth);
        assertThat(resent.get(1).payload()).isEqualTo(ForwardedRtp.payloadOf(65_530 + 7));
        assertThat(sub.tailroomViolations).isZero();
        assertThat(RoomFixture.await(fixture.room.call(() -> fixture.room.counters().retransmitted())))
                .isEqualTo(2L);
    }

    @Test
    void ignoresSequencesNotSentOrNoLongerBufferedAndNacksForOtherSsrcs() {
        sendRun(1, 300);
        List<ForwardedRtp> sent = ForwardedRtp.all(sub.rtp);
        int consumerSsrc = sent.get(0).ssrc();
        int newest = sent.get(299).seq();
        nack(consumerSsrc, newest + 1 & 0xFFFF, newest + 40 & 0xFFFF);  // never sent
        nack(consumerSsrc, sent.get(10).seq());                         // overwritten in a 256-slot ring
        nack(SSRC, sent.get(299).seq());                                // the publisher's SSRC is not a consumer
        assertThat(sub.rtp).hasSize(300);
        assertThat(RoomFixture.await(fixture.room.call(() -> fixture.room.counters().nackMisses()))).isEqualTo(3L);

        nack(consumerSsrc, sent.get(100).seq());                        // 200 packets back: still buffered
        assertThat(sub.rtp).hasSize(301);
        assertThat(ForwardedRtp.parse(sub.rtp.get(300)).payload()).isEqualTo(ForwardedRtp.payloadOf(101));
    }

    @Test
    void seqsOfAnEarlierSourceAreNotResentAfterRepublish() {
        sendRun(500, 5);
        ForwardedRtp old = ForwardedRtp.parse(sub.rtp.get(1));
        fixture.publish("pub", "0", SSRC + 1);
        fixture.send(pub, SSRC + 1, 9, 0, 40);
        nack(old.ssrc(), old.seq());
        assertThat(sub.rtp).hasSize(6);
    }

    @Test
    void aNackCannotTriggerMoreThanTheCap() {
        sendRun(1, 200);
        int[] all = ForwardedRtp.all(sub.rtp).stream().mapToInt(ForwardedRtp::seq).toArray();
        nack(ForwardedRtp.parse(sub.rtp.get(0)).ssrc(), all);
        assertThat(sub.rtp).hasSize(200 + RtcpDispatcher.MAX_RESENDS_PER_NACK);
    }
}
