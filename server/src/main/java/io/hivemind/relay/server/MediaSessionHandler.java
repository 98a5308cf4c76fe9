package io.hivemind.relay.server;

import io.hivemind.relay.hub.worker.VoiceWorkerObserver;
import io.hivemind.relay.hub.worker.VoiceWorkers;
import io.hivemind.relay.sfu.api.RoomService;
import io.hivemind.relay.sfu.ice.IceCredentials;
import io.hivemind.relay.sfu.room.Room;
import io.hivemind.relay.sfu.room.RoomException;
import io.hivemind.relay.sfu.transport.MediaSocketGroup;
import io.hivemind.relay.sfu.transport.UdpMediaSocket;
import io.hivemind.relay.sfu.webrtc.WebRtcTransportConfig;
import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.ws.SignalingPeer;
import io.hivemind.relay.signaling.ws.SignalingSession;
import io.hivemind.relay.signaling.ws.SignalingSessionHandler;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a WebSocket client to the room its token names: gets or creates the room, picks the media socket on the
 * room's event loop (a WebRTC transport must live on its room's loop), draws fresh ICE credentials for the client's
 * PeerConnection and hands the rest to a {@link MediaSession}. A join that creates the room dispatches the agents its
 * token asks for.
 */
final class MediaSessionHandler implements SignalingSessionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSessionHandler.class);

    private final RoomService rooms;
    private final MediaSocketGroup media;
    private final WebRtcTransportConfig transports;
    private final VoiceWorkers workers;
    private final SecureRandom random = new SecureRandom();

    MediaSessionHandler(RoomService rooms, MediaSocketGroup media, WebRtcTransportConfig transports,
            VoiceWorkers workers) {
        this.rooms = rooms;
        this.media = media;
        this.transports = transports;
        this.workers = workers;
    }

    @Override
    public SignalingSession join(AccessGrant grant, SignalingPeer peer) {
        Room room;
        boolean created;
        try {
            String name = grant.video().room();
            created = rooms.room(name).isEmpty();
            room = rooms.getOrCreateRoom(name);
        } catch (RoomException e) {
            throw RoomServiceAdmin.signaling(e);
        }
        if (created) {
            dispatchAgents(room.name(), grant);
        }
        UdpMediaSocket socket = media.sockets().stream().filter(s -> s.loop() == room.eventLoop()).findFirst()
                .orElseThrow(() -> new SignalingException(ErrorCode.INTERNAL, "no media socket on the room's loop"));
        IceCredentials local = IceCredentials.random(random);
        return MediaSession.start(room, socket, local, transports, grant, peer);
    }

    /** The agents the token asks for when its join creates the room (LiveKit's {@code roomConfig.agents}). */
    private void dispatchAgents(String room, AccessGrant grant) {
        for (String agent : grant.agents()) {
            workers.dispatch(room, agent, grant.identity(), null, VoiceWorkerObserver.NONE)
                    .whenComplete((worker, failure) -> {
                        if (failure != null) {
                            LOG.info("room={} the token's agent {} was not dispatched: {}", room, agent,
                                    failure.getCause() != null ? failure.getCause().getMessage()
                                            : failure.getMessage());
                        }
                    });
        }
    }
}
