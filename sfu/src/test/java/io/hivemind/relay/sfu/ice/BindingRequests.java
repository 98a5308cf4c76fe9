package io.hivemind.relay.sfu.ice;

import io.hivemind.relay.media.stun.StunClass;
import io.hivemind.relay.media.stun.StunIntegrity;
import io.hivemind.relay.media.stun.StunMessageType;
import io.hivemind.relay.media.stun.StunMessageWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.function.BiConsumer;

/**
 * The client side of ICE checks for tests, built with media-core's {@link StunMessageWriter} as a full agent (the
 * browser) would send them: USERNAME "serverUfrag:clientUfrag", PRIORITY, ICE-CONTROLLING, MESSAGE-INTEGRITY with
 * the server's password, FINGERPRINT.
 */
public final class BindingRequests {

    public static final IceCredentials SERVER = new IceCredentials("srvU", "serverPasswordOf24Chars0");
    public static final IceCredentials CLIENT = new IceCredentials("cliU", "clientPasswordOf24Chars0");
    public static final long PRIORITY = 1_853_817_087L;

    private BindingRequests() {
    }

    /** A transaction ID whose bytes start with {@code seed}. */
    public static byte[] transactionId(int seed) {
        byte[] id = new byte[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (seed + i);
        }
        return id;
    }

    /** A valid check from {@link #CLIENT} to {@link #SERVER}, with USE-CANDIDATE if {@code nominate}. */
    public static byte[] check(int seed, boolean nominate) {
        return build(seed, (w, out) -> {
            w.username(SERVER.ufrag() + ':' + CLIENT.ufrag()).priority(PRIORITY).iceControlling(42);
            if (nominate) {
                w.useCandidate();
            }
            w.messageIntegrity(StunIntegrity.shortTerm(SERVER.password())).fingerprint();
        });
    }

    /**
     * A Binding request with whatever attributes {@code attributes} writes (integrity and fingerprint included). It
     * also gets the output buffer, to append raw attributes the writer does not know: the writer's next attribute
     * brings the header length up to date.
     */
    public static byte[] build(int seed, BiConsumer<StunMessageWriter, ByteBuf> attributes) {
        return build(StunMessageType.BINDING, StunClass.REQUEST, seed, attributes);
    }

    public static byte[] build(int method, StunClass messageClass, int seed,
            BiConsumer<StunMessageWriter, ByteBuf> attributes) {
        ByteBuf out = Unpooled.buffer();
        try {
            StunMessageWriter writer = new StunMessageWriter();
            writer.begin(out, method, messageClass, transactionId(seed));
            attributes.accept(writer, out);
            writer.finish();
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
