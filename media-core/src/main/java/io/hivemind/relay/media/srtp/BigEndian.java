package io.hivemind.relay.media.srtp;

/** Network-order integers in byte arrays, for the header fields, trailer words and IV parts the transforms touch. */
final class BigEndian {

    private BigEndian() {
    }

    static int readInt(byte[] array, int at) {
        return (array[at] & 0xff) << 24 | (array[at + 1] & 0xff) << 16 | (array[at + 2] & 0xff) << 8
                | (array[at + 3] & 0xff);
    }

    static int readUnsignedShort(byte[] array, int at) {
        return (array[at] & 0xff) << 8 | (array[at + 1] & 0xff);
    }

    static void writeInt(byte[] array, int at, int value) {
        array[at] = (byte) (value >>> 24);
        array[at + 1] = (byte) (value >>> 16);
        array[at + 2] = (byte) (value >>> 8);
        array[at + 3] = (byte) value;
    }
}
