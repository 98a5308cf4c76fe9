package io.hivemind.relay.media.opus;

import io.netty.buffer.ByteBuf;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * One libopus decoder at 48 kHz producing interleaved 16-bit PCM (RFC 6716 §4).
 *
 * <p>Three ways to produce a frame: {@code decode} a received packet; {@link #conceal} a lost one (packet loss
 * concealment, libopus decoding "no data"); or {@code recoverFec}: rebuild a lost frame from the in-band FEC
 * (SILK LBRR) carried by the packet that followed it, then decode that packet normally. PCM methods return samples
 * per channel and write {@code samples * channels} interleaved values. The steady path allocates nothing.
 * Not thread-safe. {@link #close()} is idempotent; other calls after it throw {@link IllegalStateException}.
 */
public final class OpusDecoderSession implements AutoCloseable {

    private final int channels;
    private final NativeOpusState state;
    private final ShortBuffer pcm;
    private final long pcmAddress;
    private final ByteBuffer packet;
    private final long packetAddress;
    private final ByteBuffer intResult;
    private final long intResultAddress;

    public OpusDecoderSession(int channels) {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, got " + channels);
        }
        this.channels = channels;
        ByteBuffer pcmBytes = ByteBuffer.allocateDirect(LibOpus.MAX_FRAME_SAMPLES * channels * Short.BYTES)
            .order(ByteOrder.nativeOrder());
        this.pcm = pcmBytes.asShortBuffer();
        this.pcmAddress = LibOpus.address(pcmBytes);
        this.packet = ByteBuffer.allocateDirect(LibOpus.MAX_PACKET_BYTES);
        this.packetAddress = LibOpus.address(packet);
        this.intResult = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        this.intResultAddress = LibOpus.address(intResult);

        long decoder = LibOpus.opus_decoder_create(OpusEncoderConfig.SAMPLE_RATE, channels, intResultAddress);
        OpusException.check("opus_decoder_create", intResult.getInt(0));
        this.state = new NativeOpusState(this, "OpusDecoderSession", decoder, LibOpus::opus_decoder_destroy);
    }

    public int channels() {
        return channels;
    }

    /**
     * Decodes {@code length} packet bytes at {@code offset} into {@code out} from {@code outOffset}.
     *
     * @return samples per channel decoded
     * @throws OpusException e.g. {@code OPUS_INVALID_PACKET} for a malformed packet, {@code OPUS_BUFFER_TOO_SMALL}
     *                       when {@code out} cannot hold the packet's duration
     */
    public int decode(byte[] data, int offset, int length, short[] out, int outOffset) {
        stage(data, offset, length);
        return run("opus_decode", length, out, outOffset, capacity(out, outOffset), 0);
    }

    /** As {@link #decode(byte[], int, int, short[], int)} over {@code data}'s readable bytes (indexes unchanged). */
    public int decode(ByteBuf data, short[] out, int outOffset) {
        int length = stage(data);
        return run("opus_decode", length, out, outOffset, capacity(out, outOffset), 0);
    }

    /**
     * Packet loss concealment: synthesises {@code samples} per channel (a multiple of 2.5 ms, i.e. 120) for a
     * packet that never arrived, continuing the decoder's state.
     */
    public int conceal(int samples, short[] out, int outOffset) {
        return run("opus_decode(PLC)", 0, out, outOffset, requested(samples, out, outOffset), 0);
    }

    /**
     * Recovers the lost frame that preceded {@code next} from {@code next}'s in-band FEC data. {@code lostSamples}
     * is the lost frame's duration per channel. Without usable FEC (e.g. a CELT-only packet) libopus falls back to
     * concealment. Afterwards, decode {@code next} itself as usual.
     */
    public int recoverFec(byte[] next, int offset, int length, int lostSamples, short[] out, int outOffset) {
        stage(next, offset, length);
        return run("opus_decode(FEC)", length, out, outOffset, requested(lostSamples, out, outOffset), 1);
    }

    /** As {@link #recoverFec(byte[], int, int, int, short[], int)} over {@code next}'s readable bytes. */
    public int recoverFec(ByteBuf next, int lostSamples, short[] out, int outOffset) {
        int length = stage(next);
        return run("opus_decode(FEC)", length, out, outOffset, requested(lostSamples, out, outOffset), 1);
    }

    /** Duration per channel of the last decoded or concealed packet ({@code OPUS_GET_LAST_PACKET_DURATION}). */
    public int lastPacketDurationSamples() {
        try {
            OpusException.check("OPUS_GET_LAST_PACKET_DURATION", LibOpus.opus_decoder_ctl(state.address(),
                LibOpus.OPUS_GET_LAST_PACKET_DURATION_REQUEST, intResultAddress));
            return intResult.getInt(0);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Forgets all history ({@code OPUS_RESET_STATE}), as for a new stream, e.g. after an SSRC change. */
    public void reset() {
        try {
            OpusException.check("OPUS_RESET_STATE", LibOpus.opus_decoder_ctl(state.address(),
                LibOpus.OPUS_RESET_STATE, 0));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Frees the native decoder. Idempotent. */
    @Override
    public void close() {
        state.close();
    }

    public boolean isClosed() {
        return state.isClosed();
    }

    private void stage(byte[] data, int offset, int length) {
        checkLength(length);
        packet.put(0, data, offset, length);
    }

    private int stage(ByteBuf data) {
        int length = data.readableBytes();
        checkLength(length);
        packet.clear().limit(length);
        data.getBytes(data.readerIndex(), packet);
        return length;
    }

    private static void checkLength(int length) {
        if (length < 1 || length > LibOpus.MAX_PACKET_BYTES) {
            throw new OpusException("packet of " + length + " bytes", OpusError.INVALID_PACKET.code());
        }
    }

    private int capacity(short[] out, int outOffset) {
        if (outOffset < 0 || outOffset > out.length) {
            throw new IllegalArgumentException("output offset " + outOffset + " outside the array");
        }
        return Math.min(LibOpus.MAX_FRAME_SAMPLES, (out.length - outOffset) / channels);
    }

    private int requested(int samples, short[] out, int outOffset) {
        if (samples < 1 || samples > capacity(out, outOffset)) {
            throw new IllegalArgumentException(samples + " samples per channel do not fit the output (max "
                + capacity(out, outOffset) + ")");
        }
        return samples;
    }

    private int run(String operation, int length, short[] out, int outOffset, int frameSize, int decodeFec) {
        long decoder = state.address();
        long data = length == 0 ? 0 : packetAddress;
        try {
            int samples = OpusException.check(operation,
                LibOpus.opus_decode(decoder, data, length, pcmAddress, frameSize, decodeFec));
            pcm.get(0, out, outOffset, samples * channels);
            return samples;
        } finally {
            // Native code holds raw addresses: keep the state and the direct buffers from being cleaned meanwhile.
            Reference.reachabilityFence(this);
        }
    }
}
