package io.hivemind.relay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelayDelayTest {

    /** Two media loops' series, as the relay's /metrics writes them, beside an unrelated histogram. */
    private static String metrics(long... perBucketLoop0) {
        String[] bounds = {"5.0E-5", "1.0E-4", "2.5E-4", "5.0E-4", "0.001", "+Inf"};
        StringBuilder text = new StringBuilder("# TYPE relay_forwarding_delay_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += perBucketLoop0[i];
            text.append("relay_forwarding_delay_seconds_bucket{loop=\"0\",le=\"").append(bounds[i]).append("\"} ")
                    .append(cumulative).append('\n');
            text.append("relay_forwarding_delay_seconds_bucket{loop=\"1\",le=\"").append(bounds[i]).append("\"} 0\n");
        }
        text.append("relay_forwarding_delay_seconds_count ").append(cumulative).append('\n');
        text.append("http_server_seconds_bucket{le=\"0.001\"} 99\n");
        return text.toString();
    }

    @Test
    void percentilesAreTheBoundsOfTheBucketsTheyFallIn() {
        record Case(String name, long[] perBucket, long p50, long p99, long p999) {
        }
        List<Case> cases = List.of(
                new Case("all fast", new long[] {1000, 0, 0, 0, 0, 0}, 50, 50, 50),
                new Case("median in the third bucket", new long[] {100, 300, 200, 390, 9, 1}, 250, 500, 1_000),
                new Case("a tail beyond the last bound", new long[] {0, 980, 0, 0, 0, 20}, 100, Long.MAX_VALUE,
                        Long.MAX_VALUE));
        for (Case c : cases) {
            RelayDelay.Summary s = RelayDelay.parse(metrics(c.perBucket())).summary();
            assertThat(List.of(s.p50(), s.p99(), s.p999())).as(c.name()).containsExactly(c.p50(), c.p99(), c.p999());
        }
    }

    @Test
    void aWindowIsTheDifferenceOfTwoReadings() {
        RelayDelay before = RelayDelay.parse(metrics(1000, 0, 0, 0, 0, 0));
        RelayDelay after = RelayDelay.parse(metrics(1000, 0, 0, 0, 100, 0));
        RelayDelay.Summary window = after.minus(before).summary();
        assertThat(window.copies()).isEqualTo(100);
        assertThat(window.p50()).isEqualTo(1_000);
        assertThat(before.minus(before).summary()).as("no copies in the window").isNull();
    }

    @Test
    void textWithoutTheSeriesOrWithBadNumbersIsRefused() {
        assertThatThrownBy(() -> RelayDelay.parse("relay_rooms 3\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no relay_forwarding_delay_seconds_bucket");
        assertThatThrownBy(() -> RelayDelay.parse("relay_forwarding_delay_seconds_bucket{le=\"x\"} 3\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> RelayDelay.parse("relay_forwarding_delay_seconds_bucket{le=\"-1\"} 3\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        RelayDelay twoBuckets = RelayDelay.parse("relay_forwarding_delay_seconds_bucket{le=\"0.001\"} 3\n"
                + "relay_forwarding_delay_seconds_bucket{le=\"+Inf\"} 3\n");
        RelayDelay oneBucket = RelayDelay.parse("relay_forwarding_delay_seconds_bucket{le=\"+Inf\"} 3\n");
        assertThatThrownBy(() -> twoBuckets.minus(oneBucket)).isInstanceOf(IllegalArgumentException.class);
    }
}
