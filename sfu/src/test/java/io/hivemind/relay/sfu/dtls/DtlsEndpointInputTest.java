package io.hivemind.relay.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile or excessive input to {@link DtlsEndpoint#offer}: counted drops, no exceptions, no hang. */
class DtlsEndpointInputTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DtlsSettings DEFAULTS = DtlsSettings.defaults();

    private final DtlsFixture fixture = new DtlsFixture();

    @AfterEach
    void closeFixture() {
        fixture.close();
    }

    @Test
    void floodBeyondTheQueueIsCountedAndTheHandshakeStillCompletes() {
        int capacity = 8;
        DtlsFixture.Pair pair = fixture.pair(DEFAULTS, DEFAULTS.withQueueCapacity(capacity));
        Random random = new Random(5764);
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            accepted += offer(pair.server(), junk) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(capacity);
        assertThat(fixture.counters.drops(DtlsDropReason.QUEUE_FULL)).isEqualTo(1000 - capacity);

        pair.start();

        DtlsFixture.assertKeysInterwork(pair.client().handshakeFuture().join(),
                pair.server().handshakeFuture().join());
    }

    /** Garbage datagrams, and the server's fate when one precedes the real ClientHello (null: it connects). */
    static Stream<Arguments> garbage() {
        byte[] random = new byte[1200];
        new Random(7983).nextBytes(random);
        DtlsFailureReason connects = null;
        return Stream.of(
                Arguments.of("empty datagram", new byte[0], connects),
                Arguments.of("lone handshake content type", new byte[] {22}, connects),
                Arguments.of("record header claiming 65535 bytes",
                        new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff},
                        connects),
                // A forged first fragment of message 0 poisons BC's reassembly of the real ClientHello: the reason
                // DTLS is only ever fed from the ICE-authenticated address (the "ClientHello race").
                Arguments.of("ClientHello fragment of length zero", handshakeRecord(1, 300, 0, 0),
                        DtlsFailureReason.HANDSHAKE_TIMEOUT),
                Arguments.of("fragment beyond its message length", handshakeRecord(1, 10, 5, 20), connects),
                Arguments.of("ClientHello of length 16 MiB", handshakeRecord(1, 0xffffff, 0, 4),
                        DtlsFailureReason.HANDSHAKE_TIMEOUT),
                Arguments.of("Finished before anything", handshakeRecord(20, 12, 0, 12), connects),
                Arguments.of("epoch 1 ciphertext", new byte[] {23, (byte) 0xfe, (byte) 0xfd, 0, 1, 0, 0, 0, 0, 0, 0,
                    0, 4, 1, 2, 3, 4}, connects),
                Arguments.of("DTLS 1.3 unified header", new byte[] {0x2f, 0, 0, 0, 0, 0}, connects),
                // BC honours a plaintext fatal alert in epoch 0; again only the ICE-authenticated peer can send one.
                Arguments.of("fatal alert record", new byte[] {21, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 2,
                    2, 40}, DtlsFailureReason.PEER_ALERT),
                Arguments.of("random 1200 bytes", random, connects));
    }

    /** A DTLS 1.2 epoch-0 record carrying one handshake fragment header and {@code bodyLength} zero bytes. */
    private static byte[] handshakeRecord(int type, int messageLength, int fragmentOffset, int fragmentLength) {
        int bodyLength = Math.min(fragmentLength, 64);
        ByteBuf record = Unpooled.buffer();
        try {
            record.writeByte(22).writeShort(0xfefd).writeShort(0).writeMedium(0).writeMedium(0)
                    .writeShort(12 + bodyLength);
            record.writeByte(type).writeMedium(messageLength).writeShort(0).writeMedium(fragmentOffset)
                    .writeMedium(fragmentLength).writeZero(bodyLength);
            byte[] bytes = new byte[record.readableBytes()];
            record.readBytes(bytes);
            return bytes;
        } finally {
            record.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageBeforeTheClientHelloIsIgnoredOrFailsCleanly(String name, byte[] garbage,
                                                             DtlsFailureReason serverFailure) {
        DtlsSettings settings = DEFAULTS.withHandshakeTimeout(Duration.ofSeconds(3));
        DtlsFixture.Pair pair = fixture.pair(settings, settings);
        pair.server().start();
        assertThat(offer(pair.server(), garbage)).isTrue();
        pair.client().start();

        if (serverFailure == null) {
            assertThat(pair.server().handshakeFuture()).succeedsWithin(WAIT);
            assertThat(pair.client().handshakeFuture()).succeedsWithin(WAIT);
        } else {
            assertThat(pair.server().closeFuture()).succeedsWithin(WAIT).isEqualTo(DtlsState.FAILED);
            assertThat(pair.server().failureReason()).isEqualTo(serverFailure);
            assertThat(pair.server().handshakeFuture()).isCompletedExceptionally();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageAfterTheHandshakeIsAbsorbed(String name, byte[] garbage, DtlsFailureReason ignored) {
        DtlsFixture.Pair pair = fixture.pair(DEFAULTS, DEFAULTS);
        pair.start();
        SrtpKeyingMaterial client = pair.client().handshakeFuture().join();
        SrtpKeyingMaterial server = pair.server().handshakeFuture().join();

        assertThat(offer(pair.server(), garbage)).isTrue();
        assertThat(offer(pair.client(), garbage)).isTrue();
        pair.client().close();

        // close_notify queues behind the garbage: the server reaching CLOSED proves it read past it.
        assertThat(pair.server().closeFuture()).succeedsWithin(WAIT).isEqualTo(DtlsState.CLOSED);
        DtlsFixture.assertKeysInterwork(client, server);
    }

    @Test
    void oversizedAndLateDatagramsAreCountedDrops() {
        DtlsEndpoint endpoint = fixture.endpoint("[drops]", SrtpKeyingMaterial.Role.SERVER,
                DtlsFixture.SERVER_CERTIFICATE, DtlsFixture.CLIENT_CERTIFICATE.fingerprint(),
                (datagram, offset, length) -> { }, DEFAULTS);

        assertThat(offer(endpoint, new byte[DtlsEndpoint.RECEIVE_LIMIT + 1])).isFalse();
        assertThat(offer(endpoint, new byte[DtlsEndpoint.RECEIVE_LIMIT])).isTrue();
        endpoint.close();
        assertThat(offer(endpoint, new byte[10])).isFalse();

        assertThat(fixture.counters.drops(DtlsDropReason.OVERSIZED)).isEqualTo(1);
        assertThat(fixture.counters.drops(DtlsDropReason.ENDPOINT_CLOSED)).isEqualTo(1);
    }

    @Test
    void offerBorrowsTheBuffer() {
        DtlsEndpoint endpoint = fixture.endpoint("[borrow]", SrtpKeyingMaterial.Role.SERVER,
                DtlsFixture.SERVER_CERTIFICATE, DtlsFixture.CLIENT_CERTIFICATE.fingerprint(),
                (datagram, offset, length) -> { }, DEFAULTS);
        ByteBuf buffer = Unpooled.buffer().writeBytes(new byte[] {22, 1, 2, 3});
        try {
            assertThat(endpoint.offer(buffer)).isTrue();
            assertThat(buffer.refCnt()).isEqualTo(1);
            assertThat(buffer.readerIndex()).isZero();
            assertThat(buffer.readableBytes()).isEqualTo(4);
        } finally {
            buffer.release();
        }
    }

    private static boolean offer(DtlsEndpoint endpoint, byte[] datagram) {
        ByteBuf buffer = Unpooled.wrappedBuffer(datagram);
        try {
            return endpoint.offer(buffer);
        } finally {
            buffer.release();
        }
    }
}
