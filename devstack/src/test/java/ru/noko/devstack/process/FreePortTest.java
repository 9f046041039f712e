package ru.noko.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ports for servers started later: free, each handed out once, and out of the range outgoing connections take. */
class FreePortTest {

    @Test
    void portsAreFreeDistinctAndBelowTheEphemeralRange() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ports.add(ChildProcess.freePort());
        }

        assertThat(ports).doesNotHaveDuplicates().allMatch(port -> port >= 20_000 && port < 32_768);
        for (int port : ports.subList(0, 20)) {
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
