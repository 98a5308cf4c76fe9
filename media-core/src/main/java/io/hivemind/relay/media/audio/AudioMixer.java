package io.hivemind.relay.media.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mixes one frame of mono PCM16 from each of N sources and gives every listener the <b>mix-minus</b>: everyone but
 * itself, so nobody hears their own voice come back.
 *
 * <p>Per frame: every source that has audio calls {@link #submit}; {@link #mix} adds the submitted frames into a
 * 32-bit accumulator once; then {@link #mixFor} gives each listener that total minus its own contribution, saturated
 * to 16 bits. The order matters: saturating the total first and subtracting afterwards would be wrong as soon as the
 * total clips (two sources at +30000 and one at -20000 total 40000; the first listener must hear 10000, not
 * 32767 - 30000). A source that submitted nothing for the frame (lost, late, muted, DTX) contributes nothing; a
 * listener that is not a source hears everyone.
 *
 * <p>Source buffers are allocated when a source is added; submitting, mixing and mix-minus allocate nothing. Source
 * lookup is a linear scan of an {@code int[]}: for the tens of speakers a room has, that beats hashing and boxes
 * nothing. Not thread-safe: drive one mixer from one thread (the room's media tick).
 */
public final class AudioMixer {

    /** The 32-bit accumulator cannot overflow below 65536 sources; the cap keeps a bug from eating the heap. */
    public static final int MAX_SOURCES = 4096;

    private final int frameSamples;
    private final int[] total;
    private final short[] silence;

    private int count;
    private int[] ids = new int[4];
    private short[][] frames = new short[4][];
    /** Submitted for the frame being gathered. */
    private boolean[] submitted = new boolean[4];
    /** Part of the frame last mixed: what {@link #mixFor} subtracts. */
    private boolean[] contributed = new boolean[4];
    /** True between {@link #mix} and the next {@link #submit}: the total and source frames belong together. */
    private boolean mixed;

    /** A mixer for frames of {@code frameSamples} samples (960 for 20 ms at 48 kHz). */
    public AudioMixer(int frameSamples) {
        if (frameSamples <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + frameSamples);
        }
        this.frameSamples = frameSamples;
        this.total = new int[frameSamples];
        this.silence = new short[frameSamples];
    }

    public int frameSamples() {
        return frameSamples;
    }

    public int sourceCount() {
        return count;
    }

    public boolean hasSource(int sourceId) {
        return indexOf(sourceId) >= 0;
    }

    /**
     * Adds a source (allocates its frame buffer). It contributes from the first frame it submits.
     *
     * @throws IllegalArgumentException if the id is already a source
     * @throws IllegalStateException if the mixer already has {@link #MAX_SOURCES} sources
     */
    public void addSource(int sourceId) {
        if (indexOf(sourceId) >= 0) {
            throw new IllegalArgumentException("source " + sourceId + " already added");
        }
        if (count == MAX_SOURCES) {
            throw new IllegalStateException("mixer full: " + MAX_SOURCES + " sources");
        }
        if (count == ids.length) {
            int capacity = Math.min(MAX_SOURCES, 2 * count);
            ids = Arrays.copyOf(ids, capacity);
            frames = Arrays.copyOf(frames, capacity);
            submitted = Arrays.copyOf(submitted, capacity);
            contributed = Arrays.copyOf(contributed, capacity);
        }
        ids[count] = sourceId;
        frames[count] = new short[frameSamples];
        submitted[count] = false;
        contributed[count] = false;
        count++;
    }

    /**
     * Removes a source. A frame already mixed keeps its contribution in the total (its listeners hear it once more);
     * from the next {@link #mix} it is gone.
     *
     * @return whether the source was there
     */
    public boolean removeSource(int sourceId) {
        int i = indexOf(sourceId);
        if (i < 0) {
            return false;
        }
        int last = --count;
        ids[i] = ids[last];
        frames[i] = frames[last];
        submitted[i] = submitted[last];
        contributed[i] = contributed[last];
        frames[last] = null;
        return true;
    }

    /**
     * Gives a source's frame: {@link #frameSamples()} samples copied from {@code pcm[offset]}. Submitting twice in
     * one frame keeps the second. The first submit after a {@link #mix} opens the next frame.
     *
     * @return false (and nothing is copied) if {@code sourceId} is not a source of this mixer
     * @throws IndexOutOfBoundsException if the frame is not inside {@code pcm}
     */
    public boolean submit(int sourceId, short[] pcm, int offset) {
        Objects.checkFromIndexSize(offset, frameSamples, pcm.length);
        int i = indexOf(sourceId);
        if (i < 0) {
            return false;
        }
        mixed = false;
        System.arraycopy(pcm, offset, frames[i], 0, frameSamples);
        submitted[i] = true;
        return true;
    }

    /**
     * Closes the frame: adds up every submitted source. Sources that did not submit contribute nothing.
     *
     * @return how many sources contributed
     */
    public int mix() {
        Arrays.fill(total, 0);
        int contributors = 0;
        for (int s = 0; s < count; s++) {
            contributed[s] = submitted[s];
            submitted[s] = false;
            if (contributed[s]) {
                contributors++;
                short[] frame = frames[s];
                for (int i = 0; i < frameSamples; i++) {
                    total[i] += frame[i];
                }
            }
        }
        mixed = true;
        return contributors;
    }

    /**
     * Writes what {@code listenerId} hears of the last mixed frame: everyone but itself, saturated to 16 bits. A
     * listener that is not a source, or whose source sent nothing this frame, gets the whole mix.
     *
     * @throws IllegalStateException if no frame is mixed, or a source has already submitted to the next frame
     * @throws IndexOutOfBoundsException if {@link #frameSamples()} samples do not fit in {@code out} at
     *         {@code offset}
     */
    public void mixFor(int listenerId, short[] out, int offset) {
        requireMixed();
        Objects.checkFromIndexSize(offset, frameSamples, out.length);
        int s = indexOf(listenerId);
        short[] own = s >= 0 && contributed[s] ? frames[s] : silence;
        for (int i = 0; i < frameSamples; i++) {
            int v = total[i] - own[i];
            out[offset + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
    }

    /**
     * The RFC 6464 level ({@link AudioLevel}) of what {@code sourceId} contributed to the last mixed frame: what a
     * mixer puts in the RFC 6465 mixer-to-client header for that CSRC. A source that sent nothing is digital silence.
     *
     * @throws IllegalStateException if no frame is mixed, or a source has already submitted to the next frame
     */
    public int levelOf(int sourceId) {
        requireMixed();
        int s = indexOf(sourceId);
        return s >= 0 && contributed[s] ? AudioLevel.of(frames[s], 0, frameSamples) : AudioLevel.DIGITAL_SILENCE;
    }

    private void requireMixed() {
        if (!mixed) {
            throw new IllegalStateException("mix() the frame first (and before the next submit)");
        }
    }

    private int indexOf(int sourceId) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == sourceId) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "AudioMixer[" + count + " sources, " + frameSamples + " samples/frame]";
    }
}
