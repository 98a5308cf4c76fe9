package io.hivemind.relay.sfu.room;

import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A room on a real {@link DefaultEventLoop} whose periodic task never fires by itself (tests call
 * {@link #tick()}), with time from a {@link ManualClock} and a fixed wall clock.
 */
final class RoomFixture implements AutoCloseable {
    static final Instant WALL = Instant.parse("2026-11-23T12:00:00.250Z");
    static final int TAILROOM = 26;
    static final int SWITCH_INTERVALS = 3;
    static final Duration EMPTY_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEPARTURE_TIMEOUT = Duration.ofSeconds(20);
    /** Ten participants, and ticks only when a test calls {@link #tick()}. */
    static final RoomConfig CONFIG = new RoomConfig(10, Duration.ofHours(1), 5, 50, SWITCH_INTERVALS, 256,
            EMPTY_TIMEOUT, DEPARTURE_TIMEOUT);

    final DefaultEventLoop loop = new DefaultEventLoop();
    final ManualClock clock = new ManualClock(1_000_000_000L);
    final Room room;
    final Map<String, Participant> participants = new HashMap<>();
    boolean closed;

    RoomFixture() {
        this(CONFIG);
    }

    RoomFixture(RoomConfig config) {
        room = new Room("test", loop, config, clock, Clock.fixed(WALL, ZoneOffset.UTC), () -> closed = true);
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The {@link RoomError} a future failed with. */
    static RoomError failure(CompletableFuture<?> future) {
        Throwable cause = future.handle((ok, e) -> e).join();
        if (cause instanceof java.util.concurrent.CompletionException) {
            cause = cause.getCause();
        }
        if (cause instanceof RoomException room) {
            return room.error();
        }
        throw new AssertionError("expected a RoomException, got " + cause);
    }

    RecordingTransport join(String identity) {
        return join(JoinOptions.of(identity));
    }

    RecordingTransport join(JoinOptions options) {
        RecordingTransport transport = new RecordingTransport(TAILROOM);
        participants.put(options.identity(), await(room.join(options, transport)));
        return transport;
    }

    Participant participant(String identity) {
        return participants.get(identity);
    }

    TrackInfo publish(String identity, String mid, int ssrc) {
        return await(room.publish(identity, new TrackOptions(mid, ssrc, 111, 1, true)));
    }

    /** Sends one Opus-sized RTP packet with an RFC 6464 level (extension id 1) and waits until the room handled it. */
    void send(Participant sender, int ssrc, int seq, int timestamp, int level) {
        room.onRtp(sender, rtp(ssrc, seq, timestamp, level, 111));
        sync();
    }

    void sendRtcp(Participant sender, ByteBuf packet) {
        room.onRtcp(sender, packet);
        sync();
    }

    void tick() {
        await(room.run(room::tick));
    }

    void sync() {
        await(room.run(() -> { }));
    }

    /**
     * An RTP packet: 12-byte header, a one-byte-form extension block (audio level as id 1, a mid "0" as id 3, a
     * two-byte value as id 5), payload = 40 bytes counting up from the sequence number.
     */
    static ByteBuf rtp(int ssrc, int seq, int timestamp, int level, int payloadType) {
        ByteBuf buf = Unpooled.buffer(128);
        buf.writeByte(0x90).writeByte(payloadType).writeShort(seq).writeInt(timestamp).writeInt(ssrc);
        buf.writeShort(0xBEDE).writeShort(2).writeByte(1 << 4).writeByte(level).writeByte(3 << 4).writeByte('0')
                .writeByte(5 << 4 | 1).writeShort(0xABCD).writeByte(0);
        for (int i = 0; i < 40; i++) {
            buf.writeByte(seq + i);
        }
        return buf;
    }

    @Override
    public void close() {
        await(room.close());
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
