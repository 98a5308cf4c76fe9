package io.hivemind.relay.sfu.room;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The seam between a {@link Room} and whatever carries a participant's packets: the WebRTC transport (ICE-lite,
 * DTLS-SRTP over UDP) or the in-process {@code DirectTransport} of voice workers.
 *
 * <p><b>Outbound</b>: the room calls {@link #sendRtp} / {@link #sendRtcp} on its event loop with plain RTP / RTCP.
 * Both take ownership of the buffer; the WebRTC implementation protects it in place (SRTP adds up to
 * {@link #tailroom()} bytes, which the room reserves so protection never reallocates) and writes it, the direct
 * implementation hands it to a callback. Neither may throw; a transport that cannot send releases and counts.
 *
 * <p><b>Inbound</b>: the transport calls {@link Room#onRtp(Participant, ByteBuf)} and
 * {@link Room#onRtcp(Participant, ByteBuf)} with unprotected packets, passing ownership; those hop to the room's
 * loop when called from another thread (assigning a transport's channel to its room's loop avoids the hop).
 *
 * <p><b>Liveness</b>: {@link #tick(long)} runs on the room's periodic task; returning false (consent freshness of
 * RFC 7675 expired, socket gone) makes the room remove the participant and call {@link #close()}.
 */
public interface ParticipantTransport {

    /** The allocator for packets the room builds for this transport (copies, reports). */
    ByteBufAllocator alloc();

    /** Bytes the transport appends in place when sending (SRTP/SRTCP tag and trailer); 0 for in-process. */
    int tailroom();

    /** Sends one RTP packet (readable bytes). Takes ownership. */
    void sendRtp(ByteBuf packet);

    /** Sends one RTCP compound packet (readable bytes). Takes ownership. */
    void sendRtcp(ByteBuf packet);

    /**
     * Called on the room's loop by its periodic task; runs consent checks and the like.
     *
     * @return false when the transport is dead and the participant must leave
     */
    boolean tick(long nowNanos);

    /** Releases the transport's resources; called once, on the room's loop, when the participant left. */
    void close();
}
