package io.hivemind.relay.signaling.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any text either parses or gives an SdpParseException with a line number; what parses writes back to text that
 * parses to the same description and writes identically; answering it or applying it as an answer fails only with
 * an SdpNegotiationException. Regression mode replays
 * src/test/resources/io/hivemind/relay/signaling/sdp/SdpParserFuzzTestInputs/parse/.
 * Fuzzing mode: {@code JAZZER_FUZZ=1 mvn -o -pl signaling -am test -Dtest=SdpParserFuzzTest#parse
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SdpParserFuzzTest {

    private static final OutgoingTrack TRACK = SdpFixtures.track(42);

    private final AudioAnswerBuilder answers = new AudioAnswerBuilder(SdpFixtures.local(),
            new AudioPreferences(111, true));
    private final AudioOfferBuilder offers = new AudioOfferBuilder(SdpFixtures.local(), AudioPreferences.defaults());
    private final SessionDescription ourOffer = offers.offer(List.of(new OfferedAudio("0", TRACK)), 1, 1);

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) throws SdpParseException {
        // Latin-1 keeps every byte as one char, so control bytes and line ends reach the parser unchanged.
        check(new String(data, StandardCharsets.ISO_8859_1));
        check(new String(data, StandardCharsets.UTF_8));
    }

    private void check(String text) throws SdpParseException {
        SessionDescription description;
        try {
            description = SdpParser.parse(text);
        } catch (SdpParseException e) {
            assertThat(e.line()).isBetween(0, SdpParser.MAX_LINES + 1);
            assertThat(e.getMessage()).startsWith("SDP");
            return;
        }
        String written = SdpWriter.write(description);
        SessionDescription reparsed = SdpParser.parse(written);
        assertThat(reparsed).isEqualTo(description);
        assertThat(SdpWriter.write(reparsed)).isEqualTo(written);
        try {
            AudioNegotiation negotiation = answers.answer(description, Map.of("0", TRACK), 1, 2);
            SessionDescription answer = negotiation.localDescription();
            assertThat(SdpParser.parse(SdpWriter.write(answer))).isEqualTo(answer);
            assertThat(answer.media()).hasSameSizeAs(description.media());
            assertThat(negotiation.audio()).isNotEmpty();
        } catch (SdpNegotiationException e) {
            assertThat(e.reason()).isNotNull();
        }
        try {
            assertThat(offers.applyAnswer(ourOffer, description).audio()).hasSize(1);
        } catch (SdpNegotiationException e) {
            assertThat(e.reason()).isNotNull();
        }
    }

    /** Seeds: the Chromium captures and our own offers and answers, then line and character mutations. */
    @Test
    void generatedSeedsAndMutations() throws SdpParseException {
        Random random = new Random(0x5344505FL);
        int fed = 0;
        for (String seed : seeds()) {
            List<String> variants = new ArrayList<>();
            variants.add(seed);
            variants.add(seed.replace("\r\n", "\n"));
            String[] lines = seed.split("\r\n");
            for (int i = 0; i < lines.length; i++) {
                variants.add(withLine(lines, i, null));
                variants.add(withLine(lines, i, lines[i] + "\r\n" + lines[i]));
                variants.add(withLine(lines, i, lines[i].substring(0, random.nextInt(lines[i].length() + 1))));
                variants.add(withLine(lines, i, lines[i].replace(' ', random.nextBoolean() ? '\t' : ':')));
                variants.add(withLine(lines, i, lines[i] + " 4294967296 " + "9".repeat(random.nextInt(25))));
            }
            for (int i = 0; i < 150; i++) {
                char[] chars = seed.toCharArray();
                int at = random.nextInt(chars.length);
                chars[at] = (char) random.nextInt(128);
                variants.add(new String(chars));
            }
            for (int length = 0; length < seed.length(); length += 1 + random.nextInt(40)) {
                variants.add(seed.substring(0, length));
            }
            for (String variant : variants) {
                parse(variant.getBytes(StandardCharsets.ISO_8859_1));
                fed++;
            }
        }
        assertThat(fed).isGreaterThan(4000);
    }

    private List<String> seeds() throws SdpParseException {
        List<String> seeds = new ArrayList<>();
        for (String fixture : SdpFixtures.ALL) {
            String text = SdpFixtures.text(fixture);
            seeds.add(text);
            try {
                seeds.add(SdpWriter.write(answers.answer(SdpParser.parse(text), Map.of("0", TRACK), 1, 1)
                        .localDescription()));
            } catch (SdpNegotiationException e) {
                throw new AssertionError(fixture, e);
            }
        }
        seeds.add(SdpWriter.write(ourOffer));
        return seeds;
    }

    private static String withLine(String[] lines, int index, String replacement) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = i == index ? replacement : lines[i];
            if (line != null) {
                out.append(line).append("\r\n");
            }
        }
        return out.toString();
    }
}
