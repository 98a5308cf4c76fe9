package io.hivemind.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairing a phone from the dashboard, in two headless Chromiums: the desk's dashboard (development keys, so its
 * loopback requests are admin) creates a code and shows its QR; the "phone" opens the pairing URL, pairs, and lists
 * the agents with its device token; the desk sees the device, revokes it, and the phone's token is refused. And the
 * call page's Invite link brings a second browser into the same room.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPairingBrowserTest {

    /** {@code fetch(arguments[0])} with this browser's stored device token: {@code {status}}. */
    private static final String FETCH_WITH_DEVICE_TOKEN = """
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], {headers: {Authorization: 'Bearer ' + localStorage.getItem('relay.deviceToken')}})
              .then(r => done({status: r.status}), e => done({error: String(e)}));
            """;

    private RelayServer server;
    private VoicedRelay relay;
    private String base;
    private CallPage desk;
    private CallPage phone;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        relay = VoicedRelay.start(dir, dir.resolve("data"), null, Runtime.getRuntime().availableProcessors());
        server = relay.server;
        base = relay.base();
        desk = new CallPage(dir, "desk", 440, 1000, 0);
        phone = new CallPage(dir, "phone", 440, 1000, 0);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {desk, phone, relay}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void theDashboardPairsAPhoneListsItAndRevokesIt() throws Exception {
        desk.browser().navigate(base + "/dashboard");
        assertThat(desk.await("!document.getElementById('pairing').hidden"))
                .as("an admin on loopback with development keys sees the pairing section").isTrue();
        assertThat(desk.await("window.relayDashboard.agents.some(a => a.id === 'helper')"))
                .as("the dashboard lists the agents with its development token").isTrue();

        desk.eval("(document.getElementById('pair-create').click(), true)");
        assertThat(desk.await("window.relayDashboard.pairingCode && document.getElementById('pair-qr').complete"
                + " && document.getElementById('pair-qr').naturalWidth > 0"))
                .as("the code's QR renders as an image under the page's policy").isTrue();
        JsonNode code = desk.eval("window.relayDashboard.pairingCode");
        assertThat(desk.eval("document.getElementById('pair-code-text').textContent").asText())
                .isEqualTo(code.path("code").asText());
        assertThat(desk.eval("document.getElementById('pair-expiry').textContent").asText())
                .matches("expires in [45]:[0-5][0-9]");
        assertThat(code.path("pairUrl").asText()).isEqualTo(base + "/pair?code=" + code.path("code").asText());

        phone.browser().navigate(code.path("pairUrl").asText());
        // The page's script fills the field once it has run, which a loaded machine can put after navigate returns.
        phone.await("document.getElementById('code').value !== ''");
        assertThat(phone.eval("document.getElementById('code').value").asText())
                .as("the QR's URL fills the code in").isEqualTo(code.path("code").asText());
        phone.eval("(document.getElementById('device-name').value = 'Test phone',"
                + " document.getElementById('pair').click(), true)");
        assertThat(phone.await("window.relayPair.state === 'paired'")).as(phone.eval("window.relayPair").toString())
                .isTrue();
        assertThat(phone.browser().executeAsync(FETCH_WITH_DEVICE_TOKEN, "/api/agents").path("status").asInt())
                .as("the device token lists the agents").isEqualTo(200);

        phone.browser().navigate(base + "/dashboard");
        assertThat(phone.await("window.relayDashboard.credential === 'device'"
                + " && window.relayDashboard.agents.some(a => a.id === 'helper')"))
                .as("the phone's dashboard uses its device token").isTrue();

        assertThat(desk.await("window.relayDashboard.devices.some(d => d.name === 'Test phone' && d.lastSeen)"))
                .as("the desk lists the paired phone with its last-seen time").isTrue();
        String deviceId = desk.eval("window.relayDashboard.devices.find(d => d.name === 'Test phone').id").asText();
        desk.eval("(document.querySelector('#device-list li[data-device=\"" + deviceId + "\"] button').click(),"
                + " true)");
        assertThat(desk.await("window.relayDashboard.devices.some(d => d.id === '" + deviceId + "' && d.revoked)"))
                .as("the device is listed as revoked").isTrue();

        assertThat(phone.browser().executeAsync(FETCH_WITH_DEVICE_TOKEN, "/api/agents").path("status").asInt())
                .as("the revoked token is refused").isEqualTo(401);
        phone.browser().navigate(base + "/dashboard");
        assertThat(phone.await("!document.getElementById('credentials').hidden"
                + " && document.getElementById('credentials-note').textContent.includes('no longer paired')"))
                .as("the phone's dashboard asks to pair again").isTrue();
    }

    @Test
    void theCallPagesInviteLinkJoinsTheSameRoom() throws Exception {
        JsonNode joined = desk.open(base + "/?autojoin=1&room=party&name=host");
        assertThat(joined.path("state").asText()).as(joined.toString()).isEqualTo("connected");
        desk.eval("(document.getElementById('invite').click(), true)");
        assertThat(desk.await("document.getElementById('invite-link').value")).as("an invite link").isTrue();
        String link = desk.eval("document.getElementById('invite-link').value").asText();
        assertThat(link).startsWith(base + "/?room=party&name=guest-").contains("&token=");

        JsonNode guest = phone.open(link + "&autojoin=1");
        assertThat(guest.path("state").asText()).as(guest.toString()).isEqualTo("connected");
        assertThat(phone.eval("c.room").asText()).isEqualTo("party");
        assertThat(desk.await("[...c.participants.values()].some(p => p.identity.startsWith('guest-'))"))
                .as("the host sees the invited guest").isTrue();
    }
}
