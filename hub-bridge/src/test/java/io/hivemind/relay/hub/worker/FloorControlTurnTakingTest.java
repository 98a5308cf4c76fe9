package io.hivemind.relay.hub.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivemind.relay.hub.voice.RoomAudioOutput;
import io.hivemind.relay.hub.voice.VoiceAudioConfig;
import io.hivemind.relay.media.time.ManualClock;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two workers' {@link TurnTaking} at one real {@link Floor}, Kit's answer played through a real
 * {@link RoomAudioOutput} on a hand-driven clock: who voices, who drops, which turns are answered.
 */
class FloorControlTurnTakingTest {

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final Floor floor = new Floor();
    private final TurnTaking kit = new TurnTaking(floor.join("kit", "Kit"));
    private final TurnTaking nova = new TurnTaking(floor.join("nova", "Nova"));
    private final AtomicInteger sent = new AtomicInteger();
    private final RoomAudioOutput kitOutput = new RoomAudioOutput(0x4B17, 111, 1, VoiceAudioConfig.DEFAULT, clock,
            ByteBufAllocator.DEFAULT, packet -> {
                sent.incrementAndGet();
                ReferenceCountUtil.release(packet);
            }, 1, 1);
    private final AtomicInteger drops = new AtomicInteger();

    @AfterEach
    void tearDown() {
        kitOutput.close();
    }

    @Test
    void theFirstAnswerTakesTheFloorTheSecondIsDroppedOnceAndTheFloorFreesWhenPlayedOut() {
        assertThat(kit.voice("a1", drops::incrementAndGet)).isTrue();
        assertThat(nova.voice("b1", drops::incrementAndGet)).isFalse();
        assertThat(nova.voice("b1", drops::incrementAndGet)).isFalse();
        assertThat(drops).hasValue(1);
        assertThat(nova.droppedAnswers()).isEqualTo(1);
        assertThat(floor.holder()).isEqualTo("kit");

        kitOutput.speak("a1", new byte[40 * 48]);
        kit.playedOut(kitOutput);
        assertThat(floor.holder()).as("the answer is still arriving").isEqualTo("kit");
        kit.audioEnded();
        kit.playedOut(kitOutput);
        assertThat(floor.holder()).as("40 ms still to play").isEqualTo("kit");
        for (int tick = 0; tick < 3; tick++) {
            clock.advanceMillis(20);
            kitOutput.tick();
            kit.playedOut(kitOutput);
        }

        assertThat(sent).hasValue(2);
        assertThat(floor.holder()).isNull();
        assertThat(nova.voice("b2", drops::incrementAndGet)).isTrue();
        assertThat(floor.holder()).isEqualTo("nova");
    }

    @Test
    void aTurnThatBeganOnAnotherAgentsVoiceIsNotAnsweredEvenWhenItNamesTheListener() {
        kit.voice("a1", drops::incrementAndGet);
        nova.speechStarted("u1");
        assertThat(nova.answers("u1", "Nova, can you check that")).isFalse();

        kit.audioEnded();
        kit.playedOut(kitOutput);
        nova.speechStarted("u2");
        assertThat(nova.answers("u2", "Nova, can you check that")).isTrue();
        assertThat(kit.answers("u3", "what time is it")).as("a turn never seen starting, as the lead").isTrue();
    }

    @Test
    void aHumanBargingInFreesTheFloorStopsTheRestOfTheAnswerAndOwnsTheTurnTheOthersHeard() {
        kit.voice("a1", drops::incrementAndGet);
        nova.speechStarted("u1");

        kit.speechStarted("h1");

        assertThat(floor.holder()).isNull();
        assertThat(kit.voice("a1", drops::incrementAndGet)).as("a delta still in flight").isFalse();
        assertThat(drops).hasValue(0);
        assertThat(nova.answers("u1", "Nova, what do you think")).isTrue();
        assertThat(kit.answers("h1", "Nova, what do you think")).isFalse();
        assertThat(kit.voice("a2", drops::incrementAndGet)).isTrue();
    }

    @Test
    void aDroppedAnswerIsAskedForAgainOnceTheFloorIsFreeButNotAfterABargeIn() {
        kit.voice("a1", drops::incrementAndGet);
        nova.voice("b1", drops::incrementAndGet);

        assertThat(nova.retryOnFreedFloor(true)).as("a human barged in: the human's turn decides").isFalse();
        assertThat(nova.retryOnFreedFloor(false)).as("the wish went with the barge-in").isFalse();

        nova.voice("b2", drops::incrementAndGet);
        assertThat(kit.retryOnFreedFloor(false)).as("Kit dropped nothing").isFalse();
        assertThat(nova.retryOnFreedFloor(false)).isTrue();
        assertThat(nova.retryOnFreedFloor(false)).as("asked once").isFalse();
        assertThat(drops).hasValue(2);
    }
}
