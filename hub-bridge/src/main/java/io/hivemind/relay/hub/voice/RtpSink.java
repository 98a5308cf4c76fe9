package io.hivemind.relay.hub.voice;

import io.netty.buffer.ByteBuf;

/** Where the worker's RTP goes: {@code DirectTransport::sendRtpToRoom} in a room. */
@FunctionalInterface
public interface RtpSink {

    /** Sends one RTP packet. Takes ownership. */
    void send(ByteBuf packet);
}
