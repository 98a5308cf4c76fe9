package io.hivemind.relay.sfu.api;

import io.hivemind.relay.sfu.room.Participant;
import io.hivemind.relay.sfu.room.ParticipantTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Objects;

/**
 * The in-process transport of a voice worker: plain RTP and RTCP, no ICE, DTLS or SRTP.
 *
 * <p><b>Room to worker</b>: every packet of the worker's consumers reaches {@link Receiver#onRtp} on the room's
 * event loop, with the consumer's SSRC (map it to the speaker with {@code RoomEvent.TrackSubscribed}). The
 * receiver borrows the buffer: it is released when the callback returns, so the worker copies what it needs and
 * must not block.
 *
 * <p><b>Worker to room</b>: {@link #sendRtpToRoom} / {@link #sendRtcpToRoom} from any thread, as the participant
 * this transport joined as (publish a track first for the RTP to be forwarded).
 */
public final class DirectTransport implements ParticipantTransport {

    /** The worker's side; called on the room's loop. Each method borrows its buffer. */
    public interface Receiver {
        void onRtp(ByteBuf packet);

        /** RTCP for the worker's tracks (RR, SR, BYE); most workers ignore it. */
        default void onRtcp(ByteBuf packet) {
        }

        /** The participant left or the room closed; nothing more arrives. */
        default void onClose() {
        }
    }

    private final ByteBufAllocator alloc;
    private final Receiver receiver;
    /** Set once, before the worker gets this transport from {@link RoomService#joinDirect}'s future. */
    private Participant participant;
    private boolean closed;

    public DirectTransport(ByteBufAllocator alloc, Receiver receiver) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    void attach(Participant joined) {
        this.participant = joined;
    }

    /** The participant this transport carries. */
    public Participant participant() {
        return participant;
    }

    /** Sends RTP into the room as this participant, from any thread. Takes ownership. */
    public void sendRtpToRoom(ByteBuf packet) {
        participant.room().onRtp(participant, packet);
    }

    /** Sends RTCP into the room as this participant, from any thread. Takes ownership. */
    public void sendRtcpToRoom(ByteBuf packet) {
        participant.room().onRtcp(participant, packet);
    }

    @Override
    public ByteBufAllocator alloc() {
        return alloc;
    }

    /** Nothing is appended in process. */
    @Override
    public int tailroom() {
        return 0;
    }

    @Override
    public void sendRtp(ByteBuf packet) {
        try {
            receiver.onRtp(packet);
        } finally {
            packet.release();
        }
    }

    @Override
    public void sendRtcp(ByteBuf packet) {
        try {
            receiver.onRtcp(packet);
        } finally {
            packet.release();
        }
    }

    /** In process there is no consent to lose: alive until closed. */
    @Override
    public boolean tick(long nowNanos) {
        return !closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            receiver.onClose();
        }
    }
}
