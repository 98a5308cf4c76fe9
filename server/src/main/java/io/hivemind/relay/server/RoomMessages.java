package io.hivemind.relay.server;

import io.hivemind.relay.sfu.room.ActiveSpeaker;
import io.hivemind.relay.sfu.room.ParticipantInfo;
import io.hivemind.relay.sfu.room.RoomEvent;
import io.hivemind.relay.sfu.room.TrackInfo;
import io.hivemind.relay.signaling.ws.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps room snapshots and events onto the {@code /ws} messages of docs/protocol.md. */
final class RoomMessages {

    private RoomMessages() {
    }

    /** A participant with its published tracks, as {@code joined} lists it. */
    static ServerMessage.Participant participant(ParticipantInfo info, List<TrackInfo> tracks) {
        List<ServerMessage.Track> own = tracks.stream()
                .filter(track -> track.participantIdentity().equals(info.identity()))
                .map(RoomMessages::track).toList();
        return new ServerMessage.Participant(info.id(), info.identity(), info.name(), own);
    }

    static ServerMessage.Track track(TrackInfo track) {
        return new ServerMessage.Track(track.producerId(), "audio", track.muted());
    }

    /**
     * The message {@code self} receives for {@code event}, or null for events about itself (but mutes), about hidden
     * participants, or that clients do not see. Keeps {@code sids} (identity to participant sid) current.
     */
    static ServerMessage of(RoomEvent event, String self, Map<String, String> sids) {
        if (event instanceof RoomEvent.ParticipantJoined joined) {
            ParticipantInfo info = joined.participant();
            sids.put(info.identity(), info.id());
            return info.identity().equals(self) || info.hidden() ? null
                    : new ServerMessage.ParticipantJoined(participant(info, List.of()));
        }
        if (event instanceof RoomEvent.ParticipantLeft left) {
            ParticipantInfo info = left.participant();
            sids.remove(info.identity());
            return info.identity().equals(self) || info.hidden() ? null
                    : new ServerMessage.ParticipantLeft(info.id(), info.identity());
        }
        if (event instanceof RoomEvent.TrackPublished published) {
            TrackInfo track = published.track();
            String sid = sids.get(track.participantIdentity());
            return track.participantIdentity().equals(self) || sid == null ? null
                    : new ServerMessage.TrackPublished(sid, track(track));
        }
        if (event instanceof RoomEvent.TrackUnpublished unpublished) {
            TrackInfo track = unpublished.track();
            String sid = sids.get(track.participantIdentity());
            return track.participantIdentity().equals(self) || sid == null ? null
                    : new ServerMessage.TrackUnpublished(sid, track.producerId());
        }
        if (event instanceof RoomEvent.TrackMuted muted) {
            // Sent to the publisher too: it learns of a server mute, and its own mute is confirmed.
            TrackInfo track = muted.track();
            String sid = sids.get(track.participantIdentity());
            return sid == null ? null
                    : new ServerMessage.Muted(sid, track.producerId(), track.muted(), muted.byServer());
        }
        if (event instanceof RoomEvent.Caption caption) {
            return new ServerMessage.Caption(caption.participant().id(),
                    caption.role().name().toLowerCase(java.util.Locale.ROOT), caption.utteranceId(), caption.text(),
                    caption.complete());
        }
        if (event instanceof RoomEvent.AgentStateChanged agent) {
            return new ServerMessage.AgentState(agent.participant().id(), agent.participant().identity(),
                    agent.state());
        }
        if (event instanceof RoomEvent.CallStateChanged call) {
            return new ServerMessage.CallState(call.callId(), call.state(), call.agentState(), call.endReason());
        }
        if (event instanceof RoomEvent.ActiveSpeakersChanged speakers) {
            List<ServerMessage.Speaker> list = new ArrayList<>();
            for (ActiveSpeaker speaker : speakers.speakers()) {
                String sid = sids.get(speaker.participantIdentity());
                if (sid != null) {
                    list.add(new ServerMessage.Speaker(sid, speaker.level()));
                }
            }
            return new ServerMessage.ActiveSpeakers(list);
        }
        return null;
    }
}
