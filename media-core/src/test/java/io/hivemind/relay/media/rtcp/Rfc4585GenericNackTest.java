package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.hivemind.relay.media.rtcp.RtcpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** Generic NACK (RFC 4585 §6.2.1) and PLI (RFC 4585 §6.3.1). */
class Rfc4585GenericNackTest {

    static Stream<Arguments> nacks() {
        return Stream.of(
                // pion/rtcp transport_layer_nack_test.go, TestTransportLayerNackUnmarshal "valid"
                argumentSet("pion/rtcp fixture, PID 0xAAAA BLP 0x5555", hex("""
                        81 cd 00 03 | 90 2f 9e 2e | 90 2f 9e 2e | aa aa 55 55
                        """), new GenericNack(0x902f9e2eL, 0x902f9e2eL, List.of(new NackItem(0xAAAA, 0x5555))),
                        new int[] {43690, 43691, 43693, 43695, 43697, 43699, 43701, 43703, 43705}),
                argumentSet("two items, second wraps past 65535", hex("""
                        81 CD 00 04 | 00 00 00 01 | 00 00 00 02 | 00 0A 00 00 | FF FE 80 03
                        """), new GenericNack(1, 2, List.of(new NackItem(10, 0), new NackItem(0xFFFE, 0x8003))),
                        new int[] {10, 65534, 65535, 0, 14}));
    }

    @ParameterizedTest
    @MethodSource("nacks")
    void readsWritesAndExpands(byte[] wire, GenericNack expected, int[] lost) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            assertThat(reader.next()).isTrue();
            GenericNackView view = new GenericNackView();
            assertThat(view.wrap(reader.header())).isEqualTo(RtcpDropReason.NONE);
            assertThat(view.senderSsrc()).isEqualTo(expected.senderSsrc());
            assertThat(view.mediaSsrc()).isEqualTo(expected.mediaSsrc());
            assertThat(view.itemCount()).isEqualTo(expected.items().size());
            int[] out = new int[view.itemCount() * NackItem.MAX_LOST_PER_ITEM];
            int n = view.lostSequences(out);
            assertThat(Arrays.copyOf(out, n)).containsExactly(lost);
            assertThat(RtcpFixtures.encode(expected)).isEqualTo(wire);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> expansions() {
        return Stream.of(
                argumentSet("PID only", 0, 0, new int[] {0}),
                argumentSet("last BLP bit is PID + 16", 100, 0x8000, new int[] {100, 116}),
                argumentSet("wrap right after PID", 65535, 0x0001, new int[] {65535, 0}),
                argumentSet("all 17 across the wrap", 65530, 0xFFFF,
                        IntStream.rangeClosed(65530, 65546).map(s -> s & 0xFFFF).toArray()));
    }

    @ParameterizedTest
    @MethodSource("expansions")
    void expandsOneItem(int pid, int blp, int[] expected) {
        int[] out = new int[NackItem.MAX_LOST_PER_ITEM + 3];
        int n = new NackItem(pid, blp).lostSequences(out, 3);
        assertThat(n).isEqualTo(new NackItem(pid, blp).lostCount());
        assertThat(Arrays.copyOfRange(out, 3, 3 + n)).containsExactly(expected);
    }

    @Test
    void expansionStopsWhenTheArrayIsFull() {
        int[] out = new int[4];
        assertThat(NackItem.expand(0, 0xFFFF, out, 1)).isEqualTo(3);
        assertThat(out).containsExactly(0, 0, 1, 2);
    }

    static Stream<Arguments> covers() {
        return Stream.of(
                argumentSet("nothing lost", new int[] {}, List.of()),
                argumentSet("one", new int[] {5}, List.of(new NackItem(5, 0))),
                argumentSet("PID and PID + 2", new int[] {5, 7}, List.of(new NackItem(5, 0b10))),
                argumentSet("17 in a row fill one item", IntStream.rangeClosed(1, 17).toArray(),
                        List.of(new NackItem(1, 0xFFFF))),
                argumentSet("18 in a row need two", IntStream.rangeClosed(1, 18).toArray(),
                        List.of(new NackItem(1, 0xFFFF), new NackItem(18, 0))),
                argumentSet("unordered with duplicates", new int[] {3, 1, 3, 2}, List.of(new NackItem(1, 0b11))),
                argumentSet("across the 16-bit wrap", new int[] {0, 65535, 1, 65534},
                        List.of(new NackItem(65534, 0b111))),
                argumentSet("PID + 16 across the wrap", new int[] {15, 65535}, List.of(new NackItem(65535, 0x8000))),
                argumentSet("PID + 17 across the wrap", new int[] {16, 65535},
                        List.of(new NackItem(65535, 0), new NackItem(16, 0))),
                argumentSet("out-of-range ints are taken mod 2^16", new int[] {65536, 65537},
                        List.of(new NackItem(0, 1))));
    }

    @ParameterizedTest
    @MethodSource("covers")
    void buildsTheMinimalItemList(int[] lost, List<NackItem> expected) {
        assertThat(NackItem.cover(lost)).isEqualTo(expected);
    }

    @Test
    void coverThenExpandGivesBackTheSameSet() {
        Random random = new Random(4585);
        for (int round = 0; round < 200; round++) {
            int base = random.nextInt(65536);
            TreeSet<Integer> lost = new TreeSet<>();
            int count = 1 + random.nextInt(60);
            for (int i = 0; i < count; i++) {
                lost.add((base + random.nextInt(200)) & 0xFFFF);
            }
            List<NackItem> items = NackItem.cover(lost.stream().mapToInt(Integer::intValue).toArray());
            int[] out = new int[items.size() * NackItem.MAX_LOST_PER_ITEM];
            int n = 0;
            for (NackItem item : items) {
                n += item.lostSequences(out, n);
            }
            TreeSet<Integer> back = new TreeSet<>();
            Arrays.stream(out, 0, n).forEach(back::add);
            assertThat(n).as("no sequence reported twice").isEqualTo(back.size());
            assertThat(back).isEqualTo(lost);
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                argumentSet("no FCI", "81 CD 00 02 | 00 00 00 01 | 00 00 00 02", RtcpDropReason.MALFORMED),
                argumentSet("padding cuts the FCI", "A1 CD 00 03 | 00 00 00 01 | 00 00 00 02 | 00 0A 00 02",
                        RtcpDropReason.MALFORMED),
                argumentSet("shorter than the two SSRCs", "81 CD 00 01 | 00 00 00 01", RtcpDropReason.MALFORMED),
                argumentSet("TWCC is not a NACK", "8F CD 00 02 | 00 00 00 01 | 00 00 00 02",
                        RtcpDropReason.WRONG_TYPE));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsBadFci(String wire, RtcpDropReason expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            RtcpHeader header = new RtcpHeader();
            assertThat(header.wrap(buf, 0, buf.readableBytes())).isEqualTo(RtcpDropReason.NONE);
            assertThat(new GenericNackView().wrap(header)).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> plis() {
        return Stream.of(
                // pion/rtcp picture_loss_indication_test.go, TestPictureLossIndicationUnmarshal "valid"
                argumentSet("pion/rtcp fixture", "81 ce 00 02 | 00 00 00 00 | 4b c4 fc b4", RtcpDropReason.NONE),
                argumentSet("PLI with an FCI word", "81 CE 00 03 | 00 00 00 00 | 4b c4 fc b4 | 00 00 00 00",
                        RtcpDropReason.MALFORMED),
                argumentSet("FIR format is not PLI", "84 CE 00 02 | 00 00 00 00 | 4b c4 fc b4",
                        RtcpDropReason.WRONG_TYPE));
    }

    @ParameterizedTest
    @MethodSource("plis")
    void readsPictureLossIndication(String wire, RtcpDropReason expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(wire));
        try {
            CompoundRtcpReader reader = new CompoundRtcpReader();
            assertThat(reader.wrap(buf)).isEqualTo(RtcpDropReason.NONE);
            reader.next();
            PictureLossIndicationView pli = new PictureLossIndicationView();
            assertThat(pli.wrap(reader.header())).isEqualTo(expected);
            if (expected == RtcpDropReason.NONE) {
                assertThat(pli.senderSsrc()).isZero();
                assertThat(pli.mediaSsrc()).isEqualTo(0x4bc4fcb4L);
            }
        } finally {
            buf.release();
        }
    }
}
