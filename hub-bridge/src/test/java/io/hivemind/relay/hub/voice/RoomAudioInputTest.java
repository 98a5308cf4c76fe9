package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** "Hears" on a hand-driven clock: packets in as the room's loop would deliver them, one tick per 20 ms. */
class RoomAudioInputTest {
    private static final String SELF = "agent-test";

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final List<byte[]> chunks = new ArrayList<>();
    private final List<Long> captureTimes = new ArrayList<>();
    private final List<OpusToneSender> senders = new ArrayList<>();
    private RoomAudioInput input = newInput(VoiceAudioConfig.DEFAULT);

    private RoomAudioInput newInput(VoiceAudioConfig config) {
        return new RoomAudioInput(SELF, config, clock, (pcm, capture) -> {
            chunks.add(pcm);
            captureTimes.add(capture);
        });
    }

    @AfterEach
    void tearDown() {
        input.close();
        senders.forEach(OpusToneSender::close);
    }

    private OpusToneSender speaker(int ssrc, String identity, double hz) {
        input.onSubscribed(ssrc, identity);
        OpusToneSender sender = new OpusToneSender(ssrc, hz);
        senders.add(sender);
        return sender;
    }

    /** Runs {@code frames} ticks of 20 ms; before each, every speaker's next packet arrives. */
    private void run(int frames) {
        for (int f = 0; f < frames; f++) {
            clock.advanceMillis(20);
            for (OpusToneSender sender : senders) {
                deliver(sender.next());
            }
            input.tick();
        }
    }

    private void deliver(ByteBuf packet) {
        try {
            input.onRtp(packet);
        } finally {
            packet.release();
        }
    }

    /** The 24 kHz PCM heard after the first {@code skipMillis} (jitter buffer start, codec and filter warm-up). */
    private short[] heard(int skipMillis) {
        int skip = skipMillis * 48 / input.chunkBytes();
        return Tones.fromLittleEndian(chunks.subList(skip, chunks.size()));
    }

    @Test
    void hearsOneSpeakerAtItsFrequency() {
        speaker(0x1111, "alice", 440);
        run(60);

        short[] pcm = heard(300);
        assertThat(pcm.length).isGreaterThan(24_000 * 8 / 10);
        assertThat(Tones.dominantHz(pcm, 24_000)).isBetween(435.0, 445.0);
        assertThat(Tones.share(pcm, 440, 24_000)).isGreaterThan(0.9);
        assertThat(input.decodeErrors()).isZero();
        assertThat(input.packetsDropped()).isZero();
    }

    @Test
    void mixesTwoSpeakers() {
        speaker(0x1111, "alice", 440);
        speaker(0x2222, "bob", 1000);
        run(60);

        short[] pcm = heard(300);
        assertThat(Tones.share(pcm, 440, 24_000)).isBetween(0.3, 0.7);
        assertThat(Tones.share(pcm, 1000, 24_000)).isBetween(0.3, 0.7);
    }

    @Test
    void aSourceWithTheWorkersOwnIdentityIsMixedOut() {
        speaker(0x1111, "alice", 440);
        speaker(0x5E1F, SELF, 660);
        run(60);

        short[] pcm = heard(300);
        assertThat(Tones.share(pcm, 440, 24_000)).isGreaterThan(0.9);
        assertThat(Tones.share(pcm, 660, 24_000)).isLessThan(0.01);
    }

    @Test
    void silenceStillFlowsInRealTimeWhenNobodySpeaks() {
        run(50);

        assertThat(chunks).hasSize(50);
        assertThat(input.chunksOut()).isEqualTo(50);
        assertThat(Tones.fromLittleEndian(chunks)).containsOnly((short) 0);
        assertThat(captureTimes.get(1) - captureTimes.get(0)).isEqualTo(20_000_000L);
    }

    static Stream<Arguments> chunkSizes() {
        return Stream.of(
                arguments("20 ms: one chunk per tick", 20, 960, 100),
                arguments("30 ms: two chunks per three ticks", 30, 1440, 66),
                arguments("40 ms: one chunk per two ticks", 40, 1920, 50));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkSizes")
    void chunksHaveTheConfiguredLength(String name, int chunkMillis, int chunkBytes, int chunkCount) {
        input.close();
        input = newInput(VoiceAudioConfig.DEFAULT.withChunkMillis(chunkMillis));
        speaker(0x1111, "alice", 440);
        run(100);

        assertThat(chunks).hasSize(chunkCount).allSatisfy(c -> assertThat(c).hasSize(chunkBytes));
        assertThat(input.chunkBytes()).isEqualTo(chunkBytes);
        // Each chunk is stamped with the tick that started it: time moves forward by the chunk length on average.
        long span = captureTimes.get(captureTimes.size() - 1) - captureTimes.get(0);
        assertThat(span / (captureTimes.size() - 1)).isBetween(chunkMillis * 1_000_000L - 10_000_000L,
                chunkMillis * 1_000_000L + 10_000_000L);
    }

    static Stream<Arguments> impairments() {
        return Stream.of(
                arguments("every tenth packet lost: concealed", 10, false),
                arguments("every fourth packet lost: concealed", 4, false),
                arguments("pairs arriving swapped: reordered", 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impairments")
    void survivesLossAndReordering(String name, int lossEvery, boolean swapPairs) {
        OpusToneSender alice = new OpusToneSender(0x1111, 440);
        input.onSubscribed(0x1111, "alice");
        ByteBuf held = null;
        for (int f = 0; f < 80; f++) {
            clock.advanceMillis(20);
            ByteBuf packet = alice.next();
            if (lossEvery > 0 && f % lossEvery == lossEvery - 1) {
                packet.release();
            } else if (swapPairs && f % 2 == 0) {
                held = packet;
            } else {
                deliver(packet);
                if (held != null) {
                    deliver(held);
                    held = null;
                }
            }
            input.tick();
        }
        alice.close();

        short[] pcm = heard(400);
        assertThat(Tones.dominantHz(pcm, 24_000)).isBetween(435.0, 445.0);
        assertThat(Tones.share(pcm, 440, 24_000)).isGreaterThan(0.8);
        assertThat(input.decodeErrors()).isZero();
    }

    @Test
    void aSpeakerThatLeavesIsNoLongerMixed() {
        OpusToneSender alice = speaker(0x1111, "alice", 440);
        run(10);
        assertThat(input.sourceCount()).isEqualTo(1);
        assertThat(input.speakerOf(0x1111)).contains("alice");

        input.onUnsubscribed(0x1111);
        senders.remove(alice);
        alice.close();
        run(1);
        assertThat(input.sourceCount()).isZero();
        assertThat(input.speakerOf(0x1111)).isEmpty();
    }

    static Stream<Arguments> badPackets() {
        return Stream.of(
                arguments("not RTP at all", new byte[] {1, 2, 3}, 1L, 0L),
                arguments("RTP version 1", rtp(0x40, new byte[] {1, 2, 3}), 1L, 0L),
                arguments("header without payload", rtp(0x80, new byte[0]), 1L, 0L),
                arguments("payload longer than a slot", rtp(0x80, new byte[1600]), 1L, 0L),
                arguments("SSRC nobody subscribed", rtpWithSsrc(0x9999, new byte[] {0x78, 1, 2}), 0L, 1L));
    }

    private static byte[] rtp(int firstByte, byte[] payload) {
        return rtpWithSsrc(0x1111, payload, firstByte);
    }

    private static byte[] rtpWithSsrc(int ssrc, byte[] payload) {
        return rtpWithSsrc(ssrc, payload, 0x80);
    }

    private static byte[] rtpWithSsrc(int ssrc, byte[] payload, int firstByte) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(firstByte).writeByte(111).writeShort(7).writeInt(960).writeInt(ssrc).writeBytes(payload);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPackets")
    void badPacketsAreCountedNotFatal(String name, byte[] packet, long dropped, long unknown) {
        input.onSubscribed(0x1111, "alice");
        deliver(Unpooled.wrappedBuffer(packet));
        clock.advanceMillis(20);
        input.tick();

        assertThat(input.packetsReceived()).isEqualTo(1);
        assertThat(input.packetsDropped()).isEqualTo(dropped);
        assertThat(input.unknownSourcePackets()).isEqualTo(unknown);
        assertThat(chunks).hasSize(1);
    }

    @Test
    void payloadsThatAreNotOpusAreConcealed() {
        input.onSubscribed(0x1111, "alice");
        for (int seq = 0; seq < 30; seq++) {
            clock.advanceMillis(20);
            ByteBuf buf = Unpooled.buffer();
            // TOC code 3 (arbitrary frame count) with a frame count byte of 0: libopus rejects it.
            buf.writeByte(0x80).writeByte(111).writeShort(seq).writeInt(seq * 960).writeInt(0x1111)
                    .writeByte(0x7B).writeByte(0);
            deliver(buf);
            input.tick();
        }

        assertThat(input.decodeErrors()).isPositive();
        assertThat(chunks).hasSize(30);
    }

    @Test
    void aStalledVoiceThreadDropsWhatTheRingCannotHold() {
        OpusToneSender alice = speaker(0x1111, "alice", 440);
        int slots = VoiceAudioConfig.DEFAULT.handoffSlots();
        for (int i = 0; i < slots + 10; i++) {
            deliver(alice.next());
        }

        assertThat(input.packetsDropped()).isEqualTo(10);
        clock.advanceMillis(20);
        input.tick();
        deliver(alice.next());
        assertThat(input.packetsDropped()).isEqualTo(10);
    }
}
