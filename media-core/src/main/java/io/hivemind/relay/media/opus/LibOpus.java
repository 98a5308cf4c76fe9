package io.hivemind.relay.media.opus;

import club.minnced.opus.util.OpusLibrary;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Direct-mapped JNA binding to libopus.
 *
 * <p>Which libopus: the file named by the system property {@value #LIBRARY_PROPERTY} if set (for example Debian's
 * {@code /usr/lib/x86_64-linux-gnu/libopus.so.0}), else the copy opus-java bundles (extracted by
 * {@link OpusLibrary#loadFromJar()}). The bundled copy is libopus 1.1.2 from 2015, older than the RFC 8251 decoder
 * fixes; the relay decodes packets from untrusted peers, so production should name a maintained library. The
 * bundled one stays the default because the suite's codec expectations (DTX on low-level noise, tone SNR) were
 * measured on it; libopus 1.3.1 passes all but the DTX-on-noise test.
 *
 * <p>opus-java's own {@code tomp2p.opuswrapper.Opus} is an interface-mapped library: every call boxes its
 * arguments into an {@code Object[]} and goes through a proxy, which allocates per frame. Direct mapping passes
 * primitives straight to the native stub, so the per-frame calls here allocate nothing. Pointers travel as
 * {@code long} addresses of native state or of direct NIO buffers allocated once per session.
 *
 * <p>{@code opus_encoder_ctl}/{@code opus_decoder_ctl} are variadic in C; they are declared with one fixed
 * {@code long} argument. On the LP64 ABIs the natives ship for (x86-64 SysV, AArch64) an integer variadic argument
 * travels in the same register as a fixed one and libopus reads it with {@code va_arg(ap, opus_int32)} (low 32 bits)
 * or {@code va_arg(ap, opus_int32*)}, so both SET values and GET pointers pass through unchanged.
 */
final class LibOpus {

    /** Request codes from libopus {@code opus_defines.h}. */
    static final int OPUS_SET_BITRATE_REQUEST = 4002;
    static final int OPUS_GET_BITRATE_REQUEST = 4003;
    static final int OPUS_SET_COMPLEXITY_REQUEST = 4010;
    static final int OPUS_SET_INBAND_FEC_REQUEST = 4012;
    static final int OPUS_SET_PACKET_LOSS_PERC_REQUEST = 4014;
    static final int OPUS_SET_DTX_REQUEST = 4016;
    static final int OPUS_GET_LOOKAHEAD_REQUEST = 4027;
    static final int OPUS_RESET_STATE = 4028;
    static final int OPUS_GET_LAST_PACKET_DURATION_REQUEST = 4039;

    /** libopus's own recommendation for {@code max_data_bytes}; also our bound on packets handed to a decoder. */
    static final int MAX_PACKET_BYTES = 4000;
    /** 120 ms at 48 kHz: the longest a single Opus packet can last (RFC 6716 §3.2.5). */
    static final int MAX_FRAME_SAMPLES = 5760;

    /** System property naming the libopus shared library to load instead of the default choice. */
    static final String LIBRARY_PROPERTY = "relay.opus.library";

    static {
        try {
            Path chosen = chooseLibrary(System.getProperty(LIBRARY_PROPERTY));
            if (chosen == null) {
                OpusLibrary.loadFromJar();
            } else {
                OpusLibrary.loadFrom(chosen.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load libopus", e);
        }
        // Same NativeLibrary instance (cached by name) that opus-java's interface mapping resolves.
        Native.register(LibOpus.class, NativeLibrary.getInstance(System.getProperty("opus.lib")));
    }

    private LibOpus() {
    }

    /**
     * The library to load: the configured file, which must exist (a typo is a configuration error, not a reason to
     * fall back silently), or {@code null} for the bundled copy.
     */
    static Path chooseLibrary(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        Path path = Path.of(configured);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(LIBRARY_PROPERTY + " names " + configured + ", which is not a readable file");
        }
        return path;
    }

    static long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    static native String opus_get_version_string();

    static native long opus_encoder_create(int fs, int channels, int application, long error);

    static native int opus_encode(long st, long pcm, int frameSize, long data, int maxDataBytes);

    static native int opus_encoder_ctl(long st, int request, long arg);

    static native void opus_encoder_destroy(long st);

    static native long opus_decoder_create(int fs, int channels, long error);

    static native int opus_decode(long st, long data, int len, long pcm, int frameSize, int decodeFec);

    static native int opus_decoder_ctl(long st, int request, long arg);

    static native void opus_decoder_destroy(long st);
}
