/**
 * ICE-lite (RFC 8445 §2.5, §7.3): the server side of connectivity checks for one WebRTC transport, with consent
 * freshness (RFC 7675) inferred from the peer's checks. Confined to the transport's event loop.
 */
package io.hivemind.relay.sfu.ice;
