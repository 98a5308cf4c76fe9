package io.hivemind.relay.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Feeds arbitrary datagrams to a SERVER endpoint's {@link DtlsEndpoint#offer}, runs its handshake on a private
 * thread until it ends (a short handshake timeout bounds it), then closes it. Input: chunks of a two-byte big-endian
 * length then that many bytes (the last chunk takes what is left), at most eight datagrams. Invariants: no exception
 * escapes offer/start/close, the endpoint ends FAILED (no input completes a handshake: that needs our client's
 * certificate and keys), and its thread ends.
 *
 * <p>Regression mode runs the seeds in {@code DtlsEndpointFuzzTestInputs/offerDatagrams}. Fuzzing mode:
 * {@code JAZZER_FUZZ=1 mvn -o -pl sfu test -Dtest=DtlsEndpointFuzzTest#offerDatagrams}.
 */
class DtlsEndpointFuzzTest {

    private static final int MAX_DATAGRAMS = 8;
    private static final DtlsSettings SETTINGS = DtlsSettings.defaults()
            .withHandshakeTimeout(Duration.ofMillis(150));

    @FuzzTest
    void offerDatagrams(byte[] input) throws InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        DtlsEndpoint server = new DtlsEndpoint("[fuzz]", SrtpKeyingMaterial.Role.SERVER,
                DtlsFixture.SERVER_CERTIFICATE, DtlsFixture.CLIENT_CERTIFICATE.fingerprint(),
                (datagram, offset, length) -> { }, thread, new DtlsCounters(), SETTINGS);
        try {
            int position = 0;
            for (int i = 0; i < MAX_DATAGRAMS && position + 2 <= input.length; i++) {
                int declared = (input[position] & 0xff) << 8 | input[position + 1] & 0xff;
                int length = Math.min(declared, input.length - position - 2);
                offer(server, Arrays.copyOfRange(input, position + 2, position + 2 + length));
                position += 2 + length;
            }
            server.start();
            assertThat(server.closeFuture()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(DtlsState.FAILED);
            assertThat(server.handshakeFuture()).isCompletedExceptionally();
        } finally {
            server.close();
            thread.shutdown();
            assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).as("DTLS thread ended").isTrue();
        }
    }

    /** Seeds: a real ClientHello flight (whole and fragmented), then truncations and bit flips of it. */
    @Test
    void generatedSeedsAndMutations() throws Exception {
        byte[] clientHello = realClientHello(1200);
        byte[] fragment = realClientHello(100);
        offerDatagrams(chunks(clientHello));
        offerDatagrams(chunks(fragment, clientHello));
        Random random = new Random(6347);
        for (int i = 0; i < 12; i++) {
            offerDatagrams(chunks(Arrays.copyOf(clientHello, random.nextInt(clientHello.length))));
        }
        for (int i = 0; i < 12; i++) {
            byte[] flipped = clientHello.clone();
            int bit = random.nextInt(flipped.length * 8);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            offerDatagrams(chunks(flipped, clientHello));
        }
    }

    /** The first datagram a real CLIENT endpoint sends with the given send limit. */
    static byte[] realClientHello(int sendLimit) throws Exception {
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        try (DtlsFixture fixture = new DtlsFixture()) {
            DtlsEndpoint client = fixture.endpoint("[seed]", SrtpKeyingMaterial.Role.CLIENT,
                    DtlsFixture.CLIENT_CERTIFICATE, DtlsFixture.SERVER_CERTIFICATE.fingerprint(),
                    (datagram, offset, length) -> first.complete(Arrays.copyOfRange(datagram, offset,
                            offset + length)), DtlsSettings.defaults().withSendLimit(sendLimit));
            client.start();
            return first.get(10, TimeUnit.SECONDS);
        }
    }

    /** Encodes datagrams in the fuzz input format. */
    static byte[] chunks(byte[]... datagrams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] datagram : datagrams) {
            out.write(datagram.length >>> 8);
            out.write(datagram.length);
            out.write(datagram, 0, datagram.length);
        }
        return out.toByteArray();
    }

    private static void offer(DtlsEndpoint endpoint, byte[] datagram) {
        ByteBuf buffer = Unpooled.wrappedBuffer(datagram);
        try {
            endpoint.offer(buffer);
        } finally {
            buffer.release();
        }
    }
}
