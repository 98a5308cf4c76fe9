package io.hivemind.relay.hub.voice;

import io.hivemind.relay.media.audio.AudioMixer;
import io.hivemind.relay.media.audio.Resampler;
import io.hivemind.relay.media.rtp.RtpPacket;
import io.hivemind.relay.media.time.NanoClock;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a voice worker hears ("Hears"): the Opus RTP of every participant it is subscribed to, mixed minus itself and
 * resampled to 24 kHz PCM16 chunks for the Realtime API.
 *
 * <pre>
 *  room loop    onRtp ─ copy header + payload ─▶ PacketHandoff (SPSC ring, preallocated)
 *               onSubscribed / onUnsubscribed ─▶ source changes (queue)
 *  voice thread tick, every 20 ms:
 *      drain ─▶ per consumer SSRC: JitterBuffer ─ poll ─▶ Opus decode / FEC / PLC / silence (48 kHz)
 *            ─▶ AudioMixer: mix-minus for the worker's own identity
 *            ─▶ Resampler 48 → 24 kHz ─▶ chunk of chunkMillis ─▶ PcmSink
 * </pre>
 *
 * <p><b>Why a tick on the voice thread</b>: the per-packet work on the room's loop is a header read and a payload
 * copy into a preallocated slot (no allocation, no lock, never blocking: a full ring drops and counts). Decoding, mixing and resampling cost about 20 µs per source plus 50 µs per frame (see
 * docs/benchmarks.md); on the room's loop they would delay the forwarding of every other room on that loop once
 * per worker per frame, so they run in the worker's own 20 ms tick. A tick also suits the jitter buffer, which is
 * polled once per rendered frame against the clock anyway, and the mixer, which needs every source's frame at once.
 *
 * <p><b>Ordering</b>: a source change is queued on the loop before that source's first packet; the tick reads the
 * ring's published count before draining the changes, so every packet it then drains finds its source.
 *
 * <p>{@link #onRtp}, {@link #onSubscribed} and {@link #onUnsubscribed} are called on the room's loop (or any one
 * producer thread); {@link #tick} and {@link #close} on the voice thread. Counters may be read from any thread.
 */
public final class RoomAudioInput implements AutoCloseable {
    /** The mixer id of "the worker itself" while no source carries its identity: never a source's id. */
    private static final int NOBODY = 0;

    private record SourceChange(int ssrc, String identity) {
    }

    private final String selfIdentity;
    private final VoiceAudioConfig config;
    private final NanoClock clock;
    private final PcmSink sink;
    private final PacketHandoff handoff;
    private final Queue<SourceChange> changes = new ConcurrentLinkedQueue<>();
    private final RtpPacket view = new RtpPacket();
    private final PacketHandoff.Visitor inserter = this::insert;

    private final List<InboundSource> sources = new ArrayList<>();
    private final AudioMixer mixer = new AudioMixer(RoomAudio.FRAME_48K);
    private final Resampler downsampler = new Resampler(RoomAudio.ROOM_RATE, RoomAudio.REALTIME_RATE);
    private final short[] mixed = new short[RoomAudio.FRAME_48K];
    private final short[] resampled;
    private final short[] chunk;
    private int chunkFill;
    private long chunkCaptureNanos;
    private int nextMixerId = NOBODY + 1;
    private int selfMixerId = NOBODY;
    private long nowNanos;

    private volatile long packetsReceived;
    private volatile long packetsDropped;
    private volatile long unknownSourcePackets;
    private volatile long chunksOut;

    /**
     * @param selfIdentity the worker's participant identity: a source with this identity is heard by nobody here
     * @param clock        arrival stamps and playout time, the same clock on both threads
     * @param sink         receives the chunks, on the voice thread
     */
    public RoomAudioInput(String selfIdentity, VoiceAudioConfig config, NanoClock clock, PcmSink sink) {
        this.selfIdentity = Objects.requireNonNull(selfIdentity, "selfIdentity");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.handoff = new PacketHandoff(config.handoffSlots(), config.jitter().maxPayloadBytes());
        this.resampled = new short[downsampler.maxOutputLength(RoomAudio.FRAME_48K) + 1];
        this.chunk = new short[config.chunkMillis() * RoomAudio.REALTIME_RATE / 1000];
    }

    /** Room loop: a consumer's SSRC now carries {@code speakerIdentity}'s track. */
    public void onSubscribed(int consumerSsrc, String speakerIdentity) {
        changes.add(new SourceChange(consumerSsrc, Objects.requireNonNull(speakerIdentity, "speakerIdentity")));
    }

    /** Room loop: a consumer went away; its source is dropped at the next tick. */
    public void onUnsubscribed(int consumerSsrc) {
        changes.add(new SourceChange(consumerSsrc, null));
    }

    /**
     * Room loop: one RTP packet of a consumer. Borrows {@code packet}: copies the payload and returns at once.
     * Malformed packets and packets that find the handoff full are counted as dropped.
     */
    public void onRtp(ByteBuf packet) {
        packetsReceived++;
        if (!view.wrap(packet) || view.payloadLength() == 0
                || !handoff.offer(view.ssrc(), view.sequenceNumber(), view.timestamp(), clock.nanoTime(), packet,
                        view.payloadOffset(), view.payloadLength())) {
            packetsDropped++;
        }
    }

    /** Voice thread, every 20 ms: takes in what arrived, renders and mixes one frame, emits full chunks. */
    public void tick() {
        nowNanos = clock.nanoTime();
        long upTo = handoff.published();
        applySourceChanges();
        handoff.drain(upTo, inserter);
        mixFrame();
    }

    private void applySourceChanges() {
        SourceChange change;
        while ((change = changes.poll()) != null) {
            removeSource(change.ssrc());
            if (change.identity() != null) {
                InboundSource source = new InboundSource(change.ssrc(), change.identity(), nextMixerId++,
                        config.jitter());
                sources.add(source);
                mixer.addSource(source.mixerId());
                if (source.identity().equals(selfIdentity)) {
                    selfMixerId = source.mixerId();
                }
            }
        }
    }

    private void removeSource(int ssrc) {
        InboundSource source = source(ssrc);
        if (source != null) {
            sources.remove(source);
            mixer.removeSource(source.mixerId());
            if (source.mixerId() == selfMixerId) {
                selfMixerId = NOBODY;
            }
            source.close();
        }
    }

    private InboundSource source(int ssrc) {
        for (int i = 0; i < sources.size(); i++) {
            InboundSource s = sources.get(i);
            if (s.ssrc() == ssrc) {
                return s;
            }
        }
        return null;
    }

    private void insert(int ssrc, int sequenceNumber, int timestamp, long arrivalNanos, byte[] payload, int length) {
        InboundSource source = source(ssrc);
        if (source == null) {
            unknownSourcePackets++;
            return;
        }
        source.insert(sequenceNumber, timestamp, payload, length, arrivalNanos);
    }

    private void mixFrame() {
        for (int i = 0; i < sources.size(); i++) {
            InboundSource source = sources.get(i);
            if (source.render(nowNanos)) {
                mixer.submit(source.mixerId(), source.frame(), 0);
                source.consumeFrame();
            }
        }
        mixer.mix();
        mixer.mixFor(selfMixerId, mixed, 0);
        int n = downsampler.process(mixed, 0, RoomAudio.FRAME_48K, resampled, 0);
        for (int i = 0; i < n; i++) {
            if (chunkFill == 0) {
                chunkCaptureNanos = nowNanos;
            }
            chunk[chunkFill++] = resampled[i];
            if (chunkFill == chunk.length) {
                emitChunk();
            }
        }
    }

    private void emitChunk() {
        byte[] pcm = new byte[chunk.length * 2];
        for (int i = 0; i < chunk.length; i++) {
            pcm[2 * i] = (byte) chunk[i];
            pcm[2 * i + 1] = (byte) (chunk[i] >> 8);
        }
        chunkFill = 0;
        chunksOut++;
        sink.onPcm(pcm, chunkCaptureNanos);
    }

    /** Voice thread: the speaker identity behind a consumer SSRC, as of the last tick. */
    public Optional<String> speakerOf(int consumerSsrc) {
        InboundSource source = source(consumerSsrc);
        return source == null ? Optional.empty() : Optional.of(source.identity());
    }

    /** Voice thread: how many sources are being mixed. */
    public int sourceCount() {
        return sources.size();
    }

    /** Voice thread: Opus packets that failed to decode (concealed instead), over the current sources. */
    public long decodeErrors() {
        long sum = 0;
        for (InboundSource source : sources) {
            sum += source.decodeErrors();
        }
        return sum;
    }

    /** RTP packets handed to {@link #onRtp}. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Packets {@link #onRtp} dropped: malformed, empty, oversize, or the voice thread fell a whole ring behind. */
    public long packetsDropped() {
        return packetsDropped;
    }

    /** Packets whose SSRC no subscription announced. */
    public long unknownSourcePackets() {
        return unknownSourcePackets;
    }

    /** Chunks handed to the sink. */
    public long chunksOut() {
        return chunksOut;
    }

    /** The chunk length in bytes: {@code chunkMillis} of 24 kHz PCM16. */
    public int chunkBytes() {
        return chunk.length * 2;
    }

    /** Voice thread: frees every decoder. */
    @Override
    public void close() {
        for (InboundSource source : sources) {
            source.close();
        }
        sources.clear();
    }
}
