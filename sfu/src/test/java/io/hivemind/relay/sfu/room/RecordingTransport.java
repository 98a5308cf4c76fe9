package io.hivemind.relay.sfu.room;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transport that records what the room sends as byte arrays and releases each buffer, checking on the way that
 * the room left the promised tailroom. Written on the room's loop, read by tests after a future from the loop.
 */
final class RecordingTransport implements ParticipantTransport {
    final List<byte[]> rtp = new ArrayList<>();
    final List<byte[]> rtcp = new ArrayList<>();
    /** Completes on the loop when the first RTCP packet was sent. */
    final CompletableFuture<Void> firstRtcp = new CompletableFuture<>();
    private final int tailroom;
    int tailroomViolations;
    int closes;
    boolean alive = true;

    RecordingTransport(int tailroom) {
        this.tailroom = tailroom;
    }

    @Override
    public ByteBufAllocator alloc() {
        return UnpooledByteBufAllocator.DEFAULT;
    }

    @Override
    public int tailroom() {
        return tailroom;
    }

    @Override
    public void sendRtp(ByteBuf packet) {
        record(packet, rtp);
    }

    @Override
    public void sendRtcp(ByteBuf packet) {
        record(packet, rtcp);
        firstRtcp.complete(null);
    }

    private void record(ByteBuf packet, List<byte[]> into) {
        if (packet.writableBytes() < tailroom) {
            tailroomViolations++;
        }
        into.add(ByteBufUtil.getBytes(packet));
        packet.release();
    }

    @Override
    public boolean tick(long nowNanos) {
        return alive;
    }

    @Override
    public void close() {
        closes++;
    }
}
