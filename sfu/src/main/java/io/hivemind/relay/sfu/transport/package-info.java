/**
 * The UDP side of the SFU: media sockets (one per media event loop), RFC 7983 demultiplexing of STUN, DTLS and
 * RTP/RTCP on one port, routing of each datagram to the WebRTC transport it belongs to, and counted drops.
 */
package io.hivemind.relay.sfu.transport;
