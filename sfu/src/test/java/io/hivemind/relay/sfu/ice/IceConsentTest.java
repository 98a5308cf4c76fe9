package io.hivemind.relay.sfu.ice;

import static io.hivemind.relay.sfu.ice.BindingRequests.CLIENT;
import static io.hivemind.relay.sfu.ice.BindingRequests.SERVER;
import static io.hivemind.relay.sfu.ice.BindingRequests.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivemind.relay.media.stun.StunMessage;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Consent freshness (RFC 7675 §5.1) as a lite agent infers it from the peer's checks, on a manual clock. */
class IceConsentTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50_000);

    private final ManualClock clock = new ManualClock();
    private final RecordingIceListener listener = new RecordingIceListener();
    private final IceLiteServer server = new IceLiteServer(SERVER, clock, Duration.ofSeconds(30), listener, "t");
    private final ByteBuf in = Unpooled.buffer();
    private final ByteBuf out = Unpooled.buffer();
    private final StunMessage message = new StunMessage();

    IceConsentTest() {
        server.remoteCredentials(CLIENT);
    }

    @AfterEach
    void release() {
        in.release();
        out.release();
    }

    private IceCheckOutcome deliver(byte[] datagram) {
        in.clear().writeBytes(datagram);
        out.clear();
        message.wrap(in);
        return server.handle(message, PEER, out);
    }

    @Test
    void noCheckForTheTimeoutDeclaresTheTransportDeadExactlyOnce() {
        clock.advanceMillis(29_999);
        assertThat(server.checkConsent(clock.nanoTime())).isTrue();

        clock.advanceMillis(1);
        assertThat(server.checkConsent(clock.nanoTime())).isFalse();
        clock.advanceMillis(5_000);
        assertThat(server.checkConsent(clock.nanoTime())).isFalse();

        assertThat(listener.consentExpired).isEqualTo(1);
        assertThat(server.isClosed()).isTrue();
    }

    @Test
    void eachAuthenticatedCheckRefreshesConsent() {
        deliver(check(1, true));
        clock.advanceMillis(29_000);
        assertThat(deliver(check(2, false))).isEqualTo(IceCheckOutcome.SUCCESS);

        clock.advanceMillis(29_000);
        assertThat(server.checkConsent(clock.nanoTime())).isTrue();
        clock.advanceMillis(1_000);
        assertThat(server.checkConsent(clock.nanoTime())).isFalse();

        assertThat(listener.events).containsExactly("validated 50000", "selected 50000 nominated",
                "removed 50000", "consent expired");
    }

    @Test
    void unauthenticatedTrafficDoesNotExtendConsent() {
        deliver(check(1, true));
        clock.advanceMillis(29_000);
        byte[] forged = BindingRequests.build(2, (w, b) -> w.username(SERVER.ufrag() + ':' + CLIENT.ufrag())
                .priority(1).messageIntegrity(io.hivemind.relay.media.stun.StunIntegrity.shortTerm(
                        "someOtherPasswordOf24Ch0")).fingerprint());
        assertThat(deliver(forged)).isEqualTo(IceCheckOutcome.UNAUTHORIZED);

        clock.advanceMillis(1_000);
        assertThat(server.checkConsent(clock.nanoTime())).isFalse();
        assertThat(listener.consentExpired).isEqualTo(1);
    }

    @Test
    void checksAfterConsentLossAreDroppedAndDoNotRevive() {
        clock.advanceMillis(30_000);
        server.checkConsent(clock.nanoTime());

        assertThat(deliver(check(3, true))).isEqualTo(IceCheckOutcome.DROPPED_CLOSED);
        assertThat(out.isReadable()).isFalse();
        assertThat(server.checkConsent(clock.nanoTime())).isFalse();
        assertThat(listener.consentExpired).isEqualTo(1);
    }

    @Test
    void aConfigurableShortTimeout() {
        IceLiteServer quick = new IceLiteServer(SERVER, clock, Duration.ofMillis(300), listener, "t");
        clock.advanceMillis(299);
        assertThat(quick.checkConsent(clock.nanoTime())).isTrue();
        clock.advanceMillis(1);
        assertThat(quick.checkConsent(clock.nanoTime())).isFalse();
        assertThatThrownBy(() -> new IceLiteServer(SERVER, clock, Duration.ZERO, listener, "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
