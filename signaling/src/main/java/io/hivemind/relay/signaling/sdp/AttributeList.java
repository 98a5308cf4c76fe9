package io.hivemind.relay.signaling.sdp;

import java.util.List;

/** Typed look-ups over the attributes of a session or a media section. */
public interface AttributeList {

    /** The attributes in the order they appear. */
    List<SdpAttribute> attributes();

    /** Every attribute of the type, in order. */
    default <T extends SdpAttribute> List<T> all(Class<T> type) {
        return attributes().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The first attribute of the type, or {@code null}. */
    default <T extends SdpAttribute> T first(Class<T> type) {
        for (SdpAttribute attribute : attributes()) {
            if (type.isInstance(attribute)) {
                return type.cast(attribute);
            }
        }
        return null;
    }

    /** Whether an attribute with this key is present (typed or raw). */
    default boolean has(String key) {
        return attributes().stream().anyMatch(attribute -> attribute.key().equals(key));
    }
}
