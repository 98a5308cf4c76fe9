package io.hivemind.relay.signaling.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.signaling.auth.VideoGrant;
import io.hivemind.relay.signaling.http.LoopbackSignaling;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The room REST API over a real loopback server, against an in-memory {@link RoomAdmin}. */
class RoomRoutesTest {

    private static LoopbackSignaling signaling;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        signaling = new LoopbackSignaling();
    }

    @AfterAll
    static void stop() {
        signaling.close();
    }

    private static HttpResponse<String> call(String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(signaling.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(VideoGrant grant) {
        return "Bearer " + signaling.token("ops", grant);
    }

    @Test
    void createListMuteRemoveDelete() throws Exception {
        String admin = bearer(VideoGrant.admin());
        HttpResponse<String> created = call("POST", "/api/rooms", admin, "{\"name\":\"green\",\"maxParticipants\":8}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"name\":\"green\",\"emptyTimeout\":300,\"maxParticipants\":8,"
                + "\"numParticipants\":0,\"creationTime\":1700000000}");
        assertThat(call("POST", "/api/rooms", admin, "{\"name\":\"green\"}").body()).contains("room_exists");
        assertThat(call("GET", "/api/rooms", admin, null).body()).startsWith("{\"rooms\":[{\"name\":\"green\"");
        signaling.rooms.addParticipant("green", "bob", "TR_bob");
        assertThat(call("GET", "/api/rooms/green/participants", admin, null).body()).isEqualTo(
                "{\"participants\":[{\"sid\":\"PA_bob\",\"identity\":\"bob\",\"name\":\"bob\",\"joinedAt\":1700000000,"
                        + "\"tracks\":[{\"sid\":\"TR_bob\",\"kind\":\"audio\",\"muted\":false}]}]}");
        HttpResponse<String> muted = call("POST", "/api/rooms/green/participants/bob/tracks/TR_bob/mute", admin,
                "{\"muted\":true}");
        assertThat(muted.body()).isEqualTo("{\"sid\":\"TR_bob\",\"kind\":\"audio\",\"muted\":true}");
        assertThat(call("DELETE", "/api/rooms/green/participants/bob", admin, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/rooms/green/participants/bob", admin, null).body())
                .contains("participant_not_found");
        assertThat(call("DELETE", "/api/rooms/green", admin, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = call("DELETE", "/api/rooms/green", admin, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("{\"error\":{\"code\":\"room_not_found\",\"message\":\"no such room\"}}");
    }

    static Stream<Arguments> refused() {
        String participant = "Bearer " + "%participant%";
        return Stream.of(
                Arguments.of("no token", "GET", "/api/rooms", null, null, 401, "token_missing"),
                Arguments.of("not a bearer", "GET", "/api/rooms", "Basic b3BzOm9wcw==", null, 401, "token_invalid"),
                Arguments.of("garbage token", "GET", "/api/rooms", "Bearer x.y.z", null, 401, "token_invalid"),
                Arguments.of("participant cannot list", "GET", "/api/rooms", participant, null, 403,
                        "permission_denied"),
                Arguments.of("participant cannot create", "POST", "/api/rooms", participant, "{\"name\":\"x\"}", 403,
                        "permission_denied"),
                Arguments.of("participant cannot remove", "DELETE", "/api/rooms/blue/participants/bob", participant,
                        null, 403, "permission_denied"),
                Arguments.of("bad body", "POST", "/api/rooms", "%admin%", "{\"name\":", 400, "bad_json"),
                Arguments.of("empty room name", "POST", "/api/rooms", "%admin%", "{\"name\":\"\"}", 400, "bad_json"),
                Arguments.of("mute without flag", "POST", "/api/rooms/blue/participants/bob/tracks/t/mute",
                        "%admin%", "{}", 400, "bad_json"),
                Arguments.of("wrong method", "PUT", "/api/rooms", "%admin%", "{}", 405, "method_not_allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses(String name, String method, String path, String authorization, String body, int status,
            String code) throws Exception {
        String header = authorization == null ? null : authorization
                .replace("Bearer %participant%", bearer(VideoGrant.join("blue")))
                .replace("%admin%", bearer(VideoGrant.admin()));
        HttpResponse<String> response = call(method, path, header, body);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").doesNotContain(LoopbackSignaling.SECRET);
        if (status == 401) {
            assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        }
    }
}
