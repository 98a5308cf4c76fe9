package io.hivemind.relay.sfu.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.media.stun.StunAttributeType;
import io.hivemind.relay.media.stun.StunDropReason;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * STUN-ish bytes through an {@link IceLiteServer}: any message that parses gives an outcome, never an exception;
 * a response is well formed, bounded, carries FINGERPRINT, and MESSAGE-INTEGRITY exactly when the request
 * authenticated; only a success changes state.
 * Regression mode replays src/test/resources/io/hivemind/relay/sfu/ice/IceLiteServerFuzzTestInputs/handle/.
 * Fuzzing mode: {@code JAZZER_FUZZ=1 mvn -o -pl sfu test -Dtest=IceLiteServerFuzzTest#handle}.
 */
class IceLiteServerFuzzTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50_000);
    private static final StunIntegrity KEY = StunIntegrity.shortTerm(BindingRequests.SERVER.password());

    private final StunMessage request = new StunMessage();
    private final StunMessage response = new StunMessage();

    @FuzzTest(maxDuration = "30s")
    void handle(byte[] data) {
        RecordingIceListener listener = new RecordingIceListener();
        IceLiteServer server = new IceLiteServer(BindingRequests.SERVER, new ManualClock(),
                IceLiteServer.DEFAULT_CONSENT_TIMEOUT, listener, "fuzz");
        server.remoteCredentials(BindingRequests.CLIENT);
        ByteBuf in = Unpooled.wrappedBuffer(data);
        ByteBuf out = Unpooled.buffer();
        try {
            if (request.wrap(in) != StunDropReason.NONE) {
                return;
            }
            IceCheckOutcome outcome = server.handle(request, PEER, out);
            assertThat(out.isReadable()).isEqualTo(outcome.responds());
            boolean accepted = outcome == IceCheckOutcome.SUCCESS || outcome == IceCheckOutcome.NOMINATED;
            assertThat(server.selectedTuple()).isEqualTo(accepted ? PEER : null);
            assertThat(listener.events.isEmpty()).isEqualTo(!accepted);
            if (outcome.responds()) {
                assertThat(out.readableBytes()).isLessThanOrEqualTo(IceLiteServer.MAX_RESPONSE_LENGTH);
                assertThat(response.wrap(out)).isEqualTo(StunDropReason.NONE);
                assertThat(response.verifyFingerprint()).isTrue();
                assertThat(response.has(StunAttributeType.MESSAGE_INTEGRITY)).isEqualTo(outcome.authenticated());
                assertThat(!outcome.authenticated() || KEY.verify(response)).isTrue();
                assertThat(response.transactionIdLow()).isEqualTo(request.transactionIdLow());
            }
        } finally {
            in.release();
            out.release();
        }
    }

    @Test
    void generatedSeedsAndMutations() {
        Random random = new Random(8445);
        List<byte[]> seeds = List.of(BindingRequests.check(1, true), BindingRequests.check(2, false),
                BindingRequests.build(3, (w, b) -> w.username("srvU:cliU").priority(1).iceControlled(5)
                        .messageIntegrity(KEY).fingerprint()),
                BindingRequests.build(4, (w, b) -> {
                    w.username("srvU:cliU").priority(1);
                    b.writeShort(0x0033).writeShort(4).writeInt(0);
                    w.messageIntegrity(KEY).fingerprint();
                }));
        int fed = 0;
        for (byte[] seed : seeds) {
            List<byte[]> variants = new ArrayList<>();
            variants.add(seed);
            for (int length = 0; length < seed.length; length++) {
                variants.add(Arrays.copyOf(seed, length));
            }
            for (int i = 0; i < 300; i++) {
                byte[] flipped = seed.clone();
                int bit = random.nextInt(seed.length * 8);
                flipped[bit / 8] ^= (byte) (1 << bit % 8);
                variants.add(flipped);
            }
            for (byte[] variant : variants) {
                handle(variant);
                fed++;
            }
        }
        assertThat(fed).isGreaterThan(1000);
    }
}
