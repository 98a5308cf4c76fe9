package io.hivemind.relay.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * One SDES item to write (RFC 3550 §6.5): a type from {@link SourceDescriptionView} and UTF-8 text of at most 255
 * octets.
 */
public record SdesItem(int type, String text) {
    private static final int MAX_TEXT_LENGTH = 255;

    public SdesItem {
        if (type <= SourceDescriptionView.END || type > 255) {
            throw new IllegalArgumentException("SDES item type must be 1..255: " + type);
        }
        int length = ByteBufUtil.utf8Bytes(text);
        if (length > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("SDES text is " + length + " octets, at most 255 fit");
        }
    }

    /** The canonical end-point identifier, the one item every compound must carry (RFC 3550 §6.5.1). */
    public static SdesItem cname(String cname) {
        return new SdesItem(SourceDescriptionView.CNAME, cname);
    }

    /** Type, length and text octets. */
    int encodedLength() {
        return 2 + ByteBufUtil.utf8Bytes(text);
    }

    void encodeTo(ByteBuf out) {
        out.writeByte(type);
        out.writeByte(ByteBufUtil.utf8Bytes(text));
        ByteBufUtil.writeUtf8(out, text);
    }
}
