package io.hivemind.relay.media.srtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Builds plain RTP and RTCP packets for the SRTP tests, with 64 bytes of tailroom. */
final class Packets {

    static final int TAILROOM = 64;

    private Packets() {
    }

    /** RTP (RFC 3550 §5.1) with one CSRC and a one-word header extension when {@code withExtras}. */
    static byte[] rtp(int seq, int ssrc, int payloadLength, boolean withExtras) {
        int header = withExtras ? 12 + 4 + 8 : 12;
        byte[] packet = new byte[header + payloadLength];
        packet[0] = (byte) (withExtras ? 0x91 : 0x80);
        packet[1] = 111;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        packet[4] = 0x00;
        packet[5] = 0x01;
        packet[6] = (byte) 0xe2;
        packet[7] = 0x40;
        BigEndian.writeInt(packet, 8, ssrc);
        if (withExtras) {
            BigEndian.writeInt(packet, 12, 0x0badcafe);
            packet[16] = (byte) 0xbe;
            packet[17] = (byte) 0xde;
            packet[19] = 1;
            BigEndian.writeInt(packet, 20, 0x10ff0000);
        }
        for (int i = header; i < packet.length; i++) {
            packet[i] = (byte) (i * 31 + seq);
        }
        return packet;
    }

    /** An RTCP receiver report from {@code ssrc} with one report block (RFC 3550 §6.4.2). */
    static byte[] rtcp(int ssrc) {
        byte[] packet = new byte[32];
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 201;
        packet[3] = 7;
        BigEndian.writeInt(packet, 4, ssrc);
        for (int i = 8; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        return packet;
    }

    static ByteBuf heap(byte[] bytes) {
        return Unpooled.buffer(bytes.length + TAILROOM).writeBytes(bytes);
    }

    static ByteBuf direct(byte[] bytes) {
        return Unpooled.directBuffer(bytes.length + TAILROOM).writeBytes(bytes);
    }

    static byte[] bytes(ByteBuf buffer) {
        byte[] out = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), out);
        return out;
    }

    static SrtpMasterKey key(SrtpProfile profile, int seed) {
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] salt = new byte[profile.masterSaltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed + i * 7);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (seed * 3 + i * 11);
        }
        return new SrtpMasterKey(key, salt);
    }
}
