package io.hivemind.relay.media.opus;

import io.netty.buffer.ByteBuf;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * One libopus encoder at 48 kHz (RFC 6716), configured once from an {@link OpusEncoderConfig}.
 *
 * <p>Each {@code encode} call takes exactly one frame of interleaved 16-bit PCM and produces one Opus packet. The
 * steady path allocates nothing: PCM and packet bytes pass through direct buffers allocated at construction.
 * Not thread-safe; one session per stream. {@link #close()} frees the native state and is idempotent; any other
 * call after it throws {@link IllegalStateException}.
 */
public final class OpusEncoderSession implements AutoCloseable {

    private final OpusEncoderConfig config;
    private final NativeOpusState state;
    private final int frameSamples;
    private final int frameValues;
    private final ShortBuffer pcm;
    private final long pcmAddress;
    private final ByteBuffer packet;
    private final long packetAddress;
    private final ByteBuffer intResult;
    private final long intResultAddress;

    public OpusEncoderSession(OpusEncoderConfig config) {
        this.config = config;
        this.frameSamples = config.frameSamples();
        this.frameValues = frameSamples * config.channels();
        ByteBuffer pcmBytes = ByteBuffer.allocateDirect(frameValues * Short.BYTES).order(ByteOrder.nativeOrder());
        this.pcm = pcmBytes.asShortBuffer();
        this.pcmAddress = LibOpus.address(pcmBytes);
        this.packet = ByteBuffer.allocateDirect(LibOpus.MAX_PACKET_BYTES);
        this.packetAddress = LibOpus.address(packet);
        this.intResult = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        this.intResultAddress = LibOpus.address(intResult);

        long encoder = LibOpus.opus_encoder_create(OpusEncoderConfig.SAMPLE_RATE, config.channels(),
            config.application().code(), intResultAddress);
        OpusException.check("opus_encoder_create", intResult.getInt(0));
        this.state = new NativeOpusState(this, "OpusEncoderSession", encoder, LibOpus::opus_encoder_destroy);
        try {
            setBitrate(config.bitrate());
            set("OPUS_SET_COMPLEXITY", LibOpus.OPUS_SET_COMPLEXITY_REQUEST, config.complexity());
            set("OPUS_SET_INBAND_FEC", LibOpus.OPUS_SET_INBAND_FEC_REQUEST, config.inbandFec() ? 1 : 0);
            set("OPUS_SET_DTX", LibOpus.OPUS_SET_DTX_REQUEST, config.dtx() ? 1 : 0);
            setPacketLossPercent(config.packetLossPercent());
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
    }

    public OpusEncoderConfig config() {
        return config;
    }

    /** Samples per channel that every {@code encode} call consumes. */
    public int frameSamples() {
        return frameSamples;
    }

    /**
     * Encodes one frame: {@code frameSamples() * channels} interleaved samples of {@code pcm} from {@code offset}.
     *
     * @return the packet length written to {@code out} at {@code outOffset}
     * @throws OpusException            when libopus fails, e.g. {@code OPUS_BUFFER_TOO_SMALL}
     * @throws IllegalArgumentException when the input or output range is out of bounds
     */
    public int encode(short[] pcmIn, int offset, byte[] out, int outOffset) {
        int length = encodeToScratch(pcmIn, offset, out.length - outOffset);
        packet.get(0, out, outOffset, length);
        return length;
    }

    /** Encodes one frame and writes the packet at {@code out}'s writerIndex (advancing it); returns its length. */
    public int encode(short[] pcmIn, int offset, ByteBuf out) {
        int length = encodeToScratch(pcmIn, offset, out.maxWritableBytes());
        packet.clear().limit(length);
        out.writeBytes(packet);
        return length;
    }

    /** Changes the target bitrate mid-stream, e.g. after congestion feedback. */
    public void setBitrate(int bitsPerSecond) {
        if (bitsPerSecond < OpusEncoderConfig.MIN_BITRATE || bitsPerSecond > OpusEncoderConfig.MAX_BITRATE) {
            throw new IllegalArgumentException("bitrate out of range: " + bitsPerSecond);
        }
        set("OPUS_SET_BITRATE", LibOpus.OPUS_SET_BITRATE_REQUEST, bitsPerSecond);
    }

    /** The bitrate libopus is targeting ({@code OPUS_GET_BITRATE}). */
    public int bitrate() {
        return get("OPUS_GET_BITRATE", LibOpus.OPUS_GET_BITRATE_REQUEST);
    }

    /** Changes the expected loss mid-stream, e.g. from RTCP receiver reports; steers in-band FEC. */
    public void setPacketLossPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("packet loss out of range: " + percent);
        }
        set("OPUS_SET_PACKET_LOSS_PERC", LibOpus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, percent);
    }

    /** The encoder's look-ahead in samples per channel: how far decoded output lags the input. */
    public int lookaheadSamples() {
        return get("OPUS_GET_LOOKAHEAD", LibOpus.OPUS_GET_LOOKAHEAD_REQUEST);
    }

    /** Frees the native encoder. Idempotent. */
    @Override
    public void close() {
        state.close();
    }

    public boolean isClosed() {
        return state.isClosed();
    }

    private int encodeToScratch(short[] pcmIn, int offset, int outCapacity) {
        long encoder = state.address();
        if (offset < 0 || offset > pcmIn.length - frameValues) {
            throw new IllegalArgumentException("need " + frameValues + " samples from offset " + offset
                + ", array holds " + pcmIn.length);
        }
        if (outCapacity < 0) {
            throw new IllegalArgumentException("output offset beyond the array");
        }
        pcm.put(0, pcmIn, offset, frameValues);
        int maxBytes = Math.min(outCapacity, LibOpus.MAX_PACKET_BYTES);
        try {
            return OpusException.check("opus_encode",
                LibOpus.opus_encode(encoder, pcmAddress, frameSamples, packetAddress, maxBytes));
        } finally {
            // Native code holds raw addresses: keep the state and the direct buffers from being cleaned meanwhile.
            Reference.reachabilityFence(this);
        }
    }

    private void set(String ctl, int request, int value) {
        try {
            OpusException.check(ctl, LibOpus.opus_encoder_ctl(state.address(), request, value));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    private int get(String ctl, int request) {
        try {
            OpusException.check(ctl, LibOpus.opus_encoder_ctl(state.address(), request, intResultAddress));
            return intResult.getInt(0);
        } finally {
            Reference.reachabilityFence(this);
        }
    }
}
