package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.rtcp.ByeView;
import io.hivemind.relay.media.rtcp.CompoundRtcpPacket;
import io.hivemind.relay.media.rtcp.CompoundRtcpReader;
import io.hivemind.relay.media.rtcp.NtpTime;
import io.hivemind.relay.media.rtcp.ReceiverReportView;
import io.hivemind.relay.media.rtcp.ReportBlockView;
import io.hivemind.relay.media.rtcp.RtcpDropReason;
import io.hivemind.relay.media.rtcp.RtcpHeader;
import io.hivemind.relay.media.rtcp.SenderReport;
import io.hivemind.relay.media.rtcp.SenderReportView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Receiver reports toward publishers, sender reports and BYE toward subscribers, parsed back field by field. */
class RtcpReportsTest {
    private static final int SSRC = 0xCAFE_0001;
    private static final long START_NANOS = 1_000_000_000L;
    private RoomFixture fixture;
    private RecordingTransport pubTransport;
    private RecordingTransport sub;
    private Participant pub;

    @BeforeEach
    void setUp() {
        fixture = new RoomFixture();
        pubTransport = fixture.join("pub");
        sub = fixture.join("sub");
        fixture.publish("pub", "0", SSRC);
        pub = fixture.participant("pub");
        // Sequence 1..10 without 5, 20 ms apart with matching timestamps: one loss, no jitter.
        for (int seq = 1; seq <= 10; seq++) {
            if (seq != 5) {
                fixture.send(pub, SSRC, seq, 960 * seq, 40);
            }
            fixture.clock.advanceMillis(20);
        }
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void reportInterval() {
        for (int i = 0; i < 5; i++) {
            fixture.tick();
        }
    }

    private static long wallNtp(long monotonicNanos) {
        long unixNanos = RoomFixture.WALL.getEpochSecond() * 1_000_000_000L + RoomFixture.WALL.getNano();
        return NtpTime.fromUnixNanos(unixNanos + monotonicNanos - START_NANOS);
    }

    /** The RTCP packet types of a recorded compound, after checking it is valid. */
    private static List<Integer> types(byte[] compound) {
        CompoundRtcpReader reader = new CompoundRtcpReader();
        assertThat(reader.wrap(Unpooled.wrappedBuffer(compound))).isEqualTo(RtcpDropReason.NONE);
        List<Integer> types = new ArrayList<>();
        while (reader.next()) {
            types.add(reader.header().packetType());
        }
        return types;
    }

    private static RtcpHeader first(byte[] compound, int skip) {
        CompoundRtcpReader reader = new CompoundRtcpReader();
        reader.wrap(Unpooled.wrappedBuffer(compound));
        for (int i = 0; i <= skip; i++) {
            assertThat(reader.next()).isTrue();
        }
        return reader.header();
    }

    @Test
    void receiverReportTowardThePublisherCarriesLossJitterAndLsrDlsr() {
        long srNtp = NtpTime.fromUnixMillis(1_700_000_000_123L);
        SenderReport sr = new SenderReport(SSRC & 0xFFFF_FFFFL, srNtp, 9_600, 9, 360, List.of());
        ByteBuf buf = Unpooled.buffer(sr.encodedLength());
        CompoundRtcpPacket.of(sr).encodeTo(buf);
        fixture.sendRtcp(pub, buf);
        fixture.clock.advanceMillis(750);
        reportInterval();

        assertThat(pubTransport.rtcp).hasSize(1);
        byte[] compound = pubTransport.rtcp.get(0);
        assertThat(types(compound)).containsExactly(RtcpHeader.PT_RR, RtcpHeader.PT_SDES);
        ReceiverReportView rr = new ReceiverReportView();
        assertThat(rr.wrap(first(compound, 0))).isEqualTo(RtcpDropReason.NONE);
        assertThat(rr.ssrc()).isNotZero().isNotEqualTo(SSRC & 0xFFFF_FFFFL);
        assertThat(rr.reportCount()).isEqualTo(1);
        ReportBlockView block = rr.reportBlock(0);
        assertThat(block.ssrc()).isEqualTo(SSRC & 0xFFFF_FFFFL);
        // RFC 3550 A.1: probation ends at seq 2, which becomes the base; 2..10 expected, 8 received.
        assertThat(block.extendedHighestSequence()).isEqualTo(10);
        assertThat(block.cumulativeLost()).isEqualTo(1);
        assertThat(block.fractionLost()).isEqualTo(256 / 9);
        assertThat(block.jitter()).isZero();
        assertThat(block.lastSenderReport()).isEqualTo(NtpTime.middle32(srNtp));
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(NtpTime.compactFromNanos(750_000_000L));
    }

    @Test
    void senderReportTowardTheSubscriberMapsNtpToTheConsumersTimestampLine() {
        List<ForwardedRtp> got = ForwardedRtp.all(sub.rtp);
        ForwardedRtp last = got.get(got.size() - 1);
        long lastSentAt = START_NANOS + 9 * 20_000_000L;
        fixture.clock.advanceMillis(480);
        long now = fixture.clock.nanoTime();
        reportInterval();

        assertThat(sub.rtcp).hasSize(1);
        byte[] compound = sub.rtcp.get(0);
        assertThat(types(compound)).containsExactly(RtcpHeader.PT_SR, RtcpHeader.PT_SDES);
        SenderReportView sr = new SenderReportView();
        assertThat(sr.wrap(first(compound, 0))).isEqualTo(RtcpDropReason.NONE);
        assertThat(sr.ssrc()).isEqualTo(last.ssrc() & 0xFFFF_FFFFL);
        assertThat(sr.ntpTimestamp()).isEqualTo(wallNtp(now));
        assertThat(sr.rtpTimestamp()).isEqualTo(last.timestamp() + (now - lastSentAt) * 48 / 1_000_000 & 0xFFFF_FFFFL);
        assertThat(sr.packetCount()).isEqualTo(9);
        assertThat(sr.octetCount()).isEqualTo(9 * 40);
        assertThat(sr.reportCount()).isZero();
    }

    @Test
    void unpublishSendsAFinalSenderReportAndByeForTheConsumer() {
        int consumerSsrc = ForwardedRtp.parse(sub.rtp.get(0)).ssrc();
        String producerId = RoomFixture.await(fixture.room.tracks()).get(0).producerId();
        RoomFixture.await(fixture.room.unpublish("pub", producerId));

        assertThat(sub.rtcp).hasSize(1);
        byte[] compound = sub.rtcp.get(0);
        assertThat(types(compound)).containsExactly(RtcpHeader.PT_SR, RtcpHeader.PT_SDES, RtcpHeader.PT_BYE);
        ByeView bye = new ByeView();
        assertThat(bye.wrap(first(compound, 2))).isEqualTo(RtcpDropReason.NONE);
        assertThat(bye.sourceCount()).isEqualTo(1);
        assertThat(bye.ssrc(0)).isEqualTo(consumerSsrc & 0xFFFF_FFFFL);
        assertThat(bye.reason()).isEqualTo("track unpublished");
        fixture.send(pub, SSRC, 11, 960 * 11, 40);
        assertThat(sub.rtp).hasSize(9);
    }

    @Test
    void publisherLeavingSendsByeToEverySubscriber() {
        RecordingTransport late = fixture.join("late");
        RoomFixture.await(fixture.room.leave("pub", "left"));
        assertThat(types(sub.rtcp.get(0))).endsWith(RtcpHeader.PT_BYE);
        // "late" never received a packet, so its consumer says goodbye after an empty RR.
        assertThat(types(late.rtcp.get(0))).containsExactly(RtcpHeader.PT_RR, RtcpHeader.PT_SDES,
                RtcpHeader.PT_BYE);
        assertThat(pubTransport.closes).isEqualTo(1);
    }
}
