package io.hivemind.relay.sfu.ice;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Records what an {@link IceLiteServer} reported, as readable event strings. */
final class RecordingIceListener implements IceListener {

    final List<String> events = new ArrayList<>();
    int consentExpired;

    @Override
    public void onTupleValidated(InetSocketAddress address) {
        events.add("validated " + address.getPort());
    }

    @Override
    public void onTupleRemoved(InetSocketAddress address) {
        events.add("removed " + address.getPort());
    }

    @Override
    public void onSelectedTuple(InetSocketAddress address, boolean nominated) {
        events.add("selected " + address.getPort() + (nominated ? " nominated" : ""));
    }

    @Override
    public void onConsentExpired() {
        consentExpired++;
        events.add("consent expired");
    }
}
