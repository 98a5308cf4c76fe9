package io.hivemind.relay.bench.jmh;

import io.hivemind.relay.media.stun.StunClass;
import io.hivemind.relay.media.stun.StunDropReason;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.stun.StunMessageType;
import io.hivemind.relay.media.stun.StunMessageWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The ICE-lite server's per-check work: accept a Chromium-style nominating Binding request (USERNAME of 9+1+4
 * characters, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, MESSAGE-INTEGRITY, FINGERPRINT) and answer it with a
 * success response (XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT). Expect 0 B/op with {@code -prof gc}.
 */
public class StunBenchmark extends Microbenchmark {

    private static final byte[] TRANSACTION_ID = "hivemindTxId".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOCAL_UFRAG_PREFIX = "Qx7bLm2Pz:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEER_ADDRESS = {(byte) 198, 51, 100, 23};
    private static final int PEER_PORT = 61_234;

    /** Netty hands datagrams over in pooled direct buffers; heap takes the digests' zero-copy array path. */
    @Param({"direct", "heap"})
    public String buffer;

    private final StunMessage request = new StunMessage();
    private final StunMessageWriter writer = new StunMessageWriter();
    private final StunIntegrity integrity = StunIntegrity.shortTerm("Vx1pJ9q2Lz8rT5mN3kW6yH0c");
    private ByteBuf datagram;
    private ByteBuf response;

    @Setup(Level.Trial)
    public void setUp() {
        PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        datagram = "direct".equals(buffer) ? allocator.directBuffer(256) : allocator.heapBuffer(256);
        response = "direct".equals(buffer) ? allocator.directBuffer(256) : allocator.heapBuffer(256);
        writer.begin(datagram, StunMessageType.BINDING, StunClass.REQUEST, TRANSACTION_ID)
                .username("Qx7bLm2Pz:a9Fe")
                .priority(1_853_824_767L)
                .iceControlling(0x1d2c3b4a59687786L)
                .useCandidate()
                .messageIntegrity(integrity)
                .fingerprint()
                .finish();
        if (!verifyRequest()) {
            throw new IllegalStateException("benchmark request does not verify");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        datagram.release();
        response.release();
    }

    /** Parse, check USERNAME, MESSAGE-INTEGRITY and FINGERPRINT of the request. */
    @Benchmark
    public boolean verifyRequest() {
        return request.wrap(datagram) == StunDropReason.NONE
                && request.isBindingRequest()
                && request.usernameStartsWith(LOCAL_UFRAG_PREFIX)
                && integrity.verify(request)
                && request.verifyFingerprint();
    }

    /** Build the success response to the (already parsed) request. */
    @Benchmark
    public int buildSuccessResponse() {
        response.clear();
        return writer.beginResponse(response, request, StunClass.SUCCESS_RESPONSE)
                .xorMappedAddress(PEER_ADDRESS, PEER_PORT)
                .messageIntegrity(integrity)
                .fingerprint()
                .finish();
    }

    /** Both: what one connectivity check costs the server. */
    @Benchmark
    public int answerBindingRequest() {
        return verifyRequest() ? buildSuccessResponse() : -1;
    }
}
