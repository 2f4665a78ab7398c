package io.obspipe.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void aFreePortIsBelowTheEphemeralRangesAndCanBeBound() throws IOException {
        for (int i = 0; i < 50; i++) {
            int port = Ports.freePort();

            assertThat(port).isBetween(20_000, 32_767);
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
