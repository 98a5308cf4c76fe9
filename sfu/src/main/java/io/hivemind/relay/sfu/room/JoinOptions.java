package io.hivemind.relay.sfu.room;

import java.util.Objects;

/**
 * Who joins and how.
 *
 * @param identity           unique within the room (the token's {@code sub})
 * @param name               display name
 * @param metadata           opaque application metadata
 * @param agent              a voice agent rather than a human
 * @param hidden             not announced to others by signaling (LiveKit's hidden grant); cannot publish
 * @param autoSubscribe      subscribe to every other participant's tracks as they appear
 * @param opusPayloadType    the Opus payload type this participant negotiated for receiving
 * @param audioLevelExtensionId the RFC 6464 extension id this participant negotiated for receiving (1..14), or 0:
 *                           forwarded packets carry only that element, under this id (see {@code RoomRouter})
 */
public record JoinOptions(String identity, String name, String metadata, boolean agent, boolean hidden,
                          boolean autoSubscribe, int opusPayloadType, int audioLevelExtensionId) {

    public JoinOptions {
        Objects.requireNonNull(identity, "identity");
        if (identity.isEmpty()) {
            throw new IllegalArgumentException("identity is empty");
        }
        name = name == null ? identity : name;
        metadata = metadata == null ? "" : metadata;
        if (opusPayloadType < 0 || opusPayloadType > 127) {
            throw new IllegalArgumentException("payload type is 7-bit: " + opusPayloadType);
        }
        if (audioLevelExtensionId < 0 || audioLevelExtensionId > 14) {
            throw new IllegalArgumentException("a one-byte extension id is 1..14 (0 = none): " + audioLevelExtensionId);
        }
    }

    /** A visible, auto-subscribing human receiving Opus on payload type 111 and audio levels on id 1. */
    public static JoinOptions of(String identity) {
        return new JoinOptions(identity, identity, "", false, false, true, 111, 1);
    }

    /** The same options with the agent flag set. */
    public JoinOptions asAgent() {
        return new JoinOptions(identity, name, metadata, true, hidden, autoSubscribe, opusPayloadType,
                audioLevelExtensionId);
    }
}
