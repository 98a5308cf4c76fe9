/**
 * Voice workers: an agent's mouth and ears in a room. A {@link io.hivemind.relay.hub.worker.VoiceWorker} joins
 * a room in process, streams what it hears to OpenAI Realtime, plays what the model says, routes
 * {@code ask_computer_agent} to the agent's runtime and publishes captions; {@link
 * io.hivemind.relay.hub.worker.VoiceWorkers} dispatches and removes them, and seats the agents of a room at one
 * floor so that one speaks at a time and none answers another.
 */
package io.hivemind.relay.hub.worker;
