package io.hivemind.relay.server.pairing;

import io.hivemind.relay.server.store.PairedDevice;
import io.hivemind.relay.signaling.auth.TokenService;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.rest.RestRequest;
import io.hivemind.relay.signaling.rest.RestResponse;
import io.hivemind.relay.signaling.rest.RestRouter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The pairing and device REST API (docs/protocol.md). Admin routes need a relay token granting {@code roomAdmin}
 * for every room; with the development key (loopback only) a request without a token from a loopback address is
 * an admin too, so the local dashboard works without a token tool.
 * <pre>
 * POST   /api/pairing/codes     admin   issue a one-time code
 * POST   /api/pairing/exchange  anyone  code + device name for a device token (throttled)
 * GET    /api/devices           admin   paired devices with last-seen and revocation
 * DELETE /api/devices/{id}      admin   revoke
 * </pre>
 */
public final class PairingRoutes {

    /** A Host header we are willing to put into a pairing URL. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\]"
            + "(:[0-9]{1,5})?");

    /** The exchange body. */
    public record Exchange(String code, String deviceName) {
    }

    /** A created code as sent to the admin. */
    public record CodeView(String code, String expiresAt, String pairUrl, String qrSvg) {
    }

    /** A device as listed. */
    public record DeviceView(String id, String name, String createdAt, String lastSeen, boolean revoked,
            String revokedAt) {
        static DeviceView of(PairedDevice device) {
            return new DeviceView(device.id(), device.name(), device.createdAt().toString(), text(device.lastSeenAt()),
                    device.revoked(), text(device.revokedAt()));
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /** The device list. */
    public record DeviceList(List<DeviceView> devices) {
    }

    private final PairingService pairing;
    private final TokenService tokens;
    private final boolean development;
    private final boolean tls;
    private final String fallbackAuthority;

    /**
     * @param development       whether the development key is configured (loopback requests without a token are
     *                          admin)
     * @param tls               whether pairing URLs are {@code https}
     * @param fallbackAuthority host:port for pairing URLs when a request carries no usable Host header
     */
    public PairingRoutes(PairingService pairing, TokenService tokens, boolean development, boolean tls,
            String fallbackAuthority) {
        this.pairing = Objects.requireNonNull(pairing, "pairing");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.development = development;
        this.tls = tls;
        this.fallbackAuthority = Objects.requireNonNull(fallbackAuthority, "fallbackAuthority");
    }

    /** Adds the routes to {@code router}. */
    public RestRouter.Builder addTo(RestRouter.Builder router) {
        DeviceAuthenticator devices = pairing.devices();
        return router
                .route(HttpMethod.POST, "/api/pairing/codes", request -> {
                    requireAdmin(request);
                    PairingCode code = pairing.createCode(baseUrl(request));
                    return CompletableFuture.completedFuture(RestResponse.json(HttpResponseStatus.CREATED,
                            new CodeView(code.code(), code.expiresAt().toString(), code.pairUrl(), code.qrSvg())));
                })
                .route(HttpMethod.POST, "/api/pairing/exchange", request -> {
                    Exchange body = request.bodyAs(Exchange.class);
                    if (body == null) {
                        throw new SignalingException(ErrorCode.BAD_REQUEST, "code and deviceName are required");
                    }
                    return pairing.exchange(body.code(), body.deviceName(), addressOf(request))
                            .thenApply(credentials -> RestResponse.json(HttpResponseStatus.CREATED, credentials));
                })
                .route(HttpMethod.GET, "/api/devices", request -> {
                    requireAdmin(request);
                    return CompletableFuture.completedFuture(RestResponse.ok(
                            new DeviceList(devices.list().stream().map(DeviceView::of).toList())));
                })
                .route(HttpMethod.DELETE, "/api/devices/{id}", request -> {
                    requireAdmin(request);
                    return devices.revoke(request.param("id")).thenApply(revoked -> {
                        if (!revoked) {
                            throw new SignalingException(ErrorCode.NOT_FOUND, "no such device, or already revoked");
                        }
                        return RestResponse.noContent();
                    });
                });
    }

    private void requireAdmin(RestRequest request) {
        String bearer = request.bearerToken();
        if (bearer == null && development && request.remoteAddress() != null
                && request.remoteAddress().getAddress() != null
                && request.remoteAddress().getAddress().isLoopbackAddress()) {
            return;
        }
        tokens.verify(bearer).requireRoomAdmin(null);
    }

    private String baseUrl(RestRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        String authority = host != null && HOST.matcher(host).matches() ? host : fallbackAuthority;
        return (tls ? "https://" : "http://") + authority;
    }

    private static String addressOf(RestRequest request) {
        InetSocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
