package io.obspipe.localstack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackOptionsTest {

    @Test
    void defaultsToPort8080AndKeepsRunning() {
        assertThat(LocalStackOptions.parse(new String[0], Map.of())).isEqualTo(new LocalStackOptions(8080, false, false));
    }

    @Test
    void argumentWinsOverEnvironment() {
        assertThat(LocalStackOptions.parse(new String[] {"--notifier-port", "9090", "--exit-when-done"}, Map.of("NOTIFIER_PORT", "9191")))
                .isEqualTo(new LocalStackOptions(9090, true, false));
        assertThat(LocalStackOptions.parse(new String[] {"--notifier-port=9292"}, Map.of())).isEqualTo(new LocalStackOptions(9292, false, false));
        assertThat(LocalStackOptions.parse(new String[0], Map.of("NOTIFIER_PORT", "9191"))).isEqualTo(new LocalStackOptions(9191, false, false));
        assertThat(LocalStackOptions.parse(new String[] {"--fresh"}, Map.of())).isEqualTo(new LocalStackOptions(8080, false, true));
    }

    @Test
    void refusesUnknownArgumentsAndBadPorts() {
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--fast"}, Map.of())).hasMessageContaining("unknown argument '--fast'");
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--notifier-port=http"}, Map.of())).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[0], Map.of("NOTIFIER_PORT", "70000"))).hasMessageContaining("1 to 65535");
    }
}
