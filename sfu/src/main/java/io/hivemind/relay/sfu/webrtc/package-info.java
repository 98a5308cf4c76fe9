/**
 * The WebRTC transport of one client PeerConnection: ICE-lite (RFC 8445 §2.5) on a shared media socket, DTLS-SRTP
 * (RFC 5764) keyed by a {@code DtlsEndpoint}, and SRTP/SRTCP protection (RFC 3711, RFC 7714) between the socket and
 * a room. Everything runs on the media socket's event loop, which must be the loop of the room the transport joins.
 */
package io.hivemind.relay.sfu.webrtc;
