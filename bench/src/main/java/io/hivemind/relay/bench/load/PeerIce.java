package io.hivemind.relay.bench.load;

import io.hivemind.relay.media.stun.StunClass;
import io.hivemind.relay.media.stun.StunDropReason;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.stun.StunMessageType;
import io.hivemind.relay.media.stun.StunMessageWriter;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ICE side of a load client (RFC 8445, one component, one host candidate). Against an ICE-lite peer (our relay),
 * and whenever it answered the peer's offer, it acts as the controlling agent: it sends Binding requests with
 * USE-CANDIDATE and treats the first authenticated success as the selected pair. When a full agent (Janus) answered
 * our offer it controls: the client only answers its checks, treats a nominating check as selection, and gives up
 * its own checks on a 487 role conflict (our tie-breaker is the smallest). Both directions are authenticated
 * (MESSAGE-INTEGRITY with the short-term password of the receiving side) and carry FINGERPRINT. Confined to the
 * client's event loop.
 */
final class PeerIce {

    /** What an incoming STUN message meant. */
    enum Outcome { ANSWERED, SELECTED, ROLE_CONFLICT, DROPPED }

    /** RFC 8445 §7.3.1.1: the peer keeps the controlling role; we switch to controlled. */
    private static final int ROLE_CONFLICT = 487;

    private static final long PRIORITY = 1_853_817_087L;
    private final IceCredentials local;
    private final StunIntegrity localIntegrity;
    private final StunMessage message = new StunMessage();
    private final StunMessageWriter writer = new StunMessageWriter();
    private final byte[] usernamePrefix;
    /** The smallest tie-breaker: in a conflict a controlling full agent keeps its role (we only check as a helper). */
    private final long tieBreaker = 0;
    private IceCredentials remote;
    private StunIntegrity remoteIntegrity;
    private boolean selected;

    PeerIce(IceCredentials local) {
        this.local = local;
        this.localIntegrity = StunIntegrity.shortTerm(local.password());
        this.usernamePrefix = (local.ufrag() + ':').getBytes(StandardCharsets.UTF_8);
    }

    void remote(IceCredentials remote) {
        this.remote = remote;
        this.remoteIntegrity = StunIntegrity.shortTerm(remote.password());
    }

    boolean selected() {
        return selected;
    }

    /** A nominating Binding request from the controlling side; the caller sends it and owns the buffer. */
    ByteBuf check(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(128);
        byte[] transaction = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        ThreadLocalRandom.current().nextBytes(transaction);
        writer.begin(out, StunMessageType.BINDING, StunClass.REQUEST, transaction)
                .username(remote.ufrag() + ':' + local.ufrag())
                .priority(PRIORITY)
                .iceControlling(tieBreaker)
                .useCandidate()
                .messageIntegrity(remoteIntegrity)
                .fingerprint()
                .finish();
        return out;
    }

    /**
     * Handles one STUN datagram from {@code source}. A Binding request addressed to us is answered into
     * {@code response} (written only for {@link Outcome#ANSWERED} and {@link Outcome#SELECTED}). Borrows
     * {@code datagram}.
     */
    Outcome onStun(ByteBuf datagram, InetSocketAddress source, ByteBuf response) {
        if (remote == null || message.wrap(datagram) != StunDropReason.NONE || !message.verifyFingerprint()) {
            return Outcome.DROPPED;
        }
        if (message.messageClass() == StunClass.SUCCESS_RESPONSE) {
            if (!remoteIntegrity.verify(message)) {
                return Outcome.DROPPED;
            }
            selected = true;
            return Outcome.SELECTED;
        }
        if (message.messageClass() == StunClass.ERROR_RESPONSE) {
            return message.errorCode() == ROLE_CONFLICT ? Outcome.ROLE_CONFLICT : Outcome.DROPPED;
        }
        if (!message.isBindingRequest() || !message.usernameStartsWith(usernamePrefix)
                || !localIntegrity.verify(message)) {
            return Outcome.DROPPED;
        }
        writer.beginResponse(response, message, StunClass.SUCCESS_RESPONSE)
                .xorMappedAddress(source)
                .messageIntegrity(localIntegrity)
                .fingerprint()
                .finish();
        if (message.useCandidate() && !selected) {
            selected = true;
            return Outcome.SELECTED;
        }
        return Outcome.ANSWERED;
    }
}
