package io.hivemind.relay.sfu.dtls;

import io.hivemind.relay.media.srtp.SrtpKeyingMaterial;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsException;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS 1.2 association for DTLS-SRTP (RFC 5764), in either role, independent of any socket: datagrams come in
 * through {@link #offer} and go out through a {@link DatagramSender} (the design of Jitsi's DtlsStack).
 *
 * <p>Roles (RFC 5763 §5): {@link SrtpKeyingMaterial.Role#SERVER} when we answered an {@code actpass} offer with
 * {@code setup:passive} and wait for the ClientHello; {@link SrtpKeyingMaterial.Role#CLIENT} when the remote is
 * passive and we send the ClientHello. Either way the peer must present a certificate whose hash matches the remote
 * SDP fingerprint, and only then are SRTP keys exported ({@link #handshakeFuture()}).
 *
 * <p>Threading: Bouncy Castle's handshake blocks on reads, so {@link #start()} runs it as one task on the given
 * executor, fed by a bounded queue of datagram copies. After the handshake the same task keeps reading, which lets BC
 * answer retransmitted final flights and notice close_notify; it ends on {@link #close()} or when the peer closes.
 * No cookie exchange (DTLSVerifier): Chromium's fragmented ClientHello defeats it, and DTLS is only ever offered
 * datagrams from the ICE-authenticated address (RFC 8445 §7.3), which already rules out spoofed sources.
 *
 * <p>Futures complete on the DTLS thread or on the thread calling {@link #close()}; hop to an event loop with the
 * async variants. Keys never appear in logs.
 */
public final class DtlsEndpoint implements AutoCloseable {

    /** Largest datagram accepted: above any Ethernet MTU, below BC's record limit. */
    public static final int RECEIVE_LIMIT = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(DtlsEndpoint.class);
    /** How long the post-handshake reader waits per call before checking whether it should stop. */
    private static final int READ_WAIT_MILLIS = 1000;

    private final String logPrefix;
    private final SrtpKeyingMaterial.Role role;
    private final DtlsCertificate certificate;
    private final DtlsFingerprint remoteFingerprint;
    private final Executor executor;
    private final DtlsCounters counters;
    private final DtlsSettings settings;
    private final QueuedDatagramTransport transport;
    private final AtomicReference<DtlsState> state = new AtomicReference<>(DtlsState.NEW);
    private final CompletableFuture<SrtpKeyingMaterial> handshake = new CompletableFuture<>();
    private final CompletableFuture<DtlsState> terminated = new CompletableFuture<>();
    private volatile DTLSTransport connection;
    private volatile DtlsFailureReason failureReason;

    /**
     * @param logPrefix         short room/participant prefix for log lines
     * @param role              our DTLS role, from the SDP {@code a=setup} negotiation
     * @param certificate       our certificate (its fingerprint is in our SDP)
     * @param remoteFingerprint the peer's SDP {@code a=fingerprint}
     * @param sender            writes our datagrams to the peer
     * @param executor          runs the blocking handshake and reader (one task per endpoint, for its lifetime)
     * @param counters          shared counters
     */
    public DtlsEndpoint(String logPrefix, SrtpKeyingMaterial.Role role, DtlsCertificate certificate,
                        DtlsFingerprint remoteFingerprint, DatagramSender sender, Executor executor,
                        DtlsCounters counters, DtlsSettings settings) {
        this.logPrefix = Objects.requireNonNull(logPrefix);
        this.role = Objects.requireNonNull(role);
        this.certificate = Objects.requireNonNull(certificate);
        this.remoteFingerprint = Objects.requireNonNull(remoteFingerprint);
        this.executor = Objects.requireNonNull(executor);
        this.counters = Objects.requireNonNull(counters);
        this.settings = Objects.requireNonNull(settings);
        this.transport = new QueuedDatagramTransport(settings.queueCapacity(), Objects.requireNonNull(sender),
                settings.sendLimit());
    }

    /** Starts the handshake on the executor; a no-op unless {@link DtlsState#NEW}. */
    public void start() {
        if (!state.compareAndSet(DtlsState.NEW, DtlsState.CONNECTING)) {
            return;
        }
        counters.handshakeStarted();
        LOG.info("{} DTLS handshake starting as {}", logPrefix, role);
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            failed(DtlsFailureReason.PROTOCOL_ERROR, e);
        }
    }

    /**
     * Queues a copy of one DTLS datagram for the DTLS thread. Borrows {@code datagram} (its indices are unchanged);
     * never blocks, so it is safe on an event loop. Datagrams may arrive before {@link #start()}.
     *
     * @return false when the datagram was dropped (counted by {@link DtlsDropReason})
     */
    public boolean offer(ByteBuf datagram) {
        DtlsDropReason drop = null;
        if (state.get().isTerminal()) {
            drop = DtlsDropReason.ENDPOINT_CLOSED;
        } else if (datagram.readableBytes() > RECEIVE_LIMIT) {
            drop = DtlsDropReason.OVERSIZED;
        } else if (!transport.offer(ByteBufUtil.getBytes(datagram))) {
            drop = transport.isClosed() ? DtlsDropReason.ENDPOINT_CLOSED : DtlsDropReason.QUEUE_FULL;
        }
        if (drop != null) {
            counters.dropped(drop);
            return false;
        }
        return true;
    }

    /**
     * Completes with the SRTP keying material for our role once the handshake succeeded and the peer's certificate
     * matched; completes exceptionally with a {@link DtlsHandshakeException} on failure or an early close.
     */
    public CompletableFuture<SrtpKeyingMaterial> handshakeFuture() {
        return handshake;
    }

    /** Completes with {@link DtlsState#FAILED} or {@link DtlsState#CLOSED} when the endpoint ends for any reason. */
    public CompletableFuture<DtlsState> closeFuture() {
        return terminated;
    }

    public DtlsState state() {
        return state.get();
    }

    /** Why the handshake failed, or {@code null}. */
    public DtlsFailureReason failureReason() {
        return failureReason;
    }

    public SrtpKeyingMaterial.Role role() {
        return role;
    }

    /**
     * Sends close_notify if connected, stops the DTLS task and releases the queue. Idempotent; safe from any thread.
     */
    @Override
    public void close() {
        DtlsState previous = state.getAndUpdate(current -> current.isTerminal() ? current : DtlsState.CLOSED);
        if (previous.isTerminal()) {
            return;
        }
        LOG.info("{} DTLS closing (was {})", logPrefix, previous);
        DTLSTransport established = connection;
        if (previous == DtlsState.CONNECTED && established != null) {
            try {
                established.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("{} DTLS close_notify not sent: {}", logPrefix, e.toString());
            }
        }
        transport.close();
        handshake.completeExceptionally(new DtlsHandshakeException(null, "closed before the handshake ended", null));
        terminated.complete(DtlsState.CLOSED);
    }

    private void run() {
        DtlsSrtpNegotiation negotiation = new DtlsSrtpNegotiation(role, remoteFingerprint, settings.srtpProfiles());
        SrtpKeyingMaterial keys;
        DTLSTransport established;
        try {
            BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
            int timeoutMillis = (int) settings.handshakeTimeout().toMillis();
            if (role == SrtpKeyingMaterial.Role.SERVER) {
                established = new DTLSServerProtocol().accept(
                        new SrtpDtlsServer(crypto, certificate, negotiation, timeoutMillis), transport);
            } else {
                established = new DTLSClientProtocol().connect(
                        new SrtpDtlsClient(crypto, certificate, negotiation, timeoutMillis), transport);
            }
            keys = Objects.requireNonNull(negotiation.keyingMaterial(), "handshake ended without SRTP keys");
        } catch (IOException | RuntimeException e) {
            failed(classify(e, negotiation), e);
            return;
        }
        connection = established;
        if (!state.compareAndSet(DtlsState.CONNECTING, DtlsState.CONNECTED)) {
            closeQuietly(established);
            return;
        }
        counters.handshakeCompleted();
        LOG.info("{} DTLS connected as {}, SRTP profile {}", logPrefix, role, keys.profile());
        handshake.complete(keys);
        readUntilClosed(established);
    }

    /**
     * Absorbs retransmitted flights and ignores application data until either side closes. A peer's close_notify
     * makes Bouncy Castle close the datagram transport, which ends the loop as {@link DtlsState#CLOSED}; an alert
     * (sent because a record failed, or received) ends it as {@link DtlsState#FAILED}.
     */
    private void readUntilClosed(DTLSTransport established) {
        byte[] buffer = new byte[RECEIVE_LIMIT];
        TlsException broken = null;
        try {
            while (!transport.isClosed()) {
                established.receive(buffer, 0, buffer.length, READ_WAIT_MILLIS);
            }
        } catch (TlsException e) {
            broken = e;
        } catch (IOException | RuntimeException e) {
            if (state.get() == DtlsState.CONNECTED) {
                LOG.info("{} DTLS connection broken: {}", logPrefix, e.toString());
            }
        }
        if (broken != null && state.compareAndSet(DtlsState.CONNECTED, DtlsState.FAILED)) {
            failureReason = broken instanceof TlsFatalAlertReceived ? DtlsFailureReason.PEER_ALERT
                    : DtlsFailureReason.PROTOCOL_ERROR;
            LOG.info("{} DTLS association failed after the handshake: {} ({})", logPrefix, failureReason,
                    broken.toString());
            transport.close();
            terminated.complete(DtlsState.FAILED);
        } else if (state.compareAndSet(DtlsState.CONNECTED, DtlsState.CLOSED)) {
            LOG.info("{} DTLS closed by the peer", logPrefix);
            transport.close();
            terminated.complete(DtlsState.CLOSED);
        }
    }

    private DtlsFailureReason classify(Throwable error, DtlsSrtpNegotiation negotiation) {
        if (negotiation.failureReason() != null) {
            return negotiation.failureReason();
        }
        if (error instanceof TlsTimeoutException) {
            return DtlsFailureReason.HANDSHAKE_TIMEOUT;
        }
        if (error instanceof TlsFatalAlertReceived) {
            return DtlsFailureReason.PEER_ALERT;
        }
        return DtlsFailureReason.PROTOCOL_ERROR;
    }

    private void failed(DtlsFailureReason reason, Throwable error) {
        if (!state.compareAndSet(DtlsState.CONNECTING, DtlsState.FAILED)) {
            return; // closed locally meanwhile: not a failure
        }
        failureReason = reason;
        counters.failed(reason);
        transport.close();
        LOG.info("{} DTLS handshake failed as {}: {} ({})", logPrefix, role, reason, error.toString());
        handshake.completeExceptionally(new DtlsHandshakeException(reason, "DTLS handshake failed: " + reason,
                error));
        terminated.complete(DtlsState.FAILED);
    }

    private void closeQuietly(DTLSTransport established) {
        try {
            established.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} DTLS close_notify not sent: {}", logPrefix, e.toString());
        }
    }

    @Override
    public String toString() {
        return "DtlsEndpoint[" + logPrefix + ", " + role + ", " + state.get() + "]";
    }
}
