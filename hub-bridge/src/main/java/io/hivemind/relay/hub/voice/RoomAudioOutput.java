package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.audio.AudioLevel;
import io.hivemind.relay.media.audio.Resampler;
import io.hivemind.relay.media.opus.OpusEncoderSession;
import io.hivemind.relay.media.rtp.AudioLevelExtension;
import io.hivemind.relay.media.rtp.HeaderExtensionForm;
import io.hivemind.relay.media.rtp.RtpPacket;
import io.hivemind.relay.media.rtp.RtpPacketWriter;
import io.hivemind.relay.media.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a voice worker says into the room ("Speaks"): 24 kHz PCM16 from the Realtime API
 * ({@code response.output_audio.delta}) → 48 kHz → Opus 20 ms → RTP, one packet per 20 ms tick.
 *
 * <p><b>Pacing</b>: {@link #tick} is driven by the worker's monotonic 20 ms schedule and sends at most one packet
 * per call, and never two closer than half a frame: a scheduler that fell behind and runs its missed ticks back to
 * back delays the audio instead of bursting it into the room. Deltas arrive faster than real time; the
 * {@link PlaybackQueue} absorbs them.
 *
 * <p><b>RTP</b>: sequence numbers are continuous for the life of the stream. Within a talkspurt the timestamp
 * advances by 960 per packet (continuous audio, whatever the tick jitter); when the queue runs dry the talkspurt
 * ends (no packet is sent, nothing is padded), and the next packet starts a new talkspurt with the marker bit and a
 * timestamp advanced by the time elapsed since the previous packet (RFC 3550 §5.1), so receivers see a pause, not
 * lost packets. When less than a frame is queued, what there is goes out padded with silence: deltas arrive faster
 * than real time, so in practice that is the end of an answer. Every packet carries the RFC 6464 audio level
 * of its 48 kHz frame when an extension id is configured, so the room's active-speaker detection hears the agent.
 *
 * <p><b>Barge-in</b>: {@link #interrupt} empties the queue at once; the next tick has nothing to send, so at most
 * the frame already taken (being encoded at that moment) still goes out. It reports what had been sent of the
 * current item, for {@code conversation.item.truncate}.
 *
 * <p>{@link #speak}, {@link #interrupt} and the queries are thread-safe; {@link #tick} and {@link #close} run on the
 * voice thread.
 */
public final class RoomAudioOutput implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomAudioOutput.class);
    /** Enough for any Opus packet behind a 12-byte header and an 8-byte extension block, plus SRTP tailroom. */
    private static final int PACKET_CAPACITY = 1500;
    /** Audio the queue holds at most: several long answers. */
    private static final long MAX_QUEUED_MILLIS = 10 * 60 * 1000;

    private final int ssrc;
    private final int payloadType;
    private final int audioLevelExtensionId;
    private final NanoClock clock;
    private final ByteBufAllocator alloc;
    private final RtpSink sink;
    private final PlaybackQueue queue = new PlaybackQueue(MAX_QUEUED_MILLIS);
    private final OpusEncoderSession encoder;
    private final Resampler upsampler = new Resampler(RoomAudio.REALTIME_RATE, RoomAudio.ROOM_RATE);
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private final ByteBuf levelValue = Unpooled.buffer(AudioLevelExtension.VALUE_LENGTH);
    private final byte[] frameBytes = new byte[RoomAudio.FRAME_24K * 2];
    private final short[] frame24k = new short[RoomAudio.FRAME_24K];
    private final short[] frame48k;

    private int sequenceNumber;
    private int timestamp;
    private boolean talking;
    private boolean sentAny;
    private long lastSendNanos;
    private volatile long packetsSent;
    private volatile long talkspurts;
    private volatile long encodeErrors;

    /**
     * @param ssrc                  the published track's SSRC
     * @param payloadType           the track's Opus payload type
     * @param audioLevelExtensionId the track's RFC 6464 extension id (1..14), or 0 for none
     * @param firstSequenceNumber   sequence number of the first packet (random in production, RFC 3550 §5.1)
     * @param firstTimestamp        timestamp of the first packet (random in production)
     */
    public RoomAudioOutput(int ssrc, int payloadType, int audioLevelExtensionId, VoiceAudioConfig config,
                           NanoClock clock, ByteBufAllocator alloc, RtpSink sink, int firstSequenceNumber,
                           int firstTimestamp) {
        if (payloadType < 0 || payloadType > RtpPacket.MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException("payload type is 7-bit: " + payloadType);
        }
        if (audioLevelExtensionId < 0 || audioLevelExtensionId > 14) {
            throw new IllegalArgumentException("a one-byte extension id is 1..14 (0 = none): "
                    + audioLevelExtensionId);
        }
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.audioLevelExtensionId = audioLevelExtensionId;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.encoder = new OpusEncoderSession(config.encoder());
        this.frame48k = new short[upsampler.maxOutputLength(RoomAudio.FRAME_24K) + 1];
        this.sequenceNumber = firstSequenceNumber & 0xFFFF;
        this.timestamp = firstTimestamp;
    }

    /**
     * Queues audio of a response item, from any thread. Takes over {@code pcm24kLe} (mono PCM16 little-endian at
     * 24 kHz, any length): the caller must not change it afterwards.
     *
     * @return false if the queue is full (ten minutes of audio): the chunk is dropped and counted
     */
    public boolean speak(String itemId, byte[] pcm24kLe) {
        return queue.add(itemId, pcm24kLe);
    }

    /**
     * Barge-in, from any thread: drops all queued audio; at most the one frame being encoded right now is still
     * sent. Returns the item that was playing and the milliseconds of it sent, or empty if nothing was ever queued.
     */
    public Optional<Truncation> interrupt() {
        return Optional.ofNullable(queue.clear());
    }

    /** Milliseconds of {@code itemId}'s audio sent so far (0 if unknown). */
    public long playedMillis(String itemId) {
        return queue.sentMillis(itemId);
    }

    /** Audio waiting to be sent. */
    public long queuedMillis() {
        return queue.queuedMillis();
    }

    /** Voice thread, every 20 ms: sends the next frame if there is one. */
    public void tick() {
        long now = clock.nanoTime();
        if (talking && now - lastSendNanos < RoomAudio.FRAME_NANOS / 2) {
            return;
        }
        if (queue.takeInterrupted()) {
            talking = false;
        }
        int taken = queue.take(frameBytes);
        if (taken == 0) {
            talking = false;
            return;
        }
        Arrays.fill(frameBytes, taken, frameBytes.length, (byte) 0);
        boolean marker = !talking;
        if (marker) {
            startTalkspurt(now);
        } else {
            timestamp += RoomAudio.FRAME_48K;
        }
        send(now, marker);
    }

    private void startTalkspurt(long now) {
        if (sentAny) {
            long elapsedSamples = (now - lastSendNanos) * RoomAudio.ROOM_RATE / 1_000_000_000L;
            timestamp += (int) Math.max(RoomAudio.FRAME_48K, elapsedSamples);
        }
        upsampler.reset();
        talking = true;
        talkspurts++;
    }

    private void send(long now, boolean marker) {
        for (int i = 0; i < RoomAudio.FRAME_24K; i++) {
            frame24k[i] = (short) ((frameBytes[2 * i] & 0xFF) | frameBytes[2 * i + 1] << 8);
        }
        int n = upsampler.process(frame24k, 0, RoomAudio.FRAME_24K, frame48k, 0);
        Arrays.fill(frame48k, n, frame48k.length, (short) 0);
        int level = AudioLevel.of(frame48k, 0, RoomAudio.FRAME_48K);
        ByteBuf packet = alloc.directBuffer(PACKET_CAPACITY);
        try {
            writer.start(packet, payloadType, marker, sequenceNumber, timestamp, ssrc);
            if (audioLevelExtensionId != 0) {
                levelValue.setByte(0, AudioLevelExtension.encode(level < AudioLevel.DIGITAL_SILENCE, level));
                writer.beginExtensions(HeaderExtensionForm.ONE_BYTE.profile())
                        .extension(audioLevelExtensionId, levelValue, 0, AudioLevelExtension.VALUE_LENGTH);
            }
            writer.payload(Unpooled.EMPTY_BUFFER, 0, 0);
            encoder.encode(frame48k, 0, packet);
            writer.finish(0);
        } catch (RuntimeException e) {
            packet.release();
            encodeErrors++;
            log.debug("ssrc {}: frame not encoded", Integer.toUnsignedString(ssrc), e);
            return;
        }
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        lastSendNanos = now;
        sentAny = true;
        packetsSent++;
        sink.send(packet);
    }

    /** Whether the last tick sent a packet of an ongoing talkspurt. */
    public boolean talking() {
        return talking;
    }

    public int ssrc() {
        return ssrc;
    }

    public long packetsSent() {
        return packetsSent;
    }

    /** Talkspurts started (packets sent with the marker bit). */
    public long talkspurts() {
        return talkspurts;
    }

    /** Frames that failed to encode and were skipped. */
    public long encodeErrors() {
        return encodeErrors;
    }

    /** Bytes of PCM refused because the queue was full. */
    public long droppedBytes() {
        return queue.droppedBytes();
    }

    /** Voice thread: frees the encoder. */
    @Override
    public void close() {
        encoder.close();
    }
}
