package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.sfu.room.RoomError;
import io.hivemind.relay.sfu.room.RoomException;
import io.hivemind.relay.signaling.http.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoomServiceAdminTest {

    static Stream<Arguments> roomErrors() {
        return Stream.of(
                Arguments.of(RoomError.ROOM_NOT_FOUND, ErrorCode.ROOM_NOT_FOUND),
                Arguments.of(RoomError.ROOM_CLOSED, ErrorCode.ROOM_NOT_FOUND),
                Arguments.of(RoomError.ROOM_EXISTS, ErrorCode.ROOM_EXISTS),
                Arguments.of(RoomError.PARTICIPANT_NOT_FOUND, ErrorCode.PARTICIPANT_NOT_FOUND),
                Arguments.of(RoomError.TRACK_NOT_FOUND, ErrorCode.TRACK_NOT_FOUND),
                Arguments.of(RoomError.ROOM_LIMIT, ErrorCode.RATE_LIMITED),
                Arguments.of(RoomError.PARTICIPANT_LIMIT, ErrorCode.ROOM_FULL),
                Arguments.of(RoomError.NOT_ALLOWED, ErrorCode.PERMISSION_DENIED),
                Arguments.of(RoomError.PARTICIPANT_EXISTS, ErrorCode.PARTICIPANT_EXISTS),
                Arguments.of(RoomError.SSRC_IN_USE, ErrorCode.BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("roomErrors")
    void roomErrorsMapToStableSignalingCodesWithoutEchoingNames(RoomError error, ErrorCode expected) {
        var mapped = RoomServiceAdmin.signaling(new RoomException(error, "secret-room-name"));

        assertThat(mapped.code()).isEqualTo(expected);
        assertThat(mapped.getMessage()).doesNotContain("secret-room-name");
    }
}
