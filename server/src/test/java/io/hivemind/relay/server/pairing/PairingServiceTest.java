package io.hivemind.relay.server.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.hub.realtime.LogCapture;
import io.hivemind.relay.server.store.DeviceStore;
import io.hivemind.relay.server.store.ManualWallClock;
import io.hivemind.relay.server.store.PairedDevice;
import io.hivemind.relay.server.store.RelayDatabase;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.RateLimitedException;
import io.hivemind.relay.signaling.http.SignalingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pairing codes, device tokens and the guessing limits, on a real SQLite file and a clock the test moves. */
class PairingServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String BASE = "https://relay.example:7880";
    private static final String PHONE = "192.0.2.10";

    @TempDir
    Path dataDir;

    private final ManualWallClock clock = new ManualWallClock(T0);
    private RelayDatabase database;
    private DeviceStore store;
    private PairingService pairing;

    @BeforeEach
    void open() throws Exception {
        database = RelayDatabase.open(dataDir);
        store = new DeviceStore(database);
        pairing = new PairingService(DeviceAuthenticator.load(store, clock), clock, new SecureRandom(),
                PairingThrottle.Limits.DEFAULT);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private PairingService.DeviceCredentials pair(String code) throws Exception {
        return pairing.exchange(code, "Pixel", PHONE).get(10, TimeUnit.SECONDS);
    }

    private static ErrorCode refusal(Runnable attempt) {
        try {
            attempt.run();
        } catch (SignalingException e) {
            return e.code();
        }
        throw new AssertionError("the attempt was not refused");
    }

    @Test
    void codesAreTenUnambiguousCharactersValidForFiveMinutes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            PairingCode code = pairing.createCode(BASE + "/");
            assertThat(code.code()).matches("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}")
                    .doesNotContain("0", "O", "1", "I");
            assertThat(code.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
            assertThat(code.pairUrl()).isEqualTo(BASE + "/pair?code=" + code.code());
            seen.add(code.code());
        }
        assertThat(seen).as("no repeats").hasSize(200);
    }

    static Stream<Arguments> ages() {
        return Stream.of(
                Arguments.of("at once", Duration.ZERO, null),
                Arguments.of("a moment before five minutes", Duration.ofMinutes(5).minusMillis(1), null),
                Arguments.of("at five minutes", Duration.ofMinutes(5), ErrorCode.PAIRING_CODE_EXPIRED),
                Arguments.of("an hour later", Duration.ofMinutes(60), ErrorCode.PAIRING_CODE_EXPIRED),
                Arguments.of("long forgotten", Duration.ofHours(2), ErrorCode.PAIRING_CODE_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ages")
    void aCodeRedeemsOnlyWithinItsLifetime(String name, Duration age, ErrorCode expected) throws Exception {
        String code = pairing.createCode(BASE).code();
        clock.advance(age);

        if (expected == null) {
            assertThat(pair(code).token()).isNotBlank();
        } else {
            assertThat(refusal(() -> pairing.exchange(code, "Pixel", PHONE))).isEqualTo(expected);
        }
    }

    @Test
    void aCodeRedeemsOnce() throws Exception {
        String code = pairing.createCode(BASE).code();
        pair(code);

        assertThat(refusal(() -> pairing.exchange(code, "Other", "192.0.2.99")))
                .isEqualTo(ErrorCode.PAIRING_CODE_USED);
        assertThat(pairing.devices().list()).hasSize(1);
    }

    static Stream<Arguments> typedCodes() {
        return Stream.of(
                Arguments.of("lower case", (UnaryOperator<String>) String::toLowerCase),
                Arguments.of("grouped with a dash", (UnaryOperator<String>)
                        code -> code.substring(0, 5) + "-" + code.substring(5)),
                Arguments.of("with spaces", (UnaryOperator<String>)
                        code -> " " + code.substring(0, 5) + " " + code.substring(5) + " "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedCodes")
    void aCodeIsAcceptedAsPeopleTypeIt(String name, UnaryOperator<String> typing)
            throws Exception {
        String code = pairing.createCode(BASE).code();

        assertThat(pair(typing.apply(code)).deviceId()).isNotBlank();
    }

    static Stream<Arguments> badCodes() {
        return Stream.of(
                Arguments.of("missing", null),
                Arguments.of("empty", ""),
                Arguments.of("too short", "ABCD"),
                Arguments.of("never issued", "ZZZZZZZZZZ"),
                Arguments.of("huge", "A".repeat(100_000)),
                Arguments.of("not text", "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCodes")
    void unknownCodesAreInvalid(String name, String code) {
        assertThat(refusal(() -> pairing.exchange(code, "Pixel", PHONE))).isEqualTo(ErrorCode.PAIRING_CODE_INVALID);
    }

    @Test
    void aDeviceNameIsRequired() {
        String code = pairing.createCode(BASE).code();

        assertThat(refusal(() -> pairing.exchange(code, "  ", PHONE))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refusal(() -> pairing.exchange(code, "bad\nname", PHONE))).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void aDeviceTokenWorksUntilRevokedAndStaysRevokedAfterARestart() throws Exception {
        PairingService.DeviceCredentials phone = pair(pairing.createCode(BASE).code());
        assertThat(phone.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(pairing.devices().verify(phone.token()).id()).isEqualTo(phone.deviceId());

        assertThat(pairing.devices().revoke(phone.deviceId()).get(10, TimeUnit.SECONDS)).isTrue();

        assertThat(refusal(() -> pairing.devices().verify(phone.token()))).isEqualTo(ErrorCode.TOKEN_INVALID);
        assertThat(pairing.devices().revoke(phone.deviceId()).get(10, TimeUnit.SECONDS)).isFalse();
        database.close();
        open();
        assertThat(refusal(() -> pairing.devices().verify(phone.token()))).isEqualTo(ErrorCode.TOKEN_INVALID);
        assertThat(pairing.devices().list()).singleElement()
                .satisfies(device -> assertThat(device.revokedAt()).isEqualTo(T0));
    }

    @Test
    void aTokenOfAnotherDeviceOrGarbageIsRefused() throws Exception {
        PairingService.DeviceCredentials phone = pair(pairing.createCode(BASE).code());
        String altered = (phone.token().charAt(0) == 'A' ? "B" : "A") + phone.token().substring(1);

        assertThat(refusal(() -> pairing.devices().verify(altered))).isEqualTo(ErrorCode.TOKEN_INVALID);
        assertThat(refusal(() -> pairing.devices().verify(null))).isEqualTo(ErrorCode.TOKEN_MISSING);
        assertThat(refusal(() -> pairing.devices().verify("x".repeat(10_000)))).isEqualTo(ErrorCode.TOKEN_INVALID);
    }

    @Test
    void fiveFailuresFromOneAddressBlockItForFiveMinutesOnly() throws Exception {
        String code = pairing.createCode(BASE).code();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(refusal(() -> pairing.exchange("WRONGWRONG", "Pixel", PHONE)))
                    .isEqualTo(ErrorCode.PAIRING_CODE_INVALID);
        }

        assertThatThrownBy(() -> pairing.exchange(code, "Pixel", PHONE))
                .as("even the right code is refused while blocked")
                .isInstanceOfSatisfying(RateLimitedException.class,
                        limited -> assertThat(limited.retryAfterSeconds()).isEqualTo(300 - 40));
        assertThat(pairing.exchange(code, "Tablet", "192.0.2.11").get(10, TimeUnit.SECONDS).deviceId())
                .as("another address is not blocked").isNotBlank();

        clock.advance(Duration.ofSeconds(260));
        String fresh = pairing.createCode(BASE).code();
        assertThat(pairing.exchange(fresh, "Pixel", PHONE).get(10, TimeUnit.SECONDS).deviceId()).isNotBlank();
    }

    @Test
    void fiftyFailuresFromAnywhereBlockEveryoneForAMinute() throws Exception {
        for (int i = 0; i < 50; i++) {
            String address = "198.51.100." + i;
            assertThat(refusal(() -> pairing.exchange("WRONGWRONG", "Pixel", address)))
                    .isEqualTo(ErrorCode.PAIRING_CODE_INVALID);
        }
        clock.advance(Duration.ofSeconds(15));
        String code = pairing.createCode(BASE).code();

        assertThatThrownBy(() -> pairing.exchange(code, "Pixel", "203.0.113.1"))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        limited -> assertThat(limited.retryAfterSeconds()).isEqualTo(45));

        clock.advance(Duration.ofSeconds(45));
        assertThat(pairing.exchange(code, "Pixel", "203.0.113.1").get(10, TimeUnit.SECONDS).deviceId())
                .isNotBlank();
    }

    @Test
    void onlyTheTokensHashIsStored() throws Exception {
        PairingService.DeviceCredentials phone = pair(pairing.createCode(BASE).code());
        database.close();

        List<Object> row = new ArrayList<>();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"));
             Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM paired_device")) {
            ResultSetMetaData columns = rows.getMetaData();
            assertThat(rows.next()).isTrue();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                row.add(rows.getObject(i));
            }
            assertThat(rows.getBytes("token_sha256")).isEqualTo(MessageDigest.getInstance("SHA-256")
                    .digest(phone.token().getBytes(StandardCharsets.US_ASCII)));
            assertThat(rows.next()).isFalse();
        }
        byte[] file = Files.readAllBytes(dataDir.resolve("relay.db"));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(phone.token());
        assertThat(row).noneMatch(value -> value != null && value.toString().contains(phone.token()));
        open();
    }

    @Test
    void lastSeenIsWrittenAtMostOncePerMinute() throws Exception {
        PairingService.DeviceCredentials phone = pair(pairing.createCode(BASE).code());
        assertThat(storedLastSeen(phone.deviceId())).isNull();

        clock.advance(Duration.ofSeconds(5));
        pairing.devices().verify(phone.token());
        assertThat(storedLastSeen(phone.deviceId())).isEqualTo(T0.plusSeconds(5));

        clock.advance(Duration.ofSeconds(30));
        pairing.devices().verify(phone.token());
        assertThat(storedLastSeen(phone.deviceId())).as("not written again within the minute")
                .isEqualTo(T0.plusSeconds(5));
        assertThat(pairing.devices().list()).singleElement().extracting(PairedDevice::lastSeenAt)
                .as("but listed as seen").isEqualTo(T0.plusSeconds(35));

        clock.advance(Duration.ofSeconds(30));
        pairing.devices().verify(phone.token());
        assertThat(storedLastSeen(phone.deviceId())).isEqualTo(T0.plusSeconds(65));
    }

    /** Read on the database thread after any queued last-seen write. */
    private Instant storedLastSeen(String deviceId) throws Exception {
        return store.loadAll().get(10, TimeUnit.SECONDS).stream().map(DeviceStore.StoredDevice::device)
                .filter(device -> device.id().equals(deviceId)).findFirst().orElseThrow().lastSeenAt();
    }

    @Test
    void neitherCodesNorTokensAreLogged() throws Exception {
        List<String> secrets = new ArrayList<>();
        List<String> lines;
        try (LogCapture logs = new LogCapture()) {
            PairingCode code = pairing.createCode(BASE);
            secrets.add(code.code());
            PairingService.DeviceCredentials phone = pair(code.code());
            secrets.add(phone.token());
            pairing.devices().verify(phone.token());
            refusal(() -> pairing.exchange(code.code(), "Again", PHONE));
            refusal(() -> pairing.devices().verify(phone.token() + "x"));
            pairing.devices().revoke(phone.deviceId()).get(10, TimeUnit.SECONDS);
            secrets.add(phone.toString());
            lines = logs.lines();
        }
        assertThat(lines).as("the flow logs something").isNotEmpty();
        for (String secret : secrets.subList(0, 2)) {
            assertThat(lines).noneMatch(line -> line.contains(secret));
            assertThat(secrets.get(2)).doesNotContain(secret);
        }
    }
}
