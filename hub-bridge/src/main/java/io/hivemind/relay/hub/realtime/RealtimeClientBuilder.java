package io.hivemind.relay.hub.realtime;

import io.hivemind.relay.media.time.NanoClock;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Options of a {@link RealtimeClient}; the defaults suit production. */
public final class RealtimeClientBuilder {
    final RealtimeEndpoint endpoint;
    final ApiSecret key;
    final RealtimeSessionConfig session;
    final RealtimeListener listener;
    EventLoopGroup group;
    Class<? extends Channel> channelType;
    ReconnectPolicy policy = ReconnectPolicy.DEFAULT;
    ReconnectScheduler scheduler;
    NanoClock clock = NanoClock.SYSTEM;
    RandomGenerator random = RandomGenerator.getDefault();
    int historyCapacity = 200;
    SslContext tls;
    Duration keepAlive = Duration.ofSeconds(15);

    RealtimeClientBuilder(RealtimeEndpoint endpoint, ApiSecret key, RealtimeSessionConfig session,
            RealtimeListener listener) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.key = Objects.requireNonNull(key, "key");
        this.session = Objects.requireNonNull(session, "session");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The loop group the connection runs on (one loop is picked) and its matching socket channel type. */
    public RealtimeClientBuilder transport(EventLoopGroup group, Class<? extends Channel> channelType) {
        this.group = Objects.requireNonNull(group, "group");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
        return this;
    }

    public RealtimeClientBuilder reconnectPolicy(ReconnectPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Where reconnection delays are waited out; the default schedules on the client's loop. */
    public RealtimeClientBuilder reconnectScheduler(ReconnectScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /** The clock that measures the gap between a lost session and its replacement. */
    public RealtimeClientBuilder clock(NanoClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The source of backoff jitter. */
    public RealtimeClientBuilder random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * The TLS client context for {@code wss}, for an endpoint behind a private CA (and tests). The default trusts
     * the JDK's trust store and verifies the host name.
     */
    public RealtimeClientBuilder tls(SslContext tls) {
        if (!tls.isClient()) {
            throw new IllegalArgumentException("a client TLS context is needed");
        }
        this.tls = tls;
        return this;
    }

    /**
     * After {@code idle} without receiving anything the client pings; after another {@code idle} of silence it
     * treats the connection as lost and reconnects (default 15 s).
     */
    public RealtimeClientBuilder keepAlive(Duration idle) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + idle);
        }
        this.keepAlive = idle;
        return this;
    }

    /** How many history entries are kept for replay (default 200). */
    public RealtimeClientBuilder historyCapacity(int capacity) {
        this.historyCapacity = capacity;
        return this;
    }

    public RealtimeClient build() {
        if (group == null) {
            throw new IllegalStateException("transport(group, channelType) is required");
        }
        return new RealtimeClient(this);
    }
}
