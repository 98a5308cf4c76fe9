package io.hivemind.relay.media.srtp;

import static io.hivemind.relay.media.srtp.Packets.bytes;
import static io.hivemind.relay.media.srtp.Packets.heap;
import static io.hivemind.relay.media.srtp.Packets.key;
import static io.hivemind.relay.media.srtp.Packets.rtcp;
import static io.hivemind.relay.media.srtp.Packets.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SrtpContextTest {

    private static final int SSRC = 0x11223344;

    static Stream<Arguments> roundTrips() {
        List<Arguments> cases = new ArrayList<>();
        for (SrtpProfile profile : SrtpProfile.values()) {
            cases.add(Arguments.of(profile + ", heap, plain header", profile, false, false));
            cases.add(Arguments.of(profile + ", heap, CSRC + extension", profile, true, false));
            cases.add(Arguments.of(profile + ", direct, CSRC + extension", profile, true, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void rtpRoundTrip(String name, SrtpProfile profile, boolean extras, boolean direct) {
        SrtpContext sender = new SrtpContext(profile, key(profile, 1));
        SrtpContext receiver = new SrtpContext(profile, key(profile, 1));
        Function<byte[], ByteBuf> alloc = direct ? Packets::direct : Packets::heap;
        for (int seq = 1000; seq < 1010; seq++) {
            byte[] plain = rtp(seq, SSRC, 148, extras);
            ByteBuf packet = alloc.apply(plain);
            try {
                assertThat(sender.protectRtp(packet)).isEqualTo(SrtpStatus.OK);
                assertThat(packet.readableBytes()).isEqualTo(plain.length + profile.rtpTagLength());
                assertThat(bytes(packet)).isNotEqualTo(plain);
                assertThat(receiver.unprotectRtp(packet)).isEqualTo(SrtpStatus.OK);
                assertThat(bytes(packet)).isEqualTo(plain);
            } finally {
                packet.release();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void rtcpRoundTrip(String name, SrtpProfile profile, boolean extras, boolean direct) {
        SrtpContext sender = new SrtpContext(profile, key(profile, 2));
        SrtpContext receiver = new SrtpContext(profile, key(profile, 2));
        Function<byte[], ByteBuf> alloc = direct ? Packets::direct : Packets::heap;
        for (int i = 0; i < 5; i++) {
            byte[] plain = rtcp(SSRC);
            ByteBuf packet = alloc.apply(plain);
            try {
                assertThat(sender.protectRtcp(packet)).isEqualTo(SrtpStatus.OK);
                assertThat(packet.readableBytes()).isEqualTo(plain.length + 4 + profile.rtcpTagLength());
                int trailerAt = profile.isAead() ? packet.readableBytes() - 4 : plain.length;
                assertThat(packet.getInt(trailerAt)).isEqualTo(0x8000_0000 | i);
                assertThat(receiver.unprotectRtcp(packet)).isEqualTo(SrtpStatus.OK);
                assertThat(bytes(packet)).isEqualTo(plain);
            } finally {
                packet.release();
            }
        }
    }

    static Stream<Arguments> tamperedBytes() {
        List<Arguments> cases = new ArrayList<>();
        for (SrtpProfile profile : SrtpProfile.values()) {
            cases.add(Arguments.of(profile + ", header byte", profile, 1));
            cases.add(Arguments.of(profile + ", extension byte", profile, 21));
            cases.add(Arguments.of(profile + ", payload byte", profile, 40));
            cases.add(Arguments.of(profile + ", last tag byte", profile, -1));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedBytes")
    void tamperedRtpFailsAuthenticationAndChangesNothing(String name, SrtpProfile profile, int position) {
        SrtpContext sender = new SrtpContext(profile, key(profile, 3));
        SrtpContext receiver = new SrtpContext(profile, key(profile, 3));
        ByteBuf packet = heap(rtp(7, SSRC, 100, true));
        try {
            sender.protectRtp(packet);
            byte[] genuine = bytes(packet);
            int at = position < 0 ? packet.writerIndex() - 1 : position;
            packet.setByte(at, packet.getByte(at) ^ 0x04);
            byte[] forged = bytes(packet);

            assertThat(receiver.unprotectRtp(packet)).isEqualTo(SrtpStatus.AUTH_FAILED);
            assertThat(bytes(packet)).isEqualTo(forged);

            packet.clear().writeBytes(genuine);
            assertThat(receiver.unprotectRtp(packet)).as("the forgery burnt no index").isEqualTo(SrtpStatus.OK);
        } finally {
            packet.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void tamperedRtcpFailsAuthentication(SrtpProfile profile) {
        SrtpContext sender = new SrtpContext(profile, key(profile, 4));
        SrtpContext receiver = new SrtpContext(profile, key(profile, 4));
        ByteBuf packet = heap(rtcp(SSRC));
        try {
            sender.protectRtcp(packet);
            packet.setByte(12, packet.getByte(12) ^ 0x80);
            assertThat(receiver.unprotectRtcp(packet)).isEqualTo(SrtpStatus.AUTH_FAILED);
        } finally {
            packet.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void replayedPacketsAreRefused(SrtpProfile profile) {
        SrtpContext sender = new SrtpContext(profile, key(profile, 5));
        SrtpContext receiver = new SrtpContext(profile, key(profile, 5));
        ByteBuf rtpPacket = heap(rtp(500, SSRC, 20, false));
        ByteBuf rtcpPacket = heap(rtcp(SSRC));
        try {
            sender.protectRtp(rtpPacket);
            sender.protectRtcp(rtcpPacket);
            byte[] srtp = bytes(rtpPacket);
            byte[] srtcp = bytes(rtcpPacket);
            assertThat(receiver.unprotectRtp(rtpPacket)).isEqualTo(SrtpStatus.OK);
            assertThat(receiver.unprotectRtcp(rtcpPacket)).isEqualTo(SrtpStatus.OK);

            rtpPacket.clear().writeBytes(srtp);
            rtcpPacket.clear().writeBytes(srtcp);
            assertThat(receiver.unprotectRtp(rtpPacket)).isEqualTo(SrtpStatus.REPLAYED);
            assertThat(receiver.unprotectRtcp(rtcpPacket)).isEqualTo(SrtpStatus.REPLAYED);
            assertThat(bytes(rtpPacket)).isEqualTo(srtp);
        } finally {
            rtpPacket.release();
            rtcpPacket.release();
        }
    }

    @Test
    void packetOlderThanTheWindowIsTooOld() {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpContext sender = new SrtpContext(profile, key(profile, 6));
        SrtpContext receiver = new SrtpContext(profile, key(profile, 6));
        List<byte[]> wire = new ArrayList<>();
        for (int seq = 10; seq <= 10 + ReplayWindow.SIZE + 1; seq++) {
            wire.add(protect(sender, rtp(seq, SSRC, 10, false)));
        }
        byte[] late = wire.remove(1);
        byte[] edge = wire.remove(1);
        for (byte[] srtp : wire) {
            assertThat(unprotect(receiver, srtp)).isEqualTo(SrtpStatus.OK);
        }
        // Highest is 139: seq 11 is 128 behind (outside), seq 12 is 127 behind (the window's last slot).
        assertThat(unprotect(receiver, late)).isEqualTo(SrtpStatus.TOO_OLD);
        assertThat(unprotect(receiver, edge)).isEqualTo(SrtpStatus.OK);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void rolloverAcrossSequenceWrapWithReordering(SrtpProfile profile) {
        SrtpContext sender = new SrtpContext(profile, key(profile, 7));
        SrtpContext receiver = new SrtpContext(profile, key(profile, 7));
        int[] sent = {65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 4};
        byte[][] wire = new byte[sent.length][];
        for (int i = 0; i < sent.length; i++) {
            wire[i] = protect(sender, rtp(sent[i], SSRC, 30, false));
        }
        // Arrival: 65530 65531 65532 0 65534 1 65533 65535 3 2 4 -- SEQ 65533/65535 arrive after the wrap.
        int[] order = {0, 1, 2, 6, 4, 7, 3, 5, 9, 8, 10};
        for (int i : order) {
            ByteBuf packet = heap(wire[i]);
            try {
                assertThat(receiver.unprotectRtp(packet)).as("seq %d", sent[i]).isEqualTo(SrtpStatus.OK);
                assertThat(bytes(packet)).isEqualTo(rtp(sent[i], SSRC, 30, false));
            } finally {
                packet.release();
            }
        }
    }

    @Test
    void senderMovesToTheNextRolloverCounter() {
        SrtpProfile profile = SrtpProfile.AEAD_AES_128_GCM;
        SrtpContext sender = new SrtpContext(profile, key(profile, 8));
        protect(sender, rtp(65535, SSRC, 10, false));
        byte[] afterWrap = protect(sender, rtp(0, SSRC, 10, false));

        // A receiver that believes ROC = 1 (index 65536 + 0) accepts it; SEQ 0 under ROC 0 would not verify.
        SrtpContext receiver = new SrtpContext(profile, key(profile, 8));
        receiver.seedStream(SSRC, 65535, 0);
        assertThat(unprotect(receiver, afterWrap)).isEqualTo(SrtpStatus.OK);
        SrtpContext fresh = new SrtpContext(profile, key(profile, 8));
        assertThat(unprotect(fresh, afterWrap)).isEqualTo(SrtpStatus.AUTH_FAILED);
    }

    @Test
    void srtpKeyLifetimeEndsAfter2To48Packets() {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpContext sender = new SrtpContext(profile, key(profile, 9));
        sender.seedKeyUsage(SrtpContext.MAX_SRTP_PACKETS - 1, 0);
        assertThat(sender.needsRekey()).isFalse();

        assertThat(protectStatus(sender, rtp(1, SSRC, 10, false))).isEqualTo(SrtpStatus.OK);
        assertThat(sender.needsRekey()).isTrue();
        ByteBuf packet = heap(rtp(2, SSRC, 10, false));
        try {
            assertThat(sender.protectRtp(packet)).isEqualTo(SrtpStatus.KEY_EXHAUSTED);
            assertThat(bytes(packet)).isEqualTo(rtp(2, SSRC, 10, false));
        } finally {
            packet.release();
        }
        assertThat(protectStatus(sender, rtcp(SSRC))).as("SRTCP has its own budget").isEqualTo(SrtpStatus.OK);
    }

    @Test
    void streamIndexCannotPass2To48() {
        SrtpProfile profile = SrtpProfile.AEAD_AES_256_GCM;
        SrtpContext sender = new SrtpContext(profile, key(profile, 10));
        sender.seedStream(SSRC, SrtpStream.MAX_INDEX, 0);

        assertThat(protectStatus(sender, rtp(0, SSRC, 10, false))).isEqualTo(SrtpStatus.KEY_EXHAUSTED);
        assertThat(sender.needsRekey()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void srtcpIndexStopsAt2To31(SrtpProfile profile) {
        SrtpContext sender = new SrtpContext(profile, key(profile, 11));
        SrtpContext receiver = new SrtpContext(profile, key(profile, 11));
        sender.seedKeyUsage(0, SrtpContext.MAX_SRTCP_PACKETS - 2);
        sender.seedStream(SSRC, 0, SrtcpTrailer.INDEX_MASK - 1);

        byte[] secondLast = protect(sender, rtcp(SSRC));
        byte[] last = protect(sender, rtcp(SSRC));
        int trailerAt = profile.isAead() ? last.length - 4 : 32;
        assertThat(BigEndian.readInt(last, trailerAt)).isEqualTo(0xffff_ffff);

        assertThat(unprotect(receiver, last, true)).isEqualTo(SrtpStatus.OK);
        assertThat(unprotect(receiver, secondLast, true)).isEqualTo(SrtpStatus.OK);
        assertThat(protectStatus(sender, rtcp(SSRC))).isEqualTo(SrtpStatus.KEY_EXHAUSTED);
        assertThat(sender.needsRekey()).isTrue();
    }

    @Test
    void srtcpIndexOfOneStreamCannotWrap() {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_32;
        SrtpContext sender = new SrtpContext(profile, key(profile, 12));
        sender.seedStream(SSRC, 0, SrtcpTrailer.INDEX_MASK);

        assertThat(protectStatus(sender, rtcp(SSRC))).isEqualTo(SrtpStatus.OK);
        assertThat(protectStatus(sender, rtcp(SSRC))).isEqualTo(SrtpStatus.KEY_EXHAUSTED);
    }

    @Test
    void streamLimitDropsNewSsrcsButForgeriesTakeNoSlot() {
        SrtpProfile profile = SrtpProfile.AEAD_AES_128_GCM;
        SrtpContext sender = new SrtpContext(profile, key(profile, 13), 4);
        SrtpContext receiver = new SrtpContext(profile, key(profile, 13), 2);
        byte[] first = protect(sender, rtp(1, 1, 10, false));
        byte[] second = protect(sender, rtp(1, 2, 10, false));
        byte[] third = protect(sender, rtp(1, 3, 10, false));
        byte[] forged = third.clone();
        forged[20] ^= 1;

        assertThat(unprotect(receiver, first)).isEqualTo(SrtpStatus.OK);
        assertThat(unprotect(receiver, forged)).isEqualTo(SrtpStatus.AUTH_FAILED);
        assertThat(unprotect(receiver, second)).isEqualTo(SrtpStatus.OK);
        assertThat(unprotect(receiver, third)).isEqualTo(SrtpStatus.STREAM_LIMIT);
        assertThat(unprotect(receiver, protect(sender, rtp(2, 1, 10, false)))).isEqualTo(SrtpStatus.OK);
    }

    @Test
    void removingAStreamFreesItsSlot() {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpContext sender = new SrtpContext(profile, key(profile, 17), 1);
        assertThat(protectStatus(sender, rtp(1, 1, 10, false))).isEqualTo(SrtpStatus.OK);
        assertThat(protectStatus(sender, rtp(1, 2, 10, false))).isEqualTo(SrtpStatus.STREAM_LIMIT);

        assertThat(sender.removeStream(2)).isFalse();
        assertThat(sender.removeStream(1)).isTrue();
        assertThat(protectStatus(sender, rtp(1, 2, 10, false))).isEqualTo(SrtpStatus.OK);
    }

    @Test
    void protectNeedsTailroomForTheTag() {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpContext sender = new SrtpContext(profile, key(profile, 14));
        byte[] plain = rtp(1, SSRC, 20, false);
        ByteBuf tight = Unpooled.buffer(plain.length + 9, plain.length + 9).writeBytes(plain);
        ByteBuf rtcpTight = Unpooled.buffer(32 + 13, 32 + 13).writeBytes(rtcp(SSRC));
        try {
            assertThat(sender.protectRtp(tight)).isEqualTo(SrtpStatus.NO_TAILROOM);
            assertThat(bytes(tight)).isEqualTo(plain);
            assertThat(sender.protectRtcp(rtcpTight)).isEqualTo(SrtpStatus.NO_TAILROOM);
        } finally {
            tight.release();
            rtcpTight.release();
        }
    }

    static Stream<Arguments> badPackets() {
        byte[] versionOne = rtp(1, SSRC, 20, false);
        versionOne[0] = 0x40;
        byte[] csrcOverrun = rtp(1, SSRC, 0, false);
        csrcOverrun[0] = (byte) 0x8f;
        byte[] extensionOverrun = rtp(1, SSRC, 20, true);
        extensionOverrun[19] = 100;
        return Stream.of(
                Arguments.of("11-byte RTP", new byte[11], SrtpStatus.TOO_SHORT),
                Arguments.of("RTP version 1", versionOne, SrtpStatus.MALFORMED),
                Arguments.of("15 CSRCs announced, none present", csrcOverrun, SrtpStatus.TOO_SHORT),
                Arguments.of("extension longer than the packet", extensionOverrun, SrtpStatus.TOO_SHORT));
    }

    @ParameterizedTest(name = "protect: {0}")
    @MethodSource("badPackets")
    void protectRefusesBadRtp(String name, byte[] packet, SrtpStatus expected) {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        assertThat(protectStatus(new SrtpContext(profile, key(profile, 15)), packet)).isEqualTo(expected);
    }

    @Test
    void unprotectRefusesShortAndForeignPackets() {
        SrtpProfile profile = SrtpProfile.AEAD_AES_128_GCM;
        SrtpContext receiver = new SrtpContext(profile, key(profile, 16));
        assertThat(unprotect(receiver, new byte[12 + 15])).isEqualTo(SrtpStatus.TOO_SHORT);
        assertThat(unprotect(receiver, new byte[40])).isEqualTo(SrtpStatus.MALFORMED);
        assertThat(unprotect(receiver, new byte[8 + 4 + 15], true)).isEqualTo(SrtpStatus.TOO_SHORT);
        assertThat(unprotect(receiver, new byte[8 + 4 + 16], true)).isEqualTo(SrtpStatus.MALFORMED);
        ByteBuf huge = Unpooled.buffer(SrtpContext.MAX_PACKET_LENGTH + 1).writeZero(SrtpContext.MAX_PACKET_LENGTH + 1);
        try {
            assertThat(receiver.unprotectRtp(huge)).isEqualTo(SrtpStatus.TOO_LONG);
        } finally {
            huge.release();
        }
    }

    @Test
    void toStringShowsNoKeys() {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpMasterKey master = key(profile, 0x41);
        assertThat(master.toString()).doesNotContain("41", "65").contains("redacted");
        assertThat(new SrtpContext(profile, master).toString()).contains("AES_CM_128_HMAC_SHA1_80");
    }

    private static byte[] protect(SrtpContext context, byte[] plain) {
        ByteBuf packet = heap(plain);
        try {
            SrtpStatus status = plain.length == 32 && (plain[1] & 0xff) == 201
                    ? context.protectRtcp(packet) : context.protectRtp(packet);
            assertThat(status).isEqualTo(SrtpStatus.OK);
            return bytes(packet);
        } finally {
            packet.release();
        }
    }

    private static SrtpStatus protectStatus(SrtpContext context, byte[] plain) {
        ByteBuf packet = heap(plain);
        try {
            return plain.length == 32 && (plain[1] & 0xff) == 201
                    ? context.protectRtcp(packet) : context.protectRtp(packet);
        } finally {
            packet.release();
        }
    }

    private static SrtpStatus unprotect(SrtpContext context, byte[] wire) {
        return unprotect(context, wire, false);
    }

    private static SrtpStatus unprotect(SrtpContext context, byte[] wire, boolean rtcp) {
        ByteBuf packet = heap(wire);
        try {
            return rtcp ? context.unprotectRtcp(packet) : context.unprotectRtp(packet);
        } finally {
            packet.release();
        }
    }
}
