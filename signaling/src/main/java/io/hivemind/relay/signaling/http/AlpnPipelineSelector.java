package io.hivemind.relay.signaling.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * After the TLS handshake, builds the HTTP/2 or HTTP/1.1 pipeline for the protocol ALPN chose (RFC 7301;
 * RFC 9113 section 3.2). A client that sends no ALPN gets HTTP/1.1.
 */
final class AlpnPipelineSelector extends ApplicationProtocolNegotiationHandler {

    private final SignalingServerInitializer initializer;

    AlpnPipelineSelector(SignalingServerInitializer initializer) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.initializer = initializer;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            initializer.addHttp2(ctx.pipeline());
        } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            initializer.addHttp1(ctx.pipeline(), true);
        } else {
            throw new IllegalStateException("ALPN chose an unoffered protocol");
        }
    }
}
