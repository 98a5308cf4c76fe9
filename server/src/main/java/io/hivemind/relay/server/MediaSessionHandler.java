package io.hivemind.relay.server;

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

/**
 * Joins a WebSocket client to the room its token names: gets or creates the room, picks the media socket on the
 * room's event loop (a WebRTC transport must live on its room's loop), draws fresh ICE credentials for the client's
 * PeerConnection and hands the rest to a {@link MediaSession}.
 */
final class MediaSessionHandler implements SignalingSessionHandler {

    private final RoomService rooms;
    private final MediaSocketGroup media;
    private final WebRtcTransportConfig transports;
    private final SecureRandom random = new SecureRandom();

    MediaSessionHandler(RoomService rooms, MediaSocketGroup media, WebRtcTransportConfig transports) {
        this.rooms = rooms;
        this.media = media;
        this.transports = transports;
    }

    @Override
    public SignalingSession join(AccessGrant grant, SignalingPeer peer) {
        Room room;
        try {
            room = rooms.getOrCreateRoom(grant.video().room());
        } catch (RoomException e) {
            throw new SignalingException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        UdpMediaSocket socket = media.sockets().stream().filter(s -> s.loop() == room.eventLoop()).findFirst()
                .orElseThrow(() -> new SignalingException(ErrorCode.INTERNAL, "no media socket on the room's loop"));
        IceCredentials local = IceCredentials.random(random);
        return MediaSession.start(room, socket, local, transports, grant, peer);
    }
}
