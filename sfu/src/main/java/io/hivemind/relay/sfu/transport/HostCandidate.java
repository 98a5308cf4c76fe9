package io.hivemind.relay.sfu.transport;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A host candidate of an ICE-lite transport (RFC 8445 §5.1.1.1), as written in SDP (RFC 8839 §5.1):
 * {@code candidate:<foundation> 1 udp <priority> <address> <port> typ host}. With rtcp-mux and BUNDLE there is one
 * component.
 *
 * @param foundation the foundation (same type, base and protocol share it, §5.1.1.3)
 * @param priority   per the formula of RFC 8445 §5.1.2.1
 * @param address    the announced address (the bind address, or the public one of a 1:1 NAT or container)
 * @param port       the media socket's port
 */
public record HostCandidate(String foundation, long priority, InetAddress address, int port) {

    public static final int COMPONENT_RTP = 1;
    /** RFC 8445 §5.1.2.2: 126 for host candidates. */
    public static final int HOST_TYPE_PREFERENCE = 126;
    /** RFC 8445 §5.1.2.1: 65535 when there is a single candidate per component; lower ones rank further ones. */
    public static final int MAX_LOCAL_PREFERENCE = 65535;

    public HostCandidate {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("candidate port out of 1..65535: " + port);
        }
    }

    /**
     * The {@code index}-th announced address of a transport (0 = most preferred): local preference 65535 - index,
     * foundation {@code index + 1} since each address is its own base.
     */
    public static HostCandidate of(int index, InetAddress address, int port) {
        if (index < 0 || index > MAX_LOCAL_PREFERENCE) {
            throw new IllegalArgumentException("candidate index out of range: " + index);
        }
        return new HostCandidate(Integer.toString(index + 1),
                priority(HOST_TYPE_PREFERENCE, MAX_LOCAL_PREFERENCE - index, COMPONENT_RTP), address, port);
    }

    /** RFC 8445 §5.1.2.1: 2^24 * type preference + 2^8 * local preference + (256 - component ID). */
    public static long priority(int typePreference, int localPreference, int componentId) {
        return (1L << 24) * typePreference + (1L << 8) * localPreference + (256 - componentId);
    }

    /** The SDP attribute value, without {@code a=}. */
    public String toSdpValue() {
        String host = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = scope < 0 ? host : host.substring(0, scope);
        }
        return "candidate:" + foundation + ' ' + COMPONENT_RTP + " udp " + priority + ' ' + host + ' ' + port
                + " typ host";
    }
}
