package io.hivemind.relay.sfu.ice;

import io.hivemind.relay.media.stun.StunAttributeType;
import io.hivemind.relay.media.stun.StunClass;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.stun.StunMessageWriter;
import io.hivemind.relay.media.time.NanoClock;
import io.hivemind.relay.sfu.transport.DatagramWriter;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE-lite agent of one WebRTC transport (RFC 8445 §2.5): it answers the full agent's Binding requests and never
 * sends checks of its own. A lite agent is always controlled (§6.1.1), uses host candidates only, and learns the
 * peer's tuples from authenticated requests, peer-reflexive ones included (§7.3.1.3): Chromium may reach 127.0.0.1
 * from another local address than it announced.
 *
 * <p>Per request, cheapest check first (RFC 8489 §6.3, §9.1.3; RFC 8445 §7.3):
 * <ol>
 *   <li>indications and responses are dropped; FINGERPRINT missing or wrong is dropped (§7.3: not for us);</li>
 *   <li>a request other than Binding, or one without USERNAME and MESSAGE-INTEGRITY, gets 400;</li>
 *   <li>USERNAME not {@code localUfrag:remoteUfrag} (only the {@code localUfrag:} prefix while the remote ufrag is
 *       unknown) or a MESSAGE-INTEGRITY not made with the local password gets 401;</li>
 *   <li>then, authenticated: unknown comprehension-required attributes get 420 with UNKNOWN-ATTRIBUTES, a missing
 *       PRIORITY gets 400, ICE-CONTROLLED gets 487 (a lite agent cannot take the controlling role, §7.3.1.1);</li>
 *   <li>otherwise a success response with XOR-MAPPED-ADDRESS = the source, MESSAGE-INTEGRITY and FINGERPRINT.</li>
 * </ol>
 * Error responses before authentication carry no MESSAGE-INTEGRITY (RFC 8489 §9.1.3); all carry FINGERPRINT. Only a
 * success changes state: it refreshes consent (RFC 7675), validates the source tuple, selects it if no tuple is
 * selected yet, and with USE-CANDIDATE nominates it, switching the selected tuple if it was another one.
 *
 * <p>Consent: {@link #checkConsent} is called by the owner's periodic task; when no authenticated request arrived
 * for the consent timeout (counted from creation until the first one), the server closes and calls
 * {@link IceListener#onConsentExpired()} once. Not thread-safe: confined to the transport's event loop.
 */
public final class IceLiteServer {

    private static final Logger LOG = LoggerFactory.getLogger(IceLiteServer.class);
    /** RFC 7675 §5.1. */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);
    /** Validated tuples kept per transport, as mediasoup does: bounded state whatever the peer sends. */
    public static final int MAX_TUPLES = 8;
    /**
     * Bound on a response: the largest is a 420 (header 20, ERROR-CODE 28, UNKNOWN-ATTRIBUTES up to 36,
     * MESSAGE-INTEGRITY 24, FINGERPRINT 8 = 116); a success with an IPv6 XOR-MAPPED-ADDRESS is 76.
     */
    public static final int MAX_RESPONSE_LENGTH = 128;

    private final IceCredentials local;
    private final StunIntegrity integrity;
    private final byte[] localPrefix;
    private final StunMessageWriter writer = new StunMessageWriter();
    private final NanoClock clock;
    private final long consentTimeoutNanos;
    private final IceListener listener;
    private final String logPrefix;
    private final ArrayDeque<InetSocketAddress> tuples = new ArrayDeque<>(MAX_TUPLES);
    private byte[] expectedUsername;
    private InetSocketAddress selected;
    private boolean nominated;
    private long lastConsentNanos;
    private long tupleSwitches;
    private boolean closed;

    /**
     * @param local          this transport's credentials, announced in its SDP
     * @param clock          time source for consent
     * @param consentTimeout how long without an authenticated request before the transport is dead
     * @param listener       told of tuples and of consent loss, on this loop
     * @param logPrefix      e.g. {@code "room=ab12 p=cd34"}
     */
    public IceLiteServer(IceCredentials local, NanoClock clock, Duration consentTimeout, IceListener listener,
            String logPrefix) {
        if (consentTimeout.isNegative() || consentTimeout.isZero()) {
            throw new IllegalArgumentException("consent timeout must be positive: " + consentTimeout);
        }
        this.local = Objects.requireNonNull(local);
        this.integrity = StunIntegrity.shortTerm(local.password());
        this.localPrefix = (local.ufrag() + ':').getBytes(StandardCharsets.US_ASCII);
        this.clock = clock;
        this.consentTimeoutNanos = consentTimeout.toNanos();
        this.listener = Objects.requireNonNull(listener);
        this.logPrefix = logPrefix;
        this.lastConsentNanos = clock.nanoTime();
    }

    public IceCredentials localCredentials() {
        return local;
    }

    /**
     * The remote ufrag from the remote SDP: from now on USERNAME must be exactly {@code localUfrag:remoteUfrag}. The
     * remote password is not kept: a lite agent sends no checks, so it never needs it (RFC 8445 §7.2.2).
     */
    public void remoteCredentials(IceCredentials remote) {
        expectedUsername = (local.ufrag() + ':' + remote.ufrag()).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@link #handle} with the response, if any, sent back to {@code source} through {@code writer} (a buffer of
     * {@link #MAX_RESPONSE_LENGTH} from its allocator). Borrows {@code request}.
     */
    public IceCheckOutcome answer(StunMessage request, InetSocketAddress source, DatagramWriter writer) {
        ByteBuf out = writer.alloc().ioBuffer(MAX_RESPONSE_LENGTH);
        IceCheckOutcome outcome;
        try {
            outcome = handle(request, source, out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        if (outcome.responds()) {
            writer.write(out, source);
        } else {
            out.release();
        }
        return outcome;
    }

    /**
     * Checks and answers one STUN message that arrived from {@code source}. Borrows {@code request} (already
     * wrapped without a drop reason) and writes the response, if {@link IceCheckOutcome#responds()}, at the writer
     * index of {@code out} (at most {@link #MAX_RESPONSE_LENGTH} bytes); the caller sends it back to {@code source}.
     */
    public IceCheckOutcome handle(StunMessage request, InetSocketAddress source, ByteBuf out) {
        if (closed) {
            return IceCheckOutcome.DROPPED_CLOSED;
        }
        if (request.messageClass() != StunClass.REQUEST) {
            return IceCheckOutcome.DROPPED_NOT_REQUEST;
        }
        if (!request.verifyFingerprint()) {
            return IceCheckOutcome.DROPPED_FINGERPRINT;
        }
        IceCheckOutcome outcome = check(request);
        if (outcome.error() != null) {
            answerError(request, outcome, out);
            return outcome;
        }
        boolean nominates = request.useCandidate();
        accept(source, nominates);
        writer.beginResponse(out, request, StunClass.SUCCESS_RESPONSE)
                .xorMappedAddress(source.getAddress().getAddress(), source.getPort())
                .messageIntegrity(integrity)
                .fingerprint()
                .finish();
        return nominates ? IceCheckOutcome.NOMINATED : IceCheckOutcome.SUCCESS;
    }

    private IceCheckOutcome check(StunMessage request) {
        if (!request.isBindingRequest()) {
            return IceCheckOutcome.BAD_REQUEST;
        }
        boolean hasIntegrity = request.has(StunAttributeType.MESSAGE_INTEGRITY)
                || request.has(StunAttributeType.MESSAGE_INTEGRITY_SHA256);
        if (!request.has(StunAttributeType.USERNAME) || !hasIntegrity) {
            return IceCheckOutcome.BAD_REQUEST;
        }
        boolean ours = expectedUsername != null ? request.usernameEquals(expectedUsername)
                : request.usernameStartsWith(localPrefix);
        if (!ours || !integrity.verify(request)) {
            return IceCheckOutcome.UNAUTHORIZED;
        }
        if (request.unknownComprehensionRequiredCount() > 0) {
            return IceCheckOutcome.UNKNOWN_ATTRIBUTE;
        }
        if (request.priority() < 0) {
            return IceCheckOutcome.BAD_REQUEST;
        }
        if (request.has(StunAttributeType.ICE_CONTROLLED)) {
            return IceCheckOutcome.ROLE_CONFLICT;
        }
        return IceCheckOutcome.SUCCESS;
    }

    private void answerError(StunMessage request, IceCheckOutcome outcome, ByteBuf out) {
        StunMessageWriter response = writer.beginResponse(out, request, StunClass.ERROR_RESPONSE)
                .errorCode(outcome.error());
        if (outcome == IceCheckOutcome.UNKNOWN_ATTRIBUTE) {
            response.unknownAttributes(request);
        }
        if (outcome.authenticated()) {
            response.messageIntegrity(integrity);
        }
        response.fingerprint().finish();
    }

    /** The state change of an authenticated Binding request. */
    private void accept(InetSocketAddress source, boolean useCandidate) {
        lastConsentNanos = clock.nanoTime();
        if (!tuples.contains(source)) {
            validate(source);
        }
        if (selected == null || useCandidate && (!source.equals(selected) || !nominated)) {
            if (selected != null && !source.equals(selected)) {
                tupleSwitches++;
                LOG.info("{} ICE selected tuple switched to {}", logPrefix, source);
            } else {
                LOG.info("{} ICE selected tuple {}{}", logPrefix, source, useCandidate ? " (nominated)" : "");
            }
            selected = source;
            nominated |= useCandidate;
            listener.onSelectedTuple(source, useCandidate);
        }
    }

    private void validate(InetSocketAddress source) {
        if (tuples.size() == MAX_TUPLES) {
            InetSocketAddress evicted = oldestUnselected();
            tuples.remove(evicted);
            listener.onTupleRemoved(evicted);
        }
        tuples.addLast(source);
        listener.onTupleValidated(source);
    }

    private InetSocketAddress oldestUnselected() {
        for (InetSocketAddress tuple : tuples) {
            if (!tuple.equals(selected)) {
                return tuple;
            }
        }
        throw new IllegalStateException("MAX_TUPLES > 1, so some tuple is not the selected one");
    }

    /**
     * The consent tick (RFC 7675 §5.1), from the owner's periodic task: closes the server and calls
     * {@link IceListener#onConsentExpired()} when the last authenticated request is {@code consentTimeout} old.
     *
     * @return whether consent still holds
     */
    public boolean checkConsent(long nowNanos) {
        if (closed) {
            return false;
        }
        if (nowNanos - lastConsentNanos < consentTimeoutNanos) {
            return true;
        }
        LOG.info("{} ICE consent expired, no valid check for {} ms", logPrefix,
                (nowNanos - lastConsentNanos) / 1_000_000);
        close();
        listener.onConsentExpired();
        return false;
    }

    /** Forgets every tuple (each reported removed); later requests are dropped. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selected = null;
        while (!tuples.isEmpty()) {
            listener.onTupleRemoved(tuples.pollFirst());
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Where DTLS and media go, or null before the first authenticated request. */
    public InetSocketAddress selectedTuple() {
        return selected;
    }

    /** Whether the peer nominated a tuple with USE-CANDIDATE. */
    public boolean isNominated() {
        return nominated;
    }

    /** Whether {@code address} passed an authenticated check and is still kept. */
    public boolean isValidated(InetSocketAddress address) {
        return tuples.contains(address);
    }

    /** How many times a nomination moved the selected tuple to another address. */
    public long tupleSwitches() {
        return tupleSwitches;
    }

    @Override
    public String toString() {
        return "IceLiteServer[" + logPrefix + ", ufrag=" + local.ufrag() + ", selected=" + selected
                + (closed ? ", closed" : "") + "]";
    }
}
