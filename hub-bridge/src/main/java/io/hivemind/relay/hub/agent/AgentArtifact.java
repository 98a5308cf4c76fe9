package io.hivemind.relay.hub.agent;

import java.util.Objects;

/**
 * Something an agent produced besides its spoken answer (a file, a commit, a link), shown on the call page.
 *
 * @param name      what to call it
 * @param uri       where to find it; may be empty
 * @param mediaType its media type; may be empty
 */
public record AgentArtifact(String name, String uri, String mediaType) {

    public AgentArtifact {
        Objects.requireNonNull(name, "name");
        uri = uri == null ? "" : uri;
        mediaType = mediaType == null ? "" : mediaType;
    }
}
