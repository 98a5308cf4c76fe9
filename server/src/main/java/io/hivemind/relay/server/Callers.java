package io.hivemind.relay.server;

import io.hivemind.relay.server.pairing.DeviceAuthenticator;
import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;

/**
 * Who is calling an agent API: a relay token (a JWT, which always has dots) or a paired phone's device token (base64url,
 * never a dot). A device acts as {@code device-<id>}.
 */
final class Callers {

    private final TokenService tokens;
    private final DeviceAuthenticator devices;

    Callers(TokenService tokens, DeviceAuthenticator devices) {
        this.tokens = tokens;
        this.devices = devices;
    }

    /** A verified caller: who, and whether they administer every room (a device never does). */
    record Caller(String identity, boolean admin) {
    }

    /** The caller behind {@code bearer}, verified once. */
    Caller caller(String bearer) {
        if (bearer != null && !bearer.isEmpty() && bearer.indexOf('.') < 0) {
            return new Caller("device-" + devices.verify(bearer).id(), false);
        }
        AccessGrant grant = grant(bearer);
        return new Caller(grant.identity(), grant.administers(null));
    }

    /** The caller's identity. */
    String identify(String bearer) {
        return caller(bearer).identity();
    }

    /** A relay token's grant, with an identity. */
    AccessGrant grant(String bearer) {
        AccessGrant grant = tokens.verify(bearer);
        if (grant.identity() == null || grant.identity().isEmpty()) {
            throw new SignalingException(ErrorCode.PERMISSION_DENIED, "token has no identity");
        }
        return grant;
    }
}
