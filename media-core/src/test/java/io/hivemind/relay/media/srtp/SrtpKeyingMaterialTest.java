package io.hivemind.relay.media.srtp;

import static io.hivemind.relay.media.srtp.Packets.bytes;
import static io.hivemind.relay.media.srtp.Packets.heap;
import static io.hivemind.relay.media.srtp.Packets.rtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpKeyingMaterialTest {

    private static byte[] exported(SrtpProfile profile) {
        byte[] material = new byte[SrtpKeyingMaterial.exportLength(profile)];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }
        return material;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void rfc5764Section42Split(SrtpProfile profile) {
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        byte[] material = exported(profile);

        SrtpKeyingMaterial client = SrtpKeyingMaterial.split(profile, material, SrtpKeyingMaterial.Role.CLIENT);
        SrtpKeyingMaterial server = SrtpKeyingMaterial.split(profile, material, SrtpKeyingMaterial.Role.SERVER);

        assertThat(client.local().key()).isEqualTo(slice(material, 0, k));
        assertThat(client.remote().key()).isEqualTo(slice(material, k, k));
        assertThat(client.local().salt()).isEqualTo(slice(material, 2 * k, s));
        assertThat(client.remote().salt()).isEqualTo(slice(material, 2 * k + s, s));
        assertThat(server.local()).isEqualTo(client.remote());
        assertThat(server.remote()).isEqualTo(client.local());
        assertThat(client.toString()).contains("redacted").doesNotContain("[0, 1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void clientOutboundIsServerInbound(SrtpProfile profile) {
        byte[] material = exported(profile);
        SrtpContext clientOut = SrtpKeyingMaterial.split(profile, material, SrtpKeyingMaterial.Role.CLIENT)
                .outbound(4);
        SrtpKeyingMaterial server = SrtpKeyingMaterial.split(profile, material, SrtpKeyingMaterial.Role.SERVER);
        byte[] plain = rtp(9, 77, 40, false);
        ByteBuf packet = heap(plain);
        try {
            assertThat(clientOut.protectRtp(packet)).isEqualTo(SrtpStatus.OK);
            byte[] wire = bytes(packet);
            assertThat(server.outbound(4).unprotectRtp(packet)).isEqualTo(SrtpStatus.AUTH_FAILED);
            packet.clear().writeBytes(wire);
            assertThat(server.inbound(4).unprotectRtp(packet)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(packet)).isEqualTo(plain);
        } finally {
            packet.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void wrongLengthIsRefused(SrtpProfile profile) {
        assertThatThrownBy(() -> SrtpKeyingMaterial.split(profile, new byte[SrtpKeyingMaterial.exportLength(profile)
                - 1], SrtpKeyingMaterial.Role.CLIENT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }
}
