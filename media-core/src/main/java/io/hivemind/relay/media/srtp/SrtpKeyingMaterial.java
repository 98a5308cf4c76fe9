package io.hivemind.relay.media.srtp;

import java.util.Arrays;

/**
 * The two master keys a DTLS-SRTP handshake yields (RFC 5764 §4.2): the exporter output with label
 * "EXTRACTOR-dtls_srtp" is split as
 *
 * <pre>
 * client_write_SRTP_master_key | server_write_SRTP_master_key |
 * client_write_SRTP_master_salt | server_write_SRTP_master_salt
 * </pre>
 *
 * and each side protects with its own write key and unprotects with the peer's. {@code local} feeds the outbound
 * {@link SrtpContext}, {@code remote} the inbound one. Keys are redacted in {@link #toString()}.
 */
public record SrtpKeyingMaterial(SrtpProfile profile, SrtpMasterKey local, SrtpMasterKey remote) {

    /** Our role in the DTLS handshake. */
    public enum Role {
        CLIENT,
        SERVER
    }

    public SrtpKeyingMaterial {
        if (!local.fits(profile) || !remote.fits(profile)) {
            throw new IllegalArgumentException("master key/salt lengths do not fit " + profile);
        }
    }

    /** Bytes to request from the DTLS exporter for a profile: 2 * (key length + salt length). */
    public static int exportLength(SrtpProfile profile) {
        return 2 * (profile.masterKeyLength() + profile.masterSaltLength());
    }

    /**
     * Splits exporter output by DTLS role.
     *
     * @throws IllegalArgumentException when {@code exported} is not {@link #exportLength} bytes
     */
    public static SrtpKeyingMaterial split(SrtpProfile profile, byte[] exported, Role role) {
        int keyLength = profile.masterKeyLength();
        int saltLength = profile.masterSaltLength();
        if (exported.length != exportLength(profile)) {
            throw new IllegalArgumentException("expected " + exportLength(profile) + " exported bytes, got "
                    + exported.length);
        }
        SrtpMasterKey client = new SrtpMasterKey(Arrays.copyOfRange(exported, 0, keyLength),
                Arrays.copyOfRange(exported, 2 * keyLength, 2 * keyLength + saltLength));
        SrtpMasterKey server = new SrtpMasterKey(Arrays.copyOfRange(exported, keyLength, 2 * keyLength),
                Arrays.copyOfRange(exported, 2 * keyLength + saltLength, exported.length));
        return role == Role.CLIENT ? new SrtpKeyingMaterial(profile, client, server)
                : new SrtpKeyingMaterial(profile, server, client);
    }

    /** The context that protects what we send. */
    public SrtpContext outbound(int maxStreams) {
        return new SrtpContext(profile, local, maxStreams);
    }

    /** The context that unprotects what the peer sends. */
    public SrtpContext inbound(int maxStreams) {
        return new SrtpContext(profile, remote, maxStreams);
    }

    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + profile + ", keys redacted]";
    }
}
