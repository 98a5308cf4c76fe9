package io.hivemind.relay.media.stun;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * One pass over a message's attributes (RFC 8489 §14): checks the TLV framing and the known attributes' lengths,
 * applies the ordering rules of §14.5-§14.7, and remembers where the first occurrence of each known attribute is and
 * which comprehension-required types are unknown. Preallocated; reused for every message.
 */
final class StunAttributeIndex {

    /** {@link #first} of a type this index does not track. */
    static final int NOT_INDEXED = -2;

    private final int[] firstOffset = new int[StunAttributeType.KNOWN_COUNT];
    private final int[] unknownRequired = new int[StunMessage.MAX_REPORTED_UNKNOWN];
    private int unknownRequiredCount;

    void clear() {
        Arrays.fill(firstOffset, -1);
        unknownRequiredCount = 0;
    }

    /**
     * Indexes the attributes from absolute {@code first} to {@code end}, both 32-bit aligned relative to the
     * message. After MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT count, after
     * MESSAGE-INTEGRITY-SHA256 only FINGERPRINT; anything after FINGERPRINT refuses the message.
     */
    StunDropReason build(ByteBuf buf, int first, int end) {
        boolean afterSha1 = false;
        boolean afterSha256 = false;
        int fingerprintSlot = StunAttributeType.slot(StunAttributeType.FINGERPRINT);
        for (int at = first, next; at < end; at = next) {
            if (firstOffset[fingerprintSlot] >= 0) {
                return StunDropReason.MISPLACED_FINGERPRINT;
            }
            int type = buf.getUnsignedShort(at);
            int length = buf.getUnsignedShort(at + 2);
            int value = at + StunAttributeType.HEADER_LENGTH;
            if (StunAttributeType.padded(length) > end - value) {
                return StunDropReason.BAD_ATTRIBUTE;
            }
            next = value + StunAttributeType.padded(length);
            boolean processed = type == StunAttributeType.FINGERPRINT
                    || !afterSha256 && (type == StunAttributeType.MESSAGE_INTEGRITY_SHA256 || !afterSha1);
            if (!processed) {
                continue;
            }
            int slot = StunAttributeType.slot(type);
            if (slot >= 0) {
                if (!StunAttributeType.isWellFormed(type, buf, value, length)) {
                    return StunDropReason.BAD_ATTRIBUTE;
                }
                if (firstOffset[slot] < 0) {
                    firstOffset[slot] = at;
                }
                afterSha1 |= type == StunAttributeType.MESSAGE_INTEGRITY;
                afterSha256 |= type == StunAttributeType.MESSAGE_INTEGRITY_SHA256;
            } else if (StunAttributeType.isComprehensionRequired(type)) {
                if (unknownRequiredCount < unknownRequired.length) {
                    unknownRequired[unknownRequiredCount] = type;
                }
                unknownRequiredCount++;
            }
        }
        return StunDropReason.NONE;
    }

    /** The absolute index of the first processed attribute of a known {@code type}, -1, or {@link #NOT_INDEXED}. */
    int first(int type) {
        int slot = StunAttributeType.slot(type);
        return slot < 0 ? NOT_INDEXED : firstOffset[slot];
    }

    int unknownRequiredCount() {
        return unknownRequiredCount;
    }

    int unknownRequired(int i) {
        return unknownRequired[i];
    }
}
