package io.hivemind.relay.server.pairing;

import java.time.Instant;

/**
 * A one-time pairing code as issued to an admin.
 *
 * @param pairUrl the URL a phone opens (also in the QR code): {@code <base>/pair?code=<code>}
 * @param qrSvg   an SVG image of the QR code of {@code pairUrl}
 */
public record PairingCode(String code, Instant expiresAt, String pairUrl, String qrSvg) {
}
