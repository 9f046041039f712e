package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;

/** The survey endpoint's route refuses a set-up in which it would take every respondent for the proxy. */
class SubmissionRouteTest {

    @Test
    void forwardedHeadersAppliedOnlyByTheFrameworkAreRefusedAtStart() {
        ServerProperties server = new ServerProperties();
        server.setForwardHeadersStrategy(ServerProperties.ForwardHeadersStrategy.FRAMEWORK);

        assertThatThrownBy(() -> new SubmissionRoute(null, server).customize(new NettyReactiveWebServerFactory()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOKO_FORWARD_HEADERS=native");
    }
}
