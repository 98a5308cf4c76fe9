package io.hivemind.relay.signaling.rest;

import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.auth.TokenService;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * The room REST API (admin tokens, {@code Authorization: Bearer}), after LiveKit's RoomService grants:
 * create and delete need {@code roomCreate}, list needs {@code roomList}, participant operations need
 * {@code roomAdmin} for that room (or for every room when the grant names none).
 * <pre>
 * POST   /api/rooms                                                   roomCreate
 * GET    /api/rooms                                                   roomList
 * DELETE /api/rooms/{room}                                            roomCreate
 * GET    /api/rooms/{room}/participants                               roomAdmin
 * DELETE /api/rooms/{room}/participants/{identity}                    roomAdmin
 * POST   /api/rooms/{room}/participants/{identity}/tracks/{track}/mute roomAdmin
 * </pre>
 */
public final class RoomRoutes {

    private final RoomAdmin rooms;
    private final TokenService tokens;

    public RoomRoutes(RoomAdmin rooms, TokenService tokens) {
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** Adds the routes to {@code router}. */
    public RestRouter.Builder addTo(RestRouter.Builder router) {
        return router
                .route(HttpMethod.POST, "/api/rooms", request -> {
                    grant(request).requireRoomCreate();
                    RoomAdminModel.CreateRoom create = request.bodyAs(RoomAdminModel.CreateRoom.class);
                    return rooms.createRoom(create)
                            .thenApply(room -> RestResponse.json(HttpResponseStatus.CREATED, room));
                })
                .route(HttpMethod.GET, "/api/rooms", request -> {
                    grant(request).requireRoomList();
                    return rooms.listRooms().thenApply(list -> RestResponse.ok(new RoomAdminModel.RoomList(list)));
                })
                .route(HttpMethod.DELETE, "/api/rooms/{room}", request -> {
                    grant(request).requireRoomCreate();
                    return rooms.deleteRoom(request.param("room")).thenApply(done -> RestResponse.noContent());
                })
                .route(HttpMethod.GET, "/api/rooms/{room}/participants", request -> {
                    String room = request.param("room");
                    grant(request).requireRoomAdmin(room);
                    return rooms.listParticipants(room)
                            .thenApply(list -> RestResponse.ok(new RoomAdminModel.ParticipantList(list)));
                })
                .route(HttpMethod.DELETE, "/api/rooms/{room}/participants/{identity}", request -> {
                    String room = request.param("room");
                    grant(request).requireRoomAdmin(room);
                    return rooms.removeParticipant(room, request.param("identity"))
                            .thenApply(done -> RestResponse.noContent());
                })
                .route(HttpMethod.POST, "/api/rooms/{room}/participants/{identity}/tracks/{track}/mute", request -> {
                    String room = request.param("room");
                    grant(request).requireRoomAdmin(room);
                    RoomAdminModel.Mute mute = request.bodyAs(RoomAdminModel.Mute.class);
                    return rooms.muteTrack(room, request.param("identity"), request.param("track"), mute.muted())
                            .thenApply(RestResponse::ok);
                });
    }

    private AccessGrant grant(RestRequest request) {
        return tokens.verify(request.bearerToken());
    }
}
