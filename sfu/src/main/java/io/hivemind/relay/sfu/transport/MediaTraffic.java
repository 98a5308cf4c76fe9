package io.hivemind.relay.sfu.transport;

/**
 * RTP and RTCP datagrams (SRTP and SRTCP on the wire) and their UDP payload bytes through media sockets, each way.
 * STUN and DTLS are not media and are not counted here.
 */
public record MediaTraffic(long packetsIn, long bytesIn, long packetsOut, long bytesOut) {

    public static final MediaTraffic NONE = new MediaTraffic(0, 0, 0, 0);

    /** The sum of this and {@code other} (several sockets). */
    public MediaTraffic plus(MediaTraffic other) {
        return new MediaTraffic(packetsIn + other.packetsIn, bytesIn + other.bytesIn, packetsOut + other.packetsOut,
                bytesOut + other.bytesOut);
    }
}
