package io.hivemind.relay.media.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * About one second of audio through a real libopus encoder and decoder at 32 kbit/s.
 *
 * <p>The codec delay is found by cross-correlating a chirp (a pure tone's correlation repeats every period, a
 * chirp's has one peak) and must equal the encoder's reported look-ahead. The 440 Hz tone is then aligned by that
 * delay and the least-squares gain. SNR floors: AUDIO codes a tone with CELT/Hybrid, whose MDCT layer keeps the
 * waveform (libopus 1.1.2 measures 24..34 dB here, 1.3.1 from 19 dB), so 15 dB leaves margin; VOIP uses SILK, whose noise shaping
 * spends bits on perceived rather than waveform fidelity (13.5..17 dB measured), so 10 dB; a misaligned or
 * garbled stream scores about 0 dB or below.
 */
class OpusRoundTripTest {

    private static final double TONE_HZ = 440;
    private static final int SETTLE = Pcm.RATE / 10;

    static Stream<Arguments> configurations() {
        return Stream.of(1, 2).flatMap(channels -> Stream.of(10, 20, 40, 60).flatMap(millis ->
            Stream.of(OpusApplication.values()).map(app -> arguments(
                (channels == 1 ? "mono" : "stereo") + " " + millis + " ms " + app,
                OpusEncoderConfig.voice(channels).withFrameMillis(millis).withApplication(app)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void toneSurvivesEncodeAndDecode(String name, OpusEncoderConfig config) {
        int channels = config.channels();
        int samples = wholeFrames(config, Pcm.RATE);
        int delay = measuredDelay(config, samples);
        int lookahead;
        try (OpusEncoderSession encoder = new OpusEncoderSession(config)) {
            lookahead = encoder.lookaheadSamples();
        }
        assertThat(delay).as("codec delay by cross-correlation vs look-ahead").isBetween(lookahead - 2, lookahead + 2);

        short[] tone = Pcm.tone(TONE_HZ, 8000, samples, channels);
        List<byte[]> packets = OpusStreams.encode(config, tone);
        assertThat(packets).hasSize(samples / config.frameSamples());
        short[] decoded = OpusStreams.decode(channels, packets, config.frameSamples());
        assertThat(decoded).hasSameSizeAs(tone);

        double floor = config.application() == OpusApplication.AUDIO ? 15 : 10;
        for (int channel = 0; channel < channels; channel++) {
            double[] in = Pcm.channel(tone, channels, channel);
            double[] out = Pcm.channel(decoded, channels, channel);
            assertThat(Pcm.dominantHz(out, SETTLE + delay, samples, 300, 600)).as("dominant frequency")
                .isBetween(438, 442);
            assertThat(Pcm.snrDb(in, out, delay, SETTLE, samples - delay)).as("SNR dB, channel %d", channel)
                .isGreaterThanOrEqualTo(floor);
        }
    }

    private static int measuredDelay(OpusEncoderConfig config, int samples) {
        short[] chirp = Pcm.chirp(200, 4000, 8000, samples, config.channels());
        short[] decoded = OpusStreams.decode(config.channels(), OpusStreams.encode(config, chirp),
            config.frameSamples());
        return Pcm.delay(Pcm.channel(chirp, config.channels(), 0), Pcm.channel(decoded, config.channels(), 0),
            Pcm.RATE / 25);
    }

    private static int wholeFrames(OpusEncoderConfig config, int atLeast) {
        int frame = config.frameSamples();
        return (atLeast + frame - 1) / frame * frame;
    }
}
