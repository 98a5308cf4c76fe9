package io.hivemind.relay.sfu.room;

/**
 * One entry of the active-speaker list.
 *
 * @param level the smoothed loudness, 0 (silence, -127 dBov) to 1 (0 dBov)
 */
public record ActiveSpeaker(String participantIdentity, String producerId, double level) {
}
