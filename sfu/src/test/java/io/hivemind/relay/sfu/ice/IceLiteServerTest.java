package io.hivemind.relay.sfu.ice;

import static io.hivemind.relay.sfu.ice.BindingRequests.CLIENT;
import static io.hivemind.relay.sfu.ice.BindingRequests.PRIORITY;
import static io.hivemind.relay.sfu.ice.BindingRequests.SERVER;
import static io.hivemind.relay.sfu.ice.BindingRequests.build;
import static io.hivemind.relay.sfu.ice.BindingRequests.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.media.stun.StunAttributeType;
import io.hivemind.relay.media.stun.StunClass;
import io.hivemind.relay.media.stun.StunDropReason;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IceLiteServerTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50_000);
    private static final InetSocketAddress OTHER_PEER = new InetSocketAddress("192.0.2.7", 61_000);
    private static final int UNKNOWN_REQUIRED = 0x0033;
    private static final StunIntegrity SERVER_KEY = StunIntegrity.shortTerm(SERVER.password());
    private static final StunIntegrity WRONG_KEY = StunIntegrity.shortTerm("notTheServerPassword0000");

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final RecordingIceListener listener = new RecordingIceListener();
    private final IceLiteServer server = new IceLiteServer(SERVER, clock, IceLiteServer.DEFAULT_CONSENT_TIMEOUT,
            listener, "test");
    private final StunMessage request = new StunMessage();
    private final StunMessage response = new StunMessage();
    private final ByteBuf in = Unpooled.buffer();
    private final ByteBuf out = Unpooled.buffer();

    IceLiteServerTest() {
        server.remoteCredentials(CLIENT);
    }

    @AfterEach
    void release() {
        in.release();
        out.release();
    }

    private IceCheckOutcome send(byte[] datagram, InetSocketAddress source) {
        in.clear().writeBytes(datagram);
        out.clear();
        assertThat(request.wrap(in)).isEqualTo(StunDropReason.NONE);
        IceCheckOutcome outcome = server.handle(request, source, out);
        assertThat(out.isReadable()).isEqualTo(outcome.responds());
        return outcome;
    }

    static Stream<Arguments> checks() {
        String username = SERVER.ufrag() + ':' + CLIENT.ufrag();
        return Stream.of(
                Arguments.of("good check", check(1, false), IceCheckOutcome.SUCCESS),
                Arguments.of("good check with USE-CANDIDATE", check(1, true), IceCheckOutcome.NOMINATED),
                Arguments.of("MESSAGE-INTEGRITY-SHA256 only", build(1, (w, b) -> w.username(username)
                        .priority(PRIORITY).iceControlling(1).messageIntegritySha256(SERVER_KEY).fingerprint()),
                        IceCheckOutcome.SUCCESS),
                Arguments.of("no role attribute", build(1, (w, b) -> w.username(username).priority(PRIORITY)
                        .messageIntegrity(SERVER_KEY).fingerprint()), IceCheckOutcome.SUCCESS),
                Arguments.of("wrong local ufrag", build(1, (w, b) -> w.username("nope:" + CLIENT.ufrag())
                        .priority(PRIORITY).iceControlling(1).messageIntegrity(SERVER_KEY).fingerprint()),
                        IceCheckOutcome.UNAUTHORIZED),
                Arguments.of("wrong remote ufrag", build(1, (w, b) -> w.username(SERVER.ufrag() + ":other")
                        .priority(PRIORITY).iceControlling(1).messageIntegrity(SERVER_KEY).fingerprint()),
                        IceCheckOutcome.UNAUTHORIZED),
                Arguments.of("ufrag without colon", build(1, (w, b) -> w.username(SERVER.ufrag())
                        .priority(PRIORITY).iceControlling(1).messageIntegrity(SERVER_KEY).fingerprint()),
                        IceCheckOutcome.UNAUTHORIZED),
                Arguments.of("integrity with another password", build(1, (w, b) -> w.username(username)
                        .priority(PRIORITY).iceControlling(1).messageIntegrity(WRONG_KEY).fingerprint()),
                        IceCheckOutcome.UNAUTHORIZED),
                Arguments.of("missing USERNAME", build(1, (w, b) -> w.priority(PRIORITY).iceControlling(1)
                        .messageIntegrity(SERVER_KEY).fingerprint()), IceCheckOutcome.BAD_REQUEST),
                Arguments.of("missing MESSAGE-INTEGRITY", build(1, (w, b) -> w.username(username)
                        .priority(PRIORITY).iceControlling(1).fingerprint()), IceCheckOutcome.BAD_REQUEST),
                Arguments.of("missing PRIORITY", build(1, (w, b) -> w.username(username).iceControlling(1)
                        .messageIntegrity(SERVER_KEY).fingerprint()), IceCheckOutcome.BAD_REQUEST),
                Arguments.of("not a Binding request", build(0x003, StunClass.REQUEST, 1, (w, b) -> w
                        .username(username).priority(PRIORITY).messageIntegrity(SERVER_KEY).fingerprint()),
                        IceCheckOutcome.BAD_REQUEST),
                Arguments.of("unknown comprehension-required attribute", build(1, (w, b) -> {
                    w.username(username).priority(PRIORITY).iceControlling(1);
                    b.writeShort(UNKNOWN_REQUIRED).writeShort(4).writeInt(7);
                    w.messageIntegrity(SERVER_KEY).fingerprint();
                }), IceCheckOutcome.UNKNOWN_ATTRIBUTE),
                Arguments.of("unknown attribute before bad integrity", build(1, (w, b) -> {
                    w.username(username).priority(PRIORITY);
                    b.writeShort(UNKNOWN_REQUIRED).writeShort(4).writeInt(7);
                    w.messageIntegrity(WRONG_KEY).fingerprint();
                }), IceCheckOutcome.UNAUTHORIZED),
                Arguments.of("unknown comprehension-optional attribute", build(1, (w, b) -> {
                    w.username(username).priority(PRIORITY).iceControlling(1);
                    b.writeShort(0xC057).writeShort(4).writeInt(7);
                    w.messageIntegrity(SERVER_KEY).fingerprint();
                }), IceCheckOutcome.SUCCESS),
                Arguments.of("peer claims ICE-CONTROLLED", build(1, (w, b) -> w.username(username)
                        .priority(PRIORITY).iceControlled(1).messageIntegrity(SERVER_KEY).fingerprint()),
                        IceCheckOutcome.ROLE_CONFLICT),
                Arguments.of("no FINGERPRINT", build(1, (w, b) -> w.username(username).priority(PRIORITY)
                        .iceControlling(1).messageIntegrity(SERVER_KEY)), IceCheckOutcome.DROPPED_FINGERPRINT),
                Arguments.of("wrong FINGERPRINT", flipLastByte(check(1, false)), IceCheckOutcome.DROPPED_FINGERPRINT),
                Arguments.of("Binding indication", build(1, StunClass.INDICATION, 1, (w, b) -> w.fingerprint()),
                        IceCheckOutcome.DROPPED_NOT_REQUEST),
                Arguments.of("Binding success response", build(1, StunClass.SUCCESS_RESPONSE, 1, (w, b) -> w
                        .xorMappedAddress(PEER).messageIntegrity(SERVER_KEY).fingerprint()),
                        IceCheckOutcome.DROPPED_NOT_REQUEST));
    }

    private static byte[] flipLastByte(byte[] datagram) {
        datagram[datagram.length - 1] ^= 1;
        return datagram;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void answersEachCheckAsTheRfcSays(String name, byte[] datagram, IceCheckOutcome expected) {
        IceCheckOutcome outcome = send(datagram, PEER);

        assertThat(outcome).isEqualTo(expected);
        if (outcome.responds()) {
            assertThat(response.wrap(out)).isEqualTo(StunDropReason.NONE);
            assertThat(response.transactionIdLow()).isEqualTo(request.transactionIdLow());
            assertThat(response.transactionIdHigh()).isEqualTo(request.transactionIdHigh());
            assertThat(response.method()).isEqualTo(request.method());
            assertThat(response.verifyFingerprint()).isTrue();
            // RFC 8489 §9.1.3: only answers to authenticated requests carry MESSAGE-INTEGRITY; no USERNAME ever.
            assertThat(response.has(StunAttributeType.MESSAGE_INTEGRITY)).isEqualTo(outcome.authenticated());
            assertThat(response.has(StunAttributeType.USERNAME)).isFalse();
            if (outcome.authenticated()) {
                assertThat(SERVER_KEY.verify(response)).isTrue();
            }
            // Anti-amplification: no answer is much larger than what provoked it.
            assertThat(response.length()).isLessThanOrEqualTo(request.length() + 64);
        }
        if (expected.error() != null) {
            assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
            assertThat(response.errorCode()).isEqualTo(expected.error().code());
        }
        boolean accepted = expected == IceCheckOutcome.SUCCESS || expected == IceCheckOutcome.NOMINATED;
        assertThat(server.isValidated(PEER)).isEqualTo(accepted);
        assertThat(server.selectedTuple()).isEqualTo(accepted ? PEER : null);
        assertThat(listener.events).hasSize(accepted ? 2 : 0);
    }

    @Test
    void successCarriesTheSourceAsXorMappedAddressSignedWithTheLocalPassword() {
        InetSocketAddress ipv6 = new InetSocketAddress("2001:db8::1", 40_123);

        assertThat(send(check(9, false), ipv6)).isEqualTo(IceCheckOutcome.SUCCESS);

        assertThat(response.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(response.xorMappedSocketAddress()).isEqualTo(ipv6);
        assertThat(SERVER_KEY.verifySha1(response)).isTrue();
        assertThat(WRONG_KEY.verify(response)).isFalse();
        assertThat(out.readableBytes()).isLessThanOrEqualTo(IceLiteServer.MAX_RESPONSE_LENGTH);
    }

    @Test
    void unknownAttributeAnswerListsTheUnknownTypes() {
        byte[] datagram = build(3, (w, b) -> {
            w.username(SERVER.ufrag() + ':' + CLIENT.ufrag()).priority(PRIORITY);
            b.writeShort(UNKNOWN_REQUIRED).writeShort(4).writeInt(0);
            b.writeShort(0x7FFE).writeShort(4).writeInt(0);
            w.messageIntegrity(SERVER_KEY).fingerprint();
        });

        assertThat(send(datagram, PEER)).isEqualTo(IceCheckOutcome.UNKNOWN_ATTRIBUTE);

        assertThat(response.wrap(out)).isEqualTo(StunDropReason.NONE);
        assertThat(response.listedUnknownAttributeCount()).isEqualTo(2);
        assertThat(List.of(response.listedUnknownAttribute(0), response.listedUnknownAttribute(1)))
                .containsExactly(UNKNOWN_REQUIRED, 0x7FFE);
    }

    @Test
    void beforeTheRemoteUfragIsKnownTheLocalPrefixIsEnough() {
        IceLiteServer early = new IceLiteServer(SERVER, clock, IceLiteServer.DEFAULT_CONSENT_TIMEOUT, listener, "t");
        byte[] anyRemote = build(4, (w, b) -> w.username(SERVER.ufrag() + ":whoever").priority(PRIORITY)
                .messageIntegrity(SERVER_KEY).fingerprint());
        in.writeBytes(anyRemote);
        request.wrap(in);

        assertThat(early.handle(request, PEER, out)).isEqualTo(IceCheckOutcome.SUCCESS);
    }

    @Test
    void firstAuthenticatedTupleIsSelectedAndUseCandidateNominatesIt() {
        send(check(1, false), PEER);
        assertThat(server.selectedTuple()).isEqualTo(PEER);
        assertThat(server.isNominated()).isFalse();

        assertThat(send(check(2, true), PEER)).isEqualTo(IceCheckOutcome.NOMINATED);

        assertThat(server.isNominated()).isTrue();
        assertThat(server.tupleSwitches()).isZero();
        assertThat(listener.events).containsExactly("validated 50000", "selected 50000", "selected 50000 nominated");
    }

    @Test
    void onlyANominationFromAnotherAddressSwitchesTheSelectedTuple() {
        send(check(1, true), PEER);

        // Peer-reflexive: an address never announced is accepted once the check authenticates.
        assertThat(send(check(2, false), OTHER_PEER)).isEqualTo(IceCheckOutcome.SUCCESS);
        assertThat(server.isValidated(OTHER_PEER)).isTrue();
        assertThat(server.selectedTuple()).isEqualTo(PEER);

        assertThat(send(check(3, true), OTHER_PEER)).isEqualTo(IceCheckOutcome.NOMINATED);
        assertThat(server.selectedTuple()).isEqualTo(OTHER_PEER);
        assertThat(server.tupleSwitches()).isEqualTo(1);

        send(check(4, true), OTHER_PEER);
        assertThat(server.tupleSwitches()).isEqualTo(1);
        assertThat(listener.events).containsExactly("validated 50000", "selected 50000 nominated",
                "validated 61000", "selected 61000 nominated");
    }

    @Test
    void rejectedChecksFromANewAddressChangeNothing() {
        send(check(1, true), PEER);
        listener.events.clear();

        send(build(2, (w, b) -> w.username(SERVER.ufrag() + ':' + CLIENT.ufrag()).priority(PRIORITY)
                .useCandidate().messageIntegrity(WRONG_KEY).fingerprint()), OTHER_PEER);

        assertThat(server.selectedTuple()).isEqualTo(PEER);
        assertThat(server.isValidated(OTHER_PEER)).isFalse();
        assertThat(listener.events).isEmpty();
    }

    @Test
    void keepsAtMostMaxTuplesEvictingTheOldestUnselected() {
        send(check(1, true), PEER);
        for (int i = 0; i < IceLiteServer.MAX_TUPLES; i++) {
            send(check(10 + i, false), new InetSocketAddress("127.0.0.1", 40_000 + i));
        }

        assertThat(server.isValidated(PEER)).isTrue();
        assertThat(server.isValidated(new InetSocketAddress("127.0.0.1", 40_000))).isFalse();
        assertThat(listener.events).contains("removed 40000").doesNotContain("removed 50000");
    }

    @Test
    void closeForgetsEveryTupleAndLaterChecksAreDropped() {
        send(check(1, true), PEER);
        server.close();
        server.close();

        assertThat(listener.events).containsSubsequence("validated 50000", "removed 50000");
        assertThat(listener.events).filteredOn(e -> e.startsWith("removed")).hasSize(1);
        assertThat(send(check(2, true), PEER)).isEqualTo(IceCheckOutcome.DROPPED_CLOSED);
        assertThat(server.selectedTuple()).isNull();
    }

    @Test
    void toStringShowsNoPassword() {
        assertThat(server.toString()).doesNotContain(SERVER.password());
        assertThat(SERVER.toString()).doesNotContain(SERVER.password()).contains("<redacted>");
    }
}
