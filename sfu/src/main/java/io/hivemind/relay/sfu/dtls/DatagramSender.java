package io.hivemind.relay.sfu.dtls;

/**
 * Where a {@link DtlsEndpoint} writes its outgoing DTLS datagrams. Called on the handshake executor's thread (and on
 * the caller's thread from {@link DtlsEndpoint#close()}): an implementation copies the bytes and hands them to its
 * event loop, which writes them to the ICE-selected address. It must not block for long and must not keep
 * {@code datagram} after returning.
 */
@FunctionalInterface
public interface DatagramSender {

    /** Sends {@code length} bytes of {@code datagram} from {@code offset} as one UDP datagram. */
    void send(byte[] datagram, int offset, int length);
}
