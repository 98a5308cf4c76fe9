package io.hivemind.relay.server;

import io.hivemind.relay.hub.agent.AgentErrorCode;
import io.hivemind.relay.hub.agent.AgentProfile;
import io.hivemind.relay.hub.agent.AgentRequest;
import io.hivemind.relay.hub.agent.AgentRuntimeException;
import io.hivemind.relay.hub.agent.CallContext;
import io.hivemind.relay.hub.realtime.ClientSecretException;
import io.hivemind.relay.hub.realtime.ClientSecretMinter;
import io.hivemind.relay.hub.realtime.RealtimeSessionConfig;
import io.hivemind.relay.hub.realtime.ServerVad;
import io.hivemind.relay.hub.worker.DispatchException;
import io.hivemind.relay.hub.worker.ToolOutput;
import io.hivemind.relay.hub.worker.VoiceWorker;
import io.hivemind.relay.hub.worker.VoiceWorkerObserver;
import io.hivemind.relay.hub.worker.VoiceWorkers;
import io.hivemind.relay.signaling.auth.AccessGrant;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.rest.RestRequest;
import io.hivemind.relay.signaling.rest.RestResponse;
import io.hivemind.relay.signaling.rest.RestRouter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The agent API: list call-capable agents, call one into a room (a voice worker) or out of it, and the BYOK path:
 * mint a short-lived Realtime client secret for an agent's session and run its {@code ask_computer_agent} calls.
 * Every route needs a relay token or a paired device's token ({@code Authorization: Bearer}); dispatching into a
 * room needs a relay token that may join that room or administer it.
 * <pre>
 * GET    /api/agents                           {"agents": [...], "voice": true}
 * POST   /api/rooms/{room}/agents              {"agentId": "repo-guide"}   → 201 the worker
 * DELETE /api/rooms/{room}/agents/{agentId}                                → 204
 * POST   /api/agents/{agentId}/client-secret                              → {"value", "expires_at", "model"}
 * POST   /api/agents/{agentId}/ask             {"request": "...", "callId": "..."} → the tool output
 * </pre>
 */
final class AgentRoutes {

    private final Callers callers;
    private final VoiceWorkers workers;
    private final Optional<ClientSecretMinter> secrets;
    private final RealtimeConfig realtime;

    AgentRoutes(Callers callers, VoiceWorkers workers, Optional<ClientSecretMinter> secrets,
            RealtimeConfig realtime) {
        this.callers = callers;
        this.workers = workers;
        this.secrets = secrets;
        this.realtime = realtime;
    }

    /** The body of a dispatch. */
    record Dispatch(String agentId) {
    }

    /** The body of a BYOK ask. */
    record Ask(String request, String callId) {
    }

    RestRouter.Builder addTo(RestRouter.Builder router) {
        return router
                .route(HttpMethod.GET, "/api/agents", request -> {
                    callers.identify(request.bearerToken());
                    return workers.agents().thenApply(agents -> RestResponse.ok(Map.of("agents",
                            agents.stream().map(AgentRoutes::describe).toList(), "voice", workers.available())));
                })
                .route(HttpMethod.POST, "/api/rooms/{room}/agents", request -> {
                    String room = request.param("room");
                    AccessGrant grant = roomMember(request, room);
                    Dispatch body = request.bodyAs(Dispatch.class);
                    if (body == null || body.agentId() == null || body.agentId().isBlank()) {
                        throw new SignalingException(ErrorCode.BAD_REQUEST, "agentId is required");
                    }
                    return translated(workers.dispatch(room, body.agentId(), grant.identity(), null,
                            VoiceWorkerObserver.NONE).thenApply(worker -> RestResponse.json(
                                    HttpResponseStatus.CREATED, describe(worker))));
                })
                .route(HttpMethod.DELETE, "/api/rooms/{room}/agents/{agentId}", request -> {
                    roomMember(request, request.param("room"));
                    return translated(workers.remove(request.param("room"), request.param("agentId"))
                            .thenApply(done -> RestResponse.noContent()));
                })
                .route(HttpMethod.POST, "/api/agents/{agentId}/client-secret", request -> {
                    callers.identify(request.bearerToken());
                    ClientSecretMinter minter = secrets.orElseThrow(() -> new SignalingException(
                            ErrorCode.VOICE_UNAVAILABLE, "the server has no OpenAI key to mint client secrets with"));
                    return agent(request.param("agentId"))
                            .thenCompose(agent -> minter.mint(RealtimeSessionConfig.forAgent(agent,
                                    realtime.transcriptionModel(), ServerVad.DEFAULT)))
                            .handle((secret, failure) -> {
                                if (failure != null) {
                                    throw upstream(failure);
                                }
                                Map<String, Object> body = new LinkedHashMap<>();
                                body.put("value", secret.value().reveal());
                                body.put("expires_at", secret.expiresAt().getEpochSecond());
                                body.put("model", secret.model());
                                body.put("askUrl", "/api/agents/" + request.param("agentId") + "/ask");
                                return RestResponse.ok(body);
                            });
                })
                .route(HttpMethod.POST, "/api/agents/{agentId}/ask", request -> {
                    String caller = callers.identify(request.bearerToken());
                    Ask body = request.bodyAs(Ask.class);
                    if (body == null || body.request() == null || body.request().isBlank()) {
                        throw new SignalingException(ErrorCode.BAD_REQUEST, "request is required");
                    }
                    return workers.ask(new AgentRequest(request.param("agentId"), body.request(),
                            new CallContext(null, caller, body.callId(), caller)))
                            .handle((answer, failure) -> {
                                if (failure == null) {
                                    return json(ToolOutput.answer(answer));
                                }
                                if (cause(failure) instanceof DispatchException dispatch) {
                                    throw signaling(dispatch);
                                }
                                if (cause(failure) instanceof AgentRuntimeException runtime
                                        && runtime.code() == AgentErrorCode.UNKNOWN_AGENT) {
                                    throw new SignalingException(ErrorCode.UNKNOWN_AGENT, "no such agent");
                                }
                                // Any other failure is an answer the voice model should hear and tell the caller.
                                return json(ToolOutput.error(failure));
                            });
                });
    }

    /** A grant that may join {@code room} or administer it. */
    private AccessGrant roomMember(RestRequest request, String room) {
        AccessGrant grant = callers.grant(request.bearerToken());
        if (!grant.video().roomAdmin()) {
            grant.requireJoin(room);
        } else {
            grant.requireRoomAdmin(room);
        }
        return grant;
    }

    private CompletableFuture<AgentProfile> agent(String id) {
        return workers.agents().thenApply(agents -> agents.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new SignalingException(ErrorCode.UNKNOWN_AGENT, "no such agent")));
    }

    static Map<String, Object> describe(AgentProfile agent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", agent.id());
        out.put("name", agent.name());
        out.put("machine", agent.machine());
        out.put("runtime", agent.runtime());
        out.put("workspace", agent.workspace());
        out.put("skills", agent.skills());
        out.put("voice", agent.voice());
        return out;
    }

    static Map<String, Object> describe(VoiceWorker worker) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("room", worker.roomName());
        out.put("agentId", worker.agent().id());
        out.put("identity", worker.identity());
        out.put("state", worker.state().name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    private static RestResponse json(String body) {
        return new RestResponse(HttpResponseStatus.OK, RestResponse.JSON,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static <T> CompletableFuture<T> translated(CompletableFuture<T> future) {
        return future.handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            if (cause(failure) instanceof DispatchException dispatch) {
                throw new CompletionException(signaling(dispatch));
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }

    static SignalingException signaling(DispatchException e) {
        ErrorCode code = switch (e.error()) {
            case VOICE_UNAVAILABLE -> ErrorCode.VOICE_UNAVAILABLE;
            case AGENTS_UNAVAILABLE -> ErrorCode.AGENTS_UNAVAILABLE;
            case UNKNOWN_AGENT -> ErrorCode.UNKNOWN_AGENT;
            case ALREADY_IN_ROOM -> ErrorCode.AGENT_IN_ROOM;
            case NOT_IN_ROOM -> ErrorCode.AGENT_NOT_IN_ROOM;
            case JOIN_FAILED -> ErrorCode.INTERNAL;
        };
        return new SignalingException(code, e.getMessage());
    }

    private static RuntimeException upstream(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof SignalingException signaling) {
            return signaling;
        }
        if (cause instanceof ClientSecretException secret) {
            // Only the kind and upstream code: the upstream's message may echo part of the key.
            return new SignalingException(ErrorCode.UPSTREAM_FAILED, "the Realtime API refused the client secret: "
                    + secret.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (secret.upstreamCode() == null ? "" : " (" + secret.upstreamCode() + ")"));
        }
        return new SignalingException(ErrorCode.UPSTREAM_FAILED, "could not mint a client secret");
    }
}
