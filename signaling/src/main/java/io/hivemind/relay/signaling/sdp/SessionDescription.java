package io.hivemind.relay.signaling.sdp;

import java.util.List;

/**
 * A session description (RFC 8866 §5): session-level lines, then media sections. Immutable; read with
 * {@link SdpParser}, written with {@link SdpWriter}.
 *
 * @param connection the session-level {@code c=} line, or {@code null}
 * @param timing the text after {@code t=}, {@code 0 0} in WebRTC
 * @param otherLines {@code i= u= e= p= b= r= z= k=} lines kept verbatim
 */
public record SessionDescription(Origin origin, String sessionName, Connection connection, String timing,
        List<SdpLine> otherLines, List<SdpAttribute> attributes, List<MediaDescription> media)
        implements AttributeList {

    public SessionDescription {
        if (sessionName.isEmpty()) {
            throw new IllegalArgumentException("s= is empty");
        }
        SdpGrammar.words(timing, 2, "t=").forEach(word -> SdpGrammar.requireDigits(word, 20, "t= time"));
        otherLines = List.copyOf(otherLines);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** A WebRTC description: {@code s=-}, {@code t=0 0}, no session-level connection. */
    public static SessionDescription of(Origin origin, List<SdpAttribute> attributes, List<MediaDescription> media) {
        return new SessionDescription(origin, "-", null, "0 0", List.of(), attributes, media);
    }

    /** The mids of the first BUNDLE group (RFC 9143 §9), empty when there is none. */
    public List<String> bundleMids() {
        return all(Group.class).stream().filter(group -> Group.BUNDLE.equals(group.semantics()))
                .findFirst().map(Group::mids).orElse(List.of());
    }
}
