package io.hivemind.relay.hub.realtime;

/**
 * Counters of one {@link RealtimeClient}, as a snapshot.
 *
 * @param sessions           sessions opened (first connection and every reconnection)
 * @param reconnects         sessions opened to replace a lost or expired one
 * @param ignoredEvents      well-formed server events of types the client does not act on
 * @param malformedEvents    server messages that did not decode
 * @param droppedAudioChunks audio appends dropped because no session was open
 * @param deferredResponses  {@code response.create} requests held until the active response was done
 * @param keepAlivePings     pings sent because nothing had been received for the keep-alive interval
 */
public record RealtimeClientStats(long sessions, long reconnects, long ignoredEvents, long malformedEvents,
        long droppedAudioChunks, long deferredResponses, long keepAlivePings) {
}
