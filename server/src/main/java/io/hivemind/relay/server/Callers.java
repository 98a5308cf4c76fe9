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

    /** The caller's identity. */
    String identify(String bearer) {
        if (bearer != null && !bearer.isEmpty() && bearer.indexOf('.') < 0) {
            return "device-" + devices.verify(bearer).id();
        }
        return grant(bearer).identity();
    }

    /** Whether {@code bearer} is a relay token that administers every room (a device token never does). */
    boolean isAdmin(String bearer) {
        return bearer != null && bearer.indexOf('.') >= 0 && grant(bearer).administers(null);
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
