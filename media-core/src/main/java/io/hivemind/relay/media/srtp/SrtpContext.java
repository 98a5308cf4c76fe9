package io.hivemind.relay.media.srtp;

import io.netty.buffer.ByteBuf;

/**
 * The SRTP/SRTCP cryptographic context of one direction under one master key (RFC 3711 §3.2): an outbound context
 * {@code protect}s, an inbound one {@code unprotect}s, each holding per-SSRC index and replay state.
 *
 * <p>Packets are processed in place on the ByteBuf's readable bytes, which are borrowed (the buffer must not be
 * read-only); the reader index is untouched.
 * Protect appends the tag (and the SRTCP trailer) into the tailroom and advances the writer index; it never grows the
 * buffer, so the caller leaves {@link SrtpProfile#rtpTagLength()} (or trailer plus {@link SrtpProfile#rtcpTagLength()})
 * writable bytes. Unprotect verifies before it decrypts and shrinks the writer index. Heap buffers are worked on
 * through {@code array()}; direct and composite buffers are copied to and from one scratch array the context makes on
 * first use, so neither allocates per packet. Packet input never throws: the {@link SrtpStatus} says what happened,
 * and anything but {@code OK} leaves the buffer as it was.
 *
 * <p>RTP receive follows RFC 3711 §3.3: guess the index from SEQ, s_l and ROC (Appendix A), reject replays and
 * too-old indexes in a {@value ReplayWindow#SIZE}-packet window before authenticating, and move s_l/ROC and the window
 * only after authentication. SRTCP likewise with its explicit 31-bit index. A master key protects at most 2^48 SRTP and
 * 2^31 SRTCP packets (§9.2); past that every packet gets {@link SrtpStatus#KEY_EXHAUSTED} and {@link #needsRekey()}
 * turns true. No MKI is carried: DTLS-SRTP peers send an empty srtp_mki unless they negotiate one (RFC 5764 §4.1.1).
 *
 * <p>Not thread-safe: one context per direction per event loop.
 */
public final class SrtpContext {

    /** Packets per master key (RFC 3711 §9.2). */
    public static final long MAX_SRTP_PACKETS = 1L << 48;
    /** SRTCP packets per master key (RFC 3711 §9.2). */
    public static final long MAX_SRTCP_PACKETS = 1L << 31;
    /** No RTP or RTCP packet over UDP is longer. */
    public static final int MAX_PACKET_LENGTH = 65_535;
    /** SSRCs a context tracks unless told otherwise. */
    public static final int DEFAULT_MAX_STREAMS = 64;

    private static final int RTP_FIXED_HEADER = 12;
    private static final int RTP_SEQ = 2;
    private static final int RTP_SSRC = 8;
    private static final int RTP_EXTENSION_HEADER = 4;
    private static final int RTCP_SSRC = 4;
    private static final int VERSION = 2;
    /** Room for the longest packet plus SRTCP trailer and tag. */
    private static final int SCRATCH_LENGTH = MAX_PACKET_LENGTH + SrtcpTrailer.LENGTH + AesGcm.TAG_LENGTH;

    private final SrtpProfile profile;
    private final SrtpTransform transform;
    private final SrtpStreamTable streams;
    private long srtpPackets;
    private long srtcpPackets;
    private boolean exhausted;
    private byte[] scratch;

    /** A context with room for {@value #DEFAULT_MAX_STREAMS} SSRCs. */
    public SrtpContext(SrtpProfile profile, SrtpMasterKey masterKey) {
        this(profile, masterKey, DEFAULT_MAX_STREAMS);
    }

    /**
     * Derives the session keys (RFC 3711 §4.3) and prepares state for up to {@code maxStreams} SSRCs.
     *
     * @throws IllegalArgumentException when the key or salt length does not fit the profile
     */
    public SrtpContext(SrtpProfile profile, SrtpMasterKey masterKey, int maxStreams) {
        this.profile = profile;
        this.transform = SrtpTransform.create(profile, masterKey);
        this.streams = new SrtpStreamTable(maxStreams);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** True once the master key reached its packet limit or a stream's index ran out: negotiate new keys. */
    public boolean needsRekey() {
        return exhausted || srtpPackets >= MAX_SRTP_PACKETS || srtcpPackets >= MAX_SRTCP_PACKETS;
    }

    /** Turns an RTP packet into SRTP (RFC 3711 §3.3, RFC 7714 §8). */
    public SrtpStatus protectRtp(ByteBuf packet) {
        return rtp(packet, true);
    }

    /** Verifies and decrypts an SRTP packet back into RTP (RFC 3711 §3.3, RFC 7714 §8). */
    public SrtpStatus unprotectRtp(ByteBuf packet) {
        return rtp(packet, false);
    }

    /** Turns an RTCP compound packet into SRTCP with the E flag set (RFC 3711 §3.4, RFC 7714 §9). */
    public SrtpStatus protectRtcp(ByteBuf packet) {
        int length = packet.readableBytes();
        int added = SrtcpTrailer.LENGTH + profile.rtcpTagLength();
        if (length > MAX_PACKET_LENGTH) {
            return SrtpStatus.TOO_LONG;
        }
        if (length < SrtcpTrailer.CLEAR_HEADER_LENGTH) {
            return SrtpStatus.TOO_SHORT;
        }
        if (packet.writableBytes() < added) {
            return SrtpStatus.NO_TAILROOM;
        }
        byte[] array = arrayOf(packet, length);
        int start = startOf(packet);
        if ((array[start] & 0xff) >>> 6 != VERSION) {
            return SrtpStatus.MALFORMED;
        }
        if (srtcpPackets >= MAX_SRTCP_PACKETS) {
            return exhausted();
        }
        int ssrc = BigEndian.readInt(array, start + RTCP_SSRC);
        SrtpStream stream = streams.lookup(ssrc);
        if (stream == null) {
            return SrtpStatus.STREAM_LIMIT;
        }
        int index = stream.nextSrtcpIndex;
        if (index < 0) {
            return exhausted();
        }
        transform.protectRtcp(array, start, start + length, ssrc, index);
        streams.keep(stream);
        stream.nextSrtcpIndex = index + 1;
        srtcpPackets++;
        complete(packet, array, length + added);
        return SrtpStatus.OK;
    }

    /** Verifies and, when the E flag says so, decrypts an SRTCP packet (RFC 3711 §3.4, RFC 7714 §9). */
    public SrtpStatus unprotectRtcp(ByteBuf packet) {
        int length = packet.readableBytes();
        int tagLength = profile.rtcpTagLength();
        if (length > MAX_PACKET_LENGTH) {
            return SrtpStatus.TOO_LONG;
        }
        if (length < SrtcpTrailer.CLEAR_HEADER_LENGTH + SrtcpTrailer.LENGTH + tagLength) {
            return SrtpStatus.TOO_SHORT;
        }
        byte[] array = arrayOf(packet, length);
        int start = startOf(packet);
        int end = start + length;
        if ((array[start] & 0xff) >>> 6 != VERSION) {
            return SrtpStatus.MALFORMED;
        }
        if (srtcpPackets >= MAX_SRTCP_PACKETS) {
            return exhausted();
        }
        int trailerAt = profile.isAead() ? end - SrtcpTrailer.LENGTH : end - tagLength - SrtcpTrailer.LENGTH;
        int trailer = BigEndian.readInt(array, trailerAt);
        int index = SrtcpTrailer.index(trailer);
        int ssrc = BigEndian.readInt(array, start + RTCP_SSRC);
        SrtpStream stream = streams.lookup(ssrc);
        if (stream == null) {
            return SrtpStatus.STREAM_LIMIT;
        }
        SrtpStatus replay = stream.rtcpWindow.check(index);
        if (replay != SrtpStatus.OK) {
            return replay;
        }
        int plainEnd = transform.unprotectRtcp(array, start, end, ssrc, trailer);
        if (plainEnd < 0) {
            return SrtpStatus.AUTH_FAILED;
        }
        streams.keep(stream);
        stream.rtcpWindow.accept(index);
        srtcpPackets++;
        complete(packet, array, plainEnd - start);
        return SrtpStatus.OK;
    }

    private SrtpStatus rtp(ByteBuf packet, boolean protect) {
        int length = packet.readableBytes();
        int tagLength = profile.rtpTagLength();
        if (length > MAX_PACKET_LENGTH) {
            return SrtpStatus.TOO_LONG;
        }
        if (protect && packet.writableBytes() < tagLength) {
            return SrtpStatus.NO_TAILROOM;
        }
        if (!protect && length < RTP_FIXED_HEADER + tagLength) {
            return SrtpStatus.TOO_SHORT;
        }
        byte[] array = arrayOf(packet, length);
        int start = startOf(packet);
        int end = start + length - (protect ? 0 : tagLength);
        int payload = rtpPayloadOffset(array, start, end);
        if (payload < 0) {
            return payload == -2 ? SrtpStatus.MALFORMED : SrtpStatus.TOO_SHORT;
        }
        if (srtpPackets >= MAX_SRTP_PACKETS) {
            return exhausted();
        }
        int ssrc = BigEndian.readInt(array, start + RTP_SSRC);
        SrtpStream stream = streams.lookup(ssrc);
        if (stream == null) {
            return SrtpStatus.STREAM_LIMIT;
        }
        long index = stream.guessIndex(BigEndian.readUnsignedShort(array, start + RTP_SEQ));
        if (index < 0) {
            return SrtpStatus.TOO_OLD;
        }
        if (index > SrtpStream.MAX_INDEX) {
            return exhausted();
        }
        if (protect) {
            transform.protectRtp(array, start, payload, end, ssrc, index);
        } else {
            SrtpStatus replay = stream.rtpWindow.check(index);
            if (replay != SrtpStatus.OK) {
                return replay;
            }
            if (!transform.unprotectRtp(array, start, payload, end, ssrc, index)) {
                return SrtpStatus.AUTH_FAILED;
            }
        }
        streams.keep(stream);
        stream.rtpWindow.accept(index);
        srtpPackets++;
        complete(packet, array, protect ? length + tagLength : length - tagLength);
        return SrtpStatus.OK;
    }

    /**
     * Forgets an SSRC (RTCP BYE, stream timeout) so its slot serves another. Its replay state goes with it, so only
     * call this once the SSRC is really gone: packets of it arriving later are treated as a new stream.
     *
     * @return false when the SSRC was not known
     */
    public boolean removeStream(int ssrc) {
        return streams.remove(ssrc);
    }

    /** Test hook: pretend this many packets were already protected under the master key. */
    void seedKeyUsage(long srtpPacketCount, long srtcpPacketCount) {
        srtpPackets = srtpPacketCount;
        srtcpPackets = srtcpPacketCount;
    }

    /** Test hook: start an SSRC at a given highest SRTP index and next SRTCP index. */
    void seedStream(int ssrc, long highestRtpIndex, int nextSrtcpIndex) {
        SrtpStream stream = streams.lookup(ssrc);
        streams.keep(stream);
        stream.rtpWindow.accept(highestRtpIndex);
        stream.nextSrtcpIndex = nextSrtcpIndex;
    }

    @Override
    public String toString() {
        return "SrtpContext[" + profile + ", streams=" + streams.size() + ", srtp=" + srtpPackets + ", srtcp="
                + srtcpPackets + "]";
    }

    private SrtpStatus exhausted() {
        exhausted = true;
        return SrtpStatus.KEY_EXHAUSTED;
    }

    /**
     * Offset of the RTP payload (RFC 3550 §5.1: 12 bytes, 4 per CSRC, then the extension's 4-byte header and its
     * length in 32-bit words), or a negative code: -1 too short, -2 not version 2.
     */
    private static int rtpPayloadOffset(byte[] array, int start, int end) {
        if (end - start < RTP_FIXED_HEADER) {
            return -1;
        }
        int first = array[start] & 0xff;
        if (first >>> 6 != VERSION) {
            return -2;
        }
        int offset = start + RTP_FIXED_HEADER + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (offset + RTP_EXTENSION_HEADER > end) {
                return -1;
            }
            offset += RTP_EXTENSION_HEADER + 4 * BigEndian.readUnsignedShort(array, offset + 2);
        }
        return offset <= end ? offset : -1;
    }

    private byte[] arrayOf(ByteBuf packet, int length) {
        if (packet.hasArray()) {
            return packet.array();
        }
        if (scratch == null) {
            scratch = new byte[SCRATCH_LENGTH];
        }
        packet.getBytes(packet.readerIndex(), scratch, 0, length);
        return scratch;
    }

    private static int startOf(ByteBuf packet) {
        return packet.hasArray() ? packet.arrayOffset() + packet.readerIndex() : 0;
    }

    /** Publishes the result: copies scratch back for non-heap buffers and sets the new writer index. */
    private static void complete(ByteBuf packet, byte[] array, int newLength) {
        int reader = packet.readerIndex();
        if (!packet.hasArray()) {
            packet.setBytes(reader, array, 0, newLength);
        }
        packet.writerIndex(reader + newLength);
    }
}
