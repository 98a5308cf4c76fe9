package io.hivemind.relay.sfu.ice;

import java.net.InetSocketAddress;

/**
 * What an {@link IceLiteServer} tells its transport, always on the transport's event loop. The transport keeps the
 * socket's address routing in step: only validated tuples may carry DTLS and RTP (RFC 8445 §7.3, webrtc-safety P3).
 */
public interface IceListener {

    /** A request from {@code address} authenticated for the first time: DTLS and media may now come from it. */
    void onTupleValidated(InetSocketAddress address);

    /** {@code address} is no longer validated (evicted by a newer tuple, or the server closed). */
    void onTupleRemoved(InetSocketAddress address);

    /**
     * Outgoing DTLS and media now go to {@code address}. {@code nominated} is true when the peer sent USE-CANDIDATE
     * (RFC 8445 §7.3.1.5), false when it is only the first authenticated tuple.
     */
    void onSelectedTuple(InetSocketAddress address, boolean nominated);

    /**
     * No authenticated check arrived for the consent timeout (RFC 7675 §5.1): the transport is dead and must be
     * closed, its participant removed. Called exactly once.
     */
    void onConsentExpired();
}
