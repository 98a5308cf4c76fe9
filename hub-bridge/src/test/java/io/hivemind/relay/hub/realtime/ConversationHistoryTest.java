package io.hivemind.relay.hub.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.hub.realtime.ConversationItem.AssistantText;
import io.hivemind.relay.hub.realtime.ConversationItem.FunctionCall;
import io.hivemind.relay.hub.realtime.ConversationItem.FunctionCallOutput;
import io.hivemind.relay.hub.realtime.ConversationItem.UserText;
import org.junit.jupiter.api.Test;

class ConversationHistoryTest {

    @Test
    void lateTranscriptKeepsTheCallersPlace() {
        ConversationHistory history = new ConversationHistory(10);
        history.callerTurnStarted("u1");
        history.agentTranscript("a1", "It is green.");
        history.callerTranscript("u1", "Is the build green?");
        history.callerTurnStarted("u2");
        assertThat(history.items()).containsExactly(new UserText("Is the build green?"),
                new AssistantText("It is green."));
    }

    @Test
    void anAnswerErasedBeforeOrAfterItsTranscriptIsNeverReplayed() {
        ConversationHistory history = new ConversationHistory(2);
        history.callerTranscript("u1", "Kit and Nova?");
        history.agentErased("a1");
        history.agentTranscript("a1", "Nova here, dropped while Kit spoke.");
        history.agentTranscript("a2", "Kit here.");
        history.agentErased("a2");
        assertThat(history.items()).containsExactly(new UserText("Kit and Nova?"));

        history.agentErased("a3");
        history.agentErased("a4");
        history.agentTranscript("a1", "an old id, long forgotten, counts as new");
        assertThat(history.items()).containsExactly(new UserText("Kit and Nova?"),
                new AssistantText("an old id, long forgotten, counts as new"));
    }

    @Test
    void functionCallsAndOutputsReplayInOrder() {
        ConversationHistory history = new ConversationHistory(10);
        history.callerTranscript("u1", "check the tests");
        history.functionCall(new FunctionCall("c1", "ask_computer_agent", "{\"request\":\"tests\"}"));
        history.created(new FunctionCallOutput("c1", "all pass"));
        history.agentTranscript("a1", "All tests pass.");
        assertThat(history.items()).containsExactly(new UserText("check the tests"),
                new FunctionCall("c1", "ask_computer_agent", "{\"request\":\"tests\"}"),
                new FunctionCallOutput("c1", "all pass"), new AssistantText("All tests pass."));
    }

    @Test
    void trimmingNeverLeavesAnOutputWithoutItsCall() {
        ConversationHistory history = new ConversationHistory(3);
        history.functionCall(new FunctionCall("c1", "ask_computer_agent", "{}"));
        history.created(new FunctionCallOutput("c1", "done"));
        history.created(new UserText("one"));
        history.created(new UserText("two"));
        assertThat(history.items()).containsExactly(new UserText("one"), new UserText("two"));
    }

    @Test
    void blankTranscriptsAreNotReplayed() {
        ConversationHistory history = new ConversationHistory(4);
        history.callerTranscript("u1", " ");
        history.agentTranscript("a1", "");
        assertThat(history.items()).isEmpty();
    }
}
