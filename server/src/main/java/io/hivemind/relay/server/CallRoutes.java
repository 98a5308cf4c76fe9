package io.hivemind.relay.server;

import io.hivemind.relay.hub.agent.AgentRequest;
import io.hivemind.relay.hub.agent.CallContext;
import io.hivemind.relay.hub.worker.ToolOutput;
import io.hivemind.relay.hub.worker.VoiceWorkers;
import io.hivemind.relay.server.store.CallMode;
import io.hivemind.relay.server.store.CallRecord;
import io.hivemind.relay.server.store.CallRecordStore;
import io.hivemind.relay.signaling.http.ErrorCode;
import io.hivemind.relay.signaling.http.SignalingException;
import io.hivemind.relay.signaling.rest.RestResponse;
import io.hivemind.relay.signaling.rest.RestRouter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The calls API for the dashboard and paired phones (relay token or device token):
 * <pre>
 * POST   /api/calls              {"agentId": "repo-guide", "mode": "room"|"byok"}  → 201 the call and how to connect
 * GET    /api/calls/{id}         the call's state
 * DELETE /api/calls/{id}         hang up                                              → 204
 * POST   /api/calls/{id}/ask     {"request": "..."}: a BYOK call's tool call         → the tool output
 * GET    /api/calls              the latest call records (admin token)
 * </pre>
 */
final class CallRoutes {

    private static final int RECENT = 50;

    private final Callers callers;
    private final CallService calls;
    private final CallRecordStore records;
    private final VoiceWorkers workers;

    CallRoutes(Callers callers, CallService calls, CallRecordStore records, VoiceWorkers workers) {
        this.callers = callers;
        this.calls = calls;
        this.records = records;
        this.workers = workers;
    }

    /** The body of a call request. */
    record Start(String agentId, String mode) {
    }

    /** The body of a BYOK tool call. */
    record Ask(String request) {
    }

    RestRouter.Builder addTo(RestRouter.Builder router) {
        return router
                .route(HttpMethod.POST, "/api/calls", request -> {
                    String caller = callers.identify(request.bearerToken());
                    Start body = request.bodyAs(Start.class);
                    if (body == null || body.agentId() == null || body.agentId().isBlank()) {
                        throw new SignalingException(ErrorCode.BAD_REQUEST, "agentId is required");
                    }
                    CallMode mode = "byok".equals(body.mode()) ? CallMode.BYOK
                            : body.mode() == null || "room".equals(body.mode()) ? CallMode.ROOM : null;
                    if (mode == null) {
                        throw new SignalingException(ErrorCode.BAD_REQUEST, "mode is room or byok");
                    }
                    return calls.start(caller, body.agentId(), mode)
                            .thenApply(call -> RestResponse.json(HttpResponseStatus.CREATED, call));
                })
                .route(HttpMethod.GET, "/api/calls/{id}", request -> CompletableFuture.completedFuture(
                        RestResponse.ok(calls.call(request.param("id"), callers.identify(request.bearerToken()))
                                .view())))
                .route(HttpMethod.DELETE, "/api/calls/{id}", request -> {
                    CallService.Call call = calls.call(request.param("id"), callers.identify(request.bearerToken()));
                    calls.end(call, "hangup", null);
                    return CompletableFuture.completedFuture(RestResponse.noContent());
                })
                .route(HttpMethod.POST, "/api/calls/{id}/ask", request -> {
                    String caller = callers.identify(request.bearerToken());
                    CallService.Call call = calls.call(request.param("id"), caller);
                    Ask body = request.bodyAs(Ask.class);
                    if (body == null || body.request() == null || body.request().isBlank()) {
                        throw new SignalingException(ErrorCode.BAD_REQUEST, "request is required");
                    }
                    return workers.ask(new AgentRequest(call.agent.id(), body.request(),
                                    new CallContext(call.room, caller, Long.toString(call.id), caller)))
                            .handle((answer, failure) -> {
                                calls.toolCalled(call);
                                return json(failure == null ? ToolOutput.answer(answer) : ToolOutput.error(failure));
                            });
                })
                .route(HttpMethod.GET, "/api/calls", request -> {
                    // An admin sees every call; anyone else who may call (a relay token or a paired phone) their own.
                    Callers.Caller caller = callers.caller(request.bearerToken());
                    return (caller.admin() ? records.recent(RECENT) : records.recentOf(caller.identity(), RECENT))
                            .thenApply(recent -> RestResponse.ok(Map.of("calls",
                                    recent.stream().map(CallRoutes::record).toList())));
                });
    }

    private static Map<String, Object> record(CallRecord record) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("callId", Long.toString(record.id()));
        out.put("caller", record.caller());
        out.put("agentId", record.agentId());
        out.put("mode", record.mode().wireName());
        out.put("room", record.room());
        out.put("startedAt", record.startedAt().toString());
        out.put("endedAt", record.endedAt() == null ? null : record.endedAt().toString());
        out.put("endReason", record.endReason());
        out.put("toolCalls", record.toolCalls());
        out.put("error", record.error());
        return out;
    }

    private static RestResponse json(String body) {
        return new RestResponse(HttpResponseStatus.OK, RestResponse.JSON, body.getBytes(StandardCharsets.UTF_8));
    }
}
