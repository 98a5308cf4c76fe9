package io.hivemind.relay.sfu.transport;

import io.hivemind.relay.media.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * The socket-facing side of one WebRTC transport: what {@link MediaDatagramHandler} hands it. STUN is routed by the
 * local ufrag in USERNAME; DTLS and RTP/RTCP by the source address, and only from addresses the transport bound in
 * the {@link EndpointRegistry} after ICE authenticated them. All calls come on the socket's event loop, which is the
 * transport's (its room's) loop.
 *
 * <p>Buffer ownership: {@code onDtls}, {@code onRtp} and {@code onRtcp} take ownership and must release the buffer
 * (or pass it on) exactly once on every path, also when they throw: the socket counts the exception and does not
 * touch the buffer again. They may decrypt in place; the buffer is a slice without tailroom under epoll.
 */
public interface TransportEndpoint {

    /**
     * A well-formed STUN message whose USERNAME starts with this endpoint's local ufrag. Borrows {@code message}
     * (a flyweight valid only during the call); a response goes out through {@code writer} to {@code sender}.
     *
     * @return how the message was disposed of; the socket counts rejections and drops
     */
    StunResult onStun(StunMessage message, InetSocketAddress sender, DatagramWriter writer);

    /** Takes ownership of {@code datagram}: a DTLS record (first byte 20..63) from a validated address. */
    void onDtls(ByteBuf datagram, InetSocketAddress sender);

    /** Takes ownership of {@code datagram}: an SRTP packet from a validated address. */
    void onRtp(ByteBuf datagram, InetSocketAddress sender);

    /** Takes ownership of {@code datagram}: an SRTCP compound packet from a validated address. */
    void onRtcp(ByteBuf datagram, InetSocketAddress sender);

    /** How the endpoint disposed of a STUN message, for the socket's counters. */
    enum StunResult {
        /** Answered with success. */
        ACCEPTED,
        /** Answered with an error response. */
        REJECTED,
        /** Dropped without an answer. */
        IGNORED
    }
}
