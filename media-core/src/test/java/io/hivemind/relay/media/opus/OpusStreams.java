package io.hivemind.relay.media.opus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs whole signals through real libopus sessions, frame by frame. */
final class OpusStreams {

    private OpusStreams() {
    }

    /** Encodes {@code pcm} (a whole number of frames) into one packet per frame. */
    static List<byte[]> encode(OpusEncoderConfig config, short[] pcm) {
        List<byte[]> packets = new ArrayList<>();
        byte[] out = new byte[1500];
        int step = config.frameSamples() * config.channels();
        try (OpusEncoderSession encoder = new OpusEncoderSession(config)) {
            for (int offset = 0; offset + step <= pcm.length; offset += step) {
                int length = encoder.encode(pcm, offset, out, 0);
                packets.add(Arrays.copyOf(out, length));
            }
        }
        return packets;
    }

    /** Decodes every packet in order into one interleaved PCM array. */
    static short[] decode(int channels, List<byte[]> packets, int frameSamples) {
        short[] pcm = new short[packets.size() * frameSamples * channels];
        try (OpusDecoderSession decoder = new OpusDecoderSession(channels)) {
            int at = 0;
            for (byte[] packet : packets) {
                at += decoder.decode(packet, 0, packet.length, pcm, at) * channels;
            }
        }
        return pcm;
    }
}
